package dev.keepalivelab.support;

import dev.keepalivelab.server.SelfSignedKeystoreFile;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/** A PKCS12 keystore file with a self-signed certificate, for a foreign container's HTTPS connector. */
public record LabKeystore(Path file, String password, X509Certificate certificate) {
    public static final String PASSWORD = "keepalive-lab-test";

    public static LabKeystore write(Path file) throws Exception {
        Path absolute = file.toAbsolutePath();
        return new LabKeystore(absolute, PASSWORD, SelfSignedKeystoreFile.write(absolute, PASSWORD));
    }

    /** A client TLS context that trusts exactly this keystore's certificate. */
    public SSLContext trustingClientContext() throws Exception {
        return TestLab.trusting(certificate);
    }
}
