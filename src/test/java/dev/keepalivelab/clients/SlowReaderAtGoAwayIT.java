package dev.keepalivelab.clients;

import dev.keepalivelab.server.socket.GoAway;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK 25 HttpClient reading each body 50 ms after it is offered, twelve requests one after another over HTTP/2,
 * under each control that ends a connection after a given request (the age ends one after a time): the client has read
 * the closing request's whole response when the final GOAWAY arrives, and fails it if an EOF reaches it before it has
 * handed the response over. The connection stays open for {@link GoAway#CLOSE_GRACE}, so every request is answered;
 * with the output shut at once, the request before each close fails in every run ({@code IOException: EOF reached
 * while reading}).
 */
class SlowReaderAtGoAwayIT {
    private static final long READ_AFTER_MILLIS = 50;

    @ParameterizedTest
    @EnumSource(value = InteropMatrixIT.Control.class, mode = EnumSource.Mode.EXCLUDE, names = "MAX_AGE")
    void aSlowReaderLosesNoResponseWhereTheLabEndsTheConnection(InteropMatrixIT.Control control) throws Exception {
        String tag = "slow-reader-" + control.name().toLowerCase().replace('_', '-');
        try (TestLab lab = TestLab.start(control.initParams, TestLab.httpsSettings())) {
            List<String> urls = InteropMatrixIT.urls("https://127.0.0.1:" + lab.httpsPort(), tag, control);
            MatrixClient.Run run = CommandClients.runScript(CommandClients::jdk25, "JdkHttpClient.java", urls, Duration.ZERO, false,
                    Long.toString(READ_AFTER_MILLIS));

            assertEquals(urls.size(), run.answered(), "answered whole; the first error: " + run.firstError());
            Connections record = LabSide.settled(lab, tag);
            long connections = record.client(tag).map(Connections.Client::connections).orElse(0);
            boolean everyRequestCloses = control == InteropMatrixIT.Control.USER_AGENT || control == InteropMatrixIT.Control.POLICY_CLOSE;
            assertEquals(everyRequestCloses ? urls.size() : 3, connections, "connections");
            assertTrue(LabSide.lapses(record, tag).isEmpty(), "the lab's record: " + LabSide.lapses(record, tag));
        }
    }
}
