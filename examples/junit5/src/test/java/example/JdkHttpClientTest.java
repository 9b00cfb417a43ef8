package example;

import dev.keepalivelab.junit.KeepAliveLabExtension;
import dev.keepalivelab.testing.FaultSpec;
import dev.keepalivelab.testing.KeepAliveLabServer;
import dev.keepalivelab.testing.RecordedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the JDK's HttpClient does when a pooled connection turns out dead: it resends a GET, never a POST. */
class JdkHttpClientTest {
    @RegisterExtension
    static final KeepAliveLabExtension LAB = new KeepAliveLabExtension();

    /** The JDK client names itself so; the lab's record sums up each client by its User-Agent. */
    static final String JDK_CLIENT = "Java-http-client/" + System.getProperty("java.version");

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aGetOnAStaleConnectionIsSentAgainOnAFreshOne(KeepAliveLabServer lab) throws Exception {
        lab.arm(FaultSpec.of("close-on-reuse").requests(1)); // the next response keeps its connection, which dies when reused

        assertEquals(200, get(lab, "/test1.jpg").statusCode());
        assertEquals(200, get(lab, "/test2.jpg").statusCode()); // the caller never sees the stale connection

        RecordedClient jdk = lab.record().client(JDK_CLIENT).orElseThrow();
        assertEquals(1, jdk.lost());    // the lab closed the stale connection on the second GET...
        assertEquals(1, jdk.retried()); // ...and the client sent it again on a new connection
    }

    @Test
    void aPostOnAConnectionThatIsResetFailsAndIsNotSentAgain(KeepAliveLabServer lab) throws Exception {
        lab.arm(FaultSpec.of("reset-on-reuse").requests(1)); // the next request after this response meets a TCP reset

        get(lab, "/test1.jpg");
        HttpRequest post = HttpRequest.newBuilder(lab.url("/submit")).POST(HttpRequest.BodyPublishers.ofString("order=1")).build();
        assertThrows(IOException.class, () -> client.send(post, HttpResponse.BodyHandlers.discarding()));

        assertEquals(1, lab.record().client(JDK_CLIENT).orElseThrow().notRetried()); // a POST is not safe to resend
    }

    private HttpResponse<Void> get(KeepAliveLabServer lab, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(lab.url(path)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
