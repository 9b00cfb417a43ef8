package dev.keepalivelab.server;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.spec.PBEParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A self-signed EC P-256 certificate for the names a local client uses, made in-process with BouncyCastle's
 * certificate builder (the keys, the signature and the certificate parsing are the JDK's own providers).
 */
public final class SelfSignedCertificate {
    /** The subject alternative names: every way a browser or curl on this machine names the lab. */
    static final List<String> NAMES = List.of("localhost", "127.0.0.1", "::1");
    public static final String ALIAS = "keepalive-lab";
    /** A clock a little behind the client's must not make the certificate "not yet valid". */
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration VALIDITY = Duration.ofDays(30);

    private SelfSignedCertificate() {
    }

    /** A keystore holding the new key and certificate under {@link #ALIAS}, protected by {@code password}. */
    public static KeyStore newKeyStore(char[] password) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = certificate(keys);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry(ALIAS, new KeyStore.PrivateKeyEntry(keys.getPrivate(), new Certificate[]{certificate}), inMemoryProtection(password));
            return store;
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make a self-signed certificate: " + e, e);
        }
    }

    /**
     * One PBKDF2 iteration instead of PKCS12's 10,000: the store never leaves this process, and each 10,000 cost
     * about 0.1 s at start (once to protect the key, once more when the connector reads it).
     */
    private static KeyStore.PasswordProtection inMemoryProtection(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new KeyStore.PasswordProtection(password, "PBEWithHmacSHA256AndAES_256", new PBEParameterSpec(salt, 1));
    }

    private static X509Certificate certificate(KeyPair keys) throws IOException, OperatorCreationException, GeneralSecurityException {
        X500Name subject = new X500Name("CN=localhost, O=keepalive-lab (self-signed)");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(NAMES.stream()
                .map(name -> new GeneralName(Character.isLetter(name.charAt(0)) ? GeneralName.dNSName : GeneralName.iPAddress, name))
                .toArray(GeneralName[]::new)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
