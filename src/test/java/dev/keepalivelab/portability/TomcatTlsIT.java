package dev.keepalivelab.portability;

import dev.keepalivelab.support.EmbeddedTomcat;
import dev.keepalivelab.support.InitParamEdit;
import dev.keepalivelab.support.LabKeystore;
import dev.keepalivelab.support.LabWar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * The WAR over HTTPS and HTTP/2 on an embedded Tomcat 11: an HTTPS connector with an SSLHostConfig whose certificate
 * comes from a PKCS12 file, and Http2Protocol as its upgrade protocol (the server.xml snippet of docs/deploying-the-war.md).
 */
class TomcatTlsIT extends PortableTlsContract {
    /** TomcatIT's quiet logger: warnings and errors only. */
    static final Logger TOMCAT_LOGGER = TomcatIT.TOMCAT_LOGGER;

    @Override
    TlsDeployment deploy(List<InitParamEdit> edits, LabKeystore keystore) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "tomcat-tls-");
        Path docBase = edits.isEmpty() ? LabWar.war() : LabWar.unpackWithEdits(dir.resolve("keepalive-lab"), edits);
        EmbeddedTomcat tomcat = EmbeddedTomcat.startWithTls(dir.resolve("base"), docBase, keystore);
        return new TlsDeployment(tomcat.httpsPort(), tomcat);
    }

    /** Tomcat's ALPN selects only h2 (its upgrade protocol); for http/1.1 it selects nothing and speaks HTTP/1.1. */
    @Override
    String alpnAnswerToHttp11Only() {
        return "";
    }
}
