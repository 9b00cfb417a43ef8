package dev.keepalivelab.server;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each way the server fails to start is one sentence: what it could not do, with what, and why. */
class StartFailureTest {
    static final Duration IDLE = Duration.ofSeconds(30);

    static String startFailure(ServerSettings settings) {
        Server server = LabServer.newServer(settings, LabSettings.defaults());
        return assertThrows(StartFailure.class, () -> LabServer.start(server)).getMessage();
    }

    @Test
    void aPortInUseNamesTheAddressAndWhichPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals("cannot listen on 127.0.0.1:" + port + ": the port is in use",
                    startFailure(ServerSettings.of("127.0.0.1", port, IDLE)));
            assertEquals("cannot listen on 127.0.0.1:" + port + " (--https-port): the port is in use",
                    startFailure(ServerSettings.of("127.0.0.1", 0, IDLE).with(Setting.HTTPS_PORT, Integer.toString(port))));
        }
    }

    @Test
    void aHostThatDoesNotResolveIsSaidInWords() {
        assertEquals("cannot listen on nonexistent.invalid:8080: the host name does not resolve",
                startFailure(ServerSettings.of("nonexistent.invalid", 8080, IDLE)));
        assertEquals("cannot listen on nonexistent.invalid (any free port): the host name does not resolve",
                startFailure(ServerSettings.of("nonexistent.invalid", 0, IDLE)));
    }

    @Test
    void anAddressOfAnotherMachineIsSaidInWords() {
        // TEST-NET-1 (RFC 5737): never an address of this machine.
        assertEquals("cannot listen on 192.0.2.1 (any free port): the address is not one of this machine's",
                startFailure(ServerSettings.of("192.0.2.1", 0, IDLE)));
    }

    @Test
    void anAccessLogThatCannotBeWrittenBlamesTheLogNotTheAddress(@TempDir Path dir) {
        ServerSettings settings = ServerSettings.of("127.0.0.1", 0, IDLE);
        assertEquals("cannot write the access log " + dir + ": it is a directory", startFailure(settings.with(Setting.ACCESS_LOG, dir.toString())));
        Path orphan = dir.resolve("no-such-dir/access.log");
        assertEquals("cannot write the access log " + orphan + ": its directory " + orphan.getParent() + " does not exist",
                startFailure(settings.with(Setting.ACCESS_LOG, orphan.toString())));
    }

    @Test
    void aFailedStartLeavesNoPortOpen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerSettings settings = ServerSettings.of("127.0.0.1", 0, IDLE).with(Setting.HTTPS_PORT, Integer.toString(taken.getLocalPort()));
            Server server = LabServer.newServer(settings, LabSettings.defaults());
            assertThrows(StartFailure.class, () -> LabServer.start(server));
            assertEquals(false, ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).isOpen(),
                    "the plain connector opened before the HTTPS one failed must be closed again");
        }
    }

    @Test
    void aLabThatStartsKeepsWorking() throws Exception {
        try (TestLab lab = TestLab.startHttps()) {
            assertEquals(200, lab.connect().get("/test1.jpg").status());
        }
    }
}
