package dev.keepalivelab.portability;

import dev.keepalivelab.support.InitParamEdit;
import dev.keepalivelab.support.JettyHomeBase;
import dev.keepalivelab.support.JettyProcess;
import dev.keepalivelab.support.LabKeystore;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WAR over HTTPS and HTTP/2 on a standalone jetty-home 12.1 whose JETTY_BASE is set up as jetty-config/README.md
 * tells: modules http, ee10-deploy, ssl, https and http2, jetty-config/'s files and jetty-config/https's, a keystore.
 */
class JettyHomeTlsIT extends PortableTlsContract {
    JettyHomeBase base;
    JettyProcess running;

    @Override
    TlsDeployment deploy(List<InitParamEdit> edits, LabKeystore keystore) throws Exception {
        if (base == null) {
            base = JettyHomeBase.createWithTls(Files.createTempDirectory(Path.of("target"), "jetty-tls-base-"), keystore);
        }
        base.editInitParams(edits);
        JettyProcess jetty = base.start();
        try {
            jetty.awaitStarted();
            running = jetty;
            return new TlsDeployment(jetty.awaitStartedTls(), jetty);
        } catch (Throwable e) {
            jetty.close();
            throw e;
        }
    }

    /** jetty-config/https excludes the cipher suites Jetty warns about; the keystore opens with the password from the environment. */
    @Test
    void theTlsConnectorStartsWithH2AndNoWarning() throws Exception {
        deployed();
        String log = running.log();
        assertTrue(log.contains("{SSL, (ssl, alpn, h2, http/1.1)}{127.0.0.1:"), log);
        assertFalse(log.contains(":WARN :"), log);
    }

    /** Jetty selects http/1.1. */
    @Override
    String alpnAnswerToHttp11Only() {
        return "http/1.1";
    }
}
