package dev.keepalivelab.support;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded Tomcat serving a WAR (or its unpacked copy) at {@link LabWar#CONTEXT} on a free loopback port, and on
 * request on a second one over HTTPS with HTTP/2.
 */
public final class EmbeddedTomcat implements AutoCloseable {
    private final Tomcat tomcat;
    private final Context context;
    /** The HTTPS connector; null when there is none. */
    private final Connector https;

    private EmbeddedTomcat(Tomcat tomcat, Context context, Connector https) {
        this.tomcat = tomcat;
        this.context = context;
        this.https = https;
    }

    /**
     * @param baseDir                   CATALINA_BASE, a fresh directory
     * @param docBase                   the WAR, or a directory holding its unpacked copy
     * @param failCtxIfServletStartFails Tomcat's {@code failCtxIfServletStartFails} of the context
     */
    public static EmbeddedTomcat start(Path baseDir, Path docBase, boolean failCtxIfServletStartFails) throws Exception {
        return start(baseDir, docBase, failCtxIfServletStartFails, null);
    }

    /** Like {@link #start}, with an HTTPS connector that offers h2 and http/1.1 by ALPN, its certificate from {@code keystore}. */
    public static EmbeddedTomcat startWithTls(Path baseDir, Path docBase, LabKeystore keystore) throws Exception {
        return start(baseDir, docBase, false, keystore);
    }

    private static EmbeddedTomcat start(Path baseDir, Path docBase, boolean failCtxIfServletStartFails, LabKeystore keystore)
            throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toAbsolutePath().toString());
        Files.createDirectories(baseDir.resolve("webapps"));
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("connectionTimeout", "20000"); // as in Tomcat's stock conf/server.xml
        tomcat.setConnector(connector);
        Connector https = keystore == null ? null : httpsConnector(keystore, baseDir);
        if (https != null) {
            tomcat.getService().addConnector(https);
        }
        // conf/web.xml's defaults: the lab maps / itself, and without Jasper the JSP servlet would fail to load.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp(LabWar.CONTEXT, docBase.toAbsolutePath().toString());
        StandardContext standardContext = (StandardContext) context;
        standardContext.setFailCtxIfServletStartFails(failCtxIfServletStartFails);
        // Leak detection on undeploy needs --add-opens that the test JVM lacks; it would only warn.
        standardContext.setClearReferencesThreadLocals(false);
        standardContext.setClearReferencesRmiTargets(false);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            tomcat.destroy();
            throw e;
        }
        return new EmbeddedTomcat(tomcat, context, https);
    }

    /**
     * What the server.xml snippet of docs/deploying-the-war.md says: {@code <Connector port="8443" SSLEnabled="true" ...>} with an
     * {@code <SSLHostConfig>}, its {@code <Certificate>} from a PKCS12 file whose password is in a file of its own, and
     * {@code <UpgradeProtocol Http2Protocol/>}.
     */
    private static Connector httpsConnector(LabKeystore keystore, Path baseDir) throws IOException {
        Connector https = new Connector();
        https.setPort(0);
        https.setProperty("address", "127.0.0.1");
        https.setProperty("connectionTimeout", "20000");
        https.setScheme("https");
        https.setSecure(true);
        https.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keystore.file().toString());
        Path passwordFile = Files.writeString(baseDir.resolve("keepalive-lab.p12.password"), keystore.password());
        certificate.setCertificateKeystorePasswordFile(passwordFile.toAbsolutePath().toString());
        certificate.setCertificateKeystoreType("PKCS12");
        host.addCertificate(certificate);
        https.addSslHostConfig(host);
        https.addUpgradeProtocol(new Http2Protocol());
        return https;
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    public int httpsPort() {
        if (https == null) {
            throw new IllegalStateException("this Tomcat has no HTTPS connector");
        }
        return https.getLocalPort();
    }

    public Context context() {
        return context;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
