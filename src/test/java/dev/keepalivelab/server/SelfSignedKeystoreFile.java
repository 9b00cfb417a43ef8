package dev.keepalivelab.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** Writes the lab's self-signed key and certificate to a PKCS12 file, as an operator's keystore for a foreign container. */
public final class SelfSignedKeystoreFile {
    public static final String ALIAS = SelfSignedCertificate.ALIAS;

    private SelfSignedKeystoreFile() {
    }

    /** Writes a new key and certificate (for localhost, 127.0.0.1, ::1) to {@code file}, store and key under {@code password}. */
    public static X509Certificate write(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = SelfSignedCertificate.newKeyStore(password.toCharArray());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return (X509Certificate) store.getCertificate(ALIAS);
    }
}
