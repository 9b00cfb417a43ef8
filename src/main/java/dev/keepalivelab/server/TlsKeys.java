package dev.keepalivelab.server;

import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The HTTPS connector's private key and certificate: the user's keystore, or a self-signed certificate made at start. */
public final class TlsKeys {
    private final KeyStore keyStore;
    private final String alias;
    private final String password;
    private final X509Certificate certificate;
    /** Where the keys come from, as the start lines say it. */
    private final String origin;

    private TlsKeys(KeyStore keyStore, String alias, String password, X509Certificate certificate, String origin) {
        this.keyStore = keyStore;
        this.alias = alias;
        this.password = password;
        this.certificate = certificate;
        this.origin = origin;
    }

    /** A new EC P-256 key and a self-signed certificate for localhost, 127.0.0.1 and ::1. */
    public static TlsKeys selfSigned() {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getEncoder().encodeToString(secret);
        KeyStore store = SelfSignedCertificate.newKeyStore(password.toCharArray());
        try {
            return new TlsKeys(store, SelfSignedCertificate.ALIAS, password, (X509Certificate) store.getCertificate(SelfSignedCertificate.ALIAS),
                    "self-signed for " + String.join(", ", SelfSignedCertificate.NAMES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The keystore that {@code --keystore} names, opened with the password in the environment variable that
     * {@code --keystore-password-env} names; empty when there is no {@code --keystore}.
     *
     * @throws InvalidSettingException naming the flag and what is wrong: not a file, not PKCS12, wrong password, no key
     */
    public static Optional<TlsKeys> fromKeystore(ServerSettings settings, UnaryOperator<String> environment) {
        if (settings.keystore().isEmpty()) {
            return Optional.empty();
        }
        String file = settings.keystore().get();
        String variable = settings.keystorePasswordEnv().orElseThrow();
        String password = environment.apply(variable);
        if (password == null) {
            throw new InvalidSettingException(Setting.KEYSTORE_PASSWORD_ENV.flag(), Setting.KEYSTORE_PASSWORD_ENV.flag() + " "
                    + variable + ": the environment variable " + variable + " is not set.");
        }
        return Optional.of(load(Path.of(file), password));
    }

    public static TlsKeys load(Path file, String password) {
        String flag = Setting.KEYSTORE.flag() + " " + file;
        if (!Files.isRegularFile(file)) {
            throw keystoreProblem(flag + ": " + (Files.isDirectory(file) ? "it is a directory, not a file." : "no such file."));
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw keystoreProblem(flag + ": the password in " + Setting.KEYSTORE_PASSWORD_ENV.flag() + " is not its password.");
            }
            throw keystoreProblem(flag + ": " + (Files.isReadable(file) ? "not a PKCS12 keystore." : "cannot read it (" + e.getMessage() + ")."));
        } catch (GeneralSecurityException e) {
            throw keystoreProblem(flag + ": not a PKCS12 keystore (" + e.getMessage() + ").");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    store.getKey(alias, password.toCharArray()); // the connector reads the key with the same password
                    return new TlsKeys(store, alias, password, certificate, "from " + flag + ", " + certificate.getSubjectX500Principal().getName());
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw keystoreProblem(flag + ": its private key has another password than the keystore; the lab needs one password for both.");
        } catch (GeneralSecurityException e) {
            throw keystoreProblem(flag + ": cannot read its private key (" + e.getMessage() + ").");
        }
        throw keystoreProblem(flag + ": it holds no private key with an X.509 certificate.");
    }

    private static InvalidSettingException keystoreProblem(String message) {
        return new InvalidSettingException(Setting.KEYSTORE.flag(), message);
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    /** The keystore entry that holds the key. */
    String alias() {
        return alias;
    }

    String password() {
        return password;
    }

    /** The certificate the server presents. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Where the keys come from: {@code self-signed for ...} or {@code from --keystore FILE, SUBJECT}. */
    public String origin() {
        return origin;
    }

    /** The base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's --ignore-certificate-errors-spki-list takes. */
    public String spkiFingerprint() {
        return spkiFingerprint(certificate);
    }

    public static String spkiFingerprint(X509Certificate certificate) {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded(); // X.509 SubjectPublicKeyInfo, DER
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
