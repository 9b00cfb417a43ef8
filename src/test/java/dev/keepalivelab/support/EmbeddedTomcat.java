package dev.keepalivelab.support;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;

import java.nio.file.Files;
import java.nio.file.Path;

/** An embedded Tomcat serving a WAR (or its unpacked copy) at {@link LabWar#CONTEXT} on a free loopback port. */
public final class EmbeddedTomcat implements AutoCloseable {
    private final Tomcat tomcat;
    private final Context context;

    private EmbeddedTomcat(Tomcat tomcat, Context context) {
        this.tomcat = tomcat;
        this.context = context;
    }

    /**
     * @param baseDir                   CATALINA_BASE, a fresh directory
     * @param docBase                   the WAR, or a directory holding its unpacked copy
     * @param failCtxIfServletStartFails Tomcat's {@code failCtxIfServletStartFails} of the context
     */
    public static EmbeddedTomcat start(Path baseDir, Path docBase, boolean failCtxIfServletStartFails) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toAbsolutePath().toString());
        Files.createDirectories(baseDir.resolve("webapps"));
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("connectionTimeout", "20000"); // as in Tomcat's stock conf/server.xml
        tomcat.setConnector(connector);
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
        return new EmbeddedTomcat(tomcat, context);
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
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
