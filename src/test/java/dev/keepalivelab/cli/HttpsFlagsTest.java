package dev.keepalivelab.cli;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.server.SelfSignedCertificate;
import dev.keepalivelab.server.TlsKeys;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLSocket;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTPS flags: their values, how they depend on each other, and every way a keystore can be wrong. */
class HttpsFlagsTest {
    static final String PASSWORD = "lab-secret";
    /** Set nowhere: what a user's typo in --keystore-password-env finds. */
    static final String UNSET_VARIABLE = "KEEPALIVE_LAB_TEST_UNSET_7F3A";

    @TempDir
    Path dir;
    final StringWriter err = new StringWriter();

    CommandLineOptions.Outcome parse(String... args) {
        return CommandLineOptions.parse(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    void assertUsageError(String message, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(new CommandLineOptions.Exit(CommandLineOptions.EXIT_USAGE), parse(args), err::toString);
        assertEquals("keepalive-lab: " + message + System.lineSeparator() + CommandLineOptionsTest.TRY_HELP + System.lineSeparator(),
                err.toString());
    }

    Path keystore(String storePassword) throws Exception {
        KeyStore store = SelfSignedCertificate.newKeyStore(storePassword.toCharArray());
        Path file = dir.resolve("lab.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, storePassword.toCharArray());
        }
        return file;
    }

    @Test
    void httpsIsOffByDefaultAndHttp2OnAt128Streams() {
        LaunchConfig config = ((CommandLineOptions.Run) parse()).config();
        assertTrue(config.server().httpsPort().isEmpty());
        assertTrue(config.server().http2());
        assertEquals(128, config.server().maxConcurrentStreams());
        assertEquals(Optional.empty(), config.keystore());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --https-port             | 65536 | Invalid value '65536' for --https-port: allowed is off, or an integer from 0 to 65535 (0 picks a free port).
            --https-port             | on    | Invalid value 'on' for --https-port: allowed is off, or an integer from 0 to 65535 (0 picks a free port).
            --http2                  | true  | Invalid value 'true' for --http2: allowed is on or off.
            --http2                  | ON    | Invalid value 'ON' for --http2: allowed is on or off.
            --max-concurrent-streams | 0     | Invalid value '0' for --max-concurrent-streams: allowed is an integer from 1 to 2147483647.
            --max-concurrent-streams | 2147483648 | Invalid value '2147483648' for --max-concurrent-streams: allowed is an integer from 1 to 2147483647.
            --keystore-password-env  | 1PASS | Invalid value '1PASS' for --keystore-password-env: allowed is the name of a set environment variable (letters, digits and _, not starting with a digit; needs --keystore), or empty for none.
            --keystore-password-env  | A-B   | Invalid value 'A-B' for --keystore-password-env: allowed is the name of a set environment variable (letters, digits and _, not starting with a digit; needs --keystore), or empty for none.
            """)
    void badValuesExit2NamingTheFlagTheValueAndWhatIsAllowed(String flag, String value, String message) {
        assertUsageError(message, flag, value);
    }

    @Test
    void theKeystoreFlagsNeedEachOtherAndHttps() throws Exception {
        String file = keystore(PASSWORD).toString();
        assertUsageError("--keystore needs --https-port or --https-http1-port: without them the lab serves no HTTPS.",
                "--keystore", file, "--keystore-password-env", "HOME");
        assertUsageError("--keystore needs --keystore-password-env NAME: the keystore's password comes from the environment"
                + " variable NAME.", "--https-port", "0", "--keystore", file);
        assertUsageError("--keystore-password-env needs --keystore: it names the variable that holds the keystore's password.",
                "--https-port", "0", "--keystore-password-env", "HOME");
    }

    @Test
    void aMissingEnvironmentVariableIsAUsageErrorNamingIt() throws Exception {
        assertUsageError("--keystore-password-env " + UNSET_VARIABLE + ": the environment variable " + UNSET_VARIABLE + " is not set.",
                "--https-port", "0", "--keystore", keystore(PASSWORD).toString(), "--keystore-password-env", UNSET_VARIABLE);
    }

    @Test
    void aKeystoreThatIsNoFileIsAUsageError() {
        Path missing = dir.resolve("missing.p12");
        assertUsageError("--keystore " + missing + ": no such file.",
                "--https-port", "0", "--keystore", missing.toString(), "--keystore-password-env", "HOME");
        assertUsageError("--keystore " + dir + ": it is a directory, not a file.",
                "--https-port", "0", "--keystore", dir.toString(), "--keystore-password-env", "HOME");
    }

    @Test
    void aFileThatIsNotPkcs12IsRefused() throws Exception {
        Path pem = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> TlsKeys.load(pem, PASSWORD));
        assertEquals("--keystore " + pem + ": not a PKCS12 keystore.", e.getMessage());
    }

    @Test
    void aWrongPasswordIsRefusedNamingThePasswordFlag() throws Exception {
        Path file = keystore(PASSWORD);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> TlsKeys.load(file, "not-" + PASSWORD));
        assertEquals("--keystore " + file + ": the password in --keystore-password-env is not its password.", e.getMessage());
    }

    @Test
    void aGoodKeystoreIsServed() throws Exception {
        Path file = keystore(PASSWORD);
        ServerSettings settings = ServerSettings.of("127.0.0.1", 0, java.time.Duration.ofSeconds(30)).with(Setting.HTTPS_PORT, "0")
                .with(Map.of(Setting.KEYSTORE, file.toString(), Setting.KEYSTORE_PASSWORD_ENV, "LAB_PASSWORD"));
        TlsKeys keys = TlsKeys.fromKeystore(settings, Map.of("LAB_PASSWORD", PASSWORD)::get).orElseThrow();
        KeyStore expected = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            expected.load(in, PASSWORD.toCharArray());
        }
        assertEquals(expected.getCertificate(SelfSignedCertificate.ALIAS), keys.certificate());
        assertTrue(keys.origin().startsWith("from --keystore " + file + ", "), keys.origin());
        Server server = LabServer.newServer(settings, LabSettings.defaults(), Optional.of(keys));
        LabServer.start(server);
        try (SSLSocket socket = (SSLSocket) TestLab.trusting(keys.certificate()).getSocketFactory()
                .createSocket("127.0.0.1", LabServer.httpsPort(server).orElseThrow())) {
            socket.startHandshake();
            assertEquals(keys.certificate(), socket.getSession().getPeerCertificates()[0], "the keystore's certificate is served");
        } finally {
            server.stop();
        }
    }
}
