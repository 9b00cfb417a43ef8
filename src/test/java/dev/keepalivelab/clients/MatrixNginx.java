package dev.keepalivelab.clients;

import dev.keepalivelab.lab.page.LabContent;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.ServerProcess;
import dev.keepalivelab.support.TestLab;
import dev.keepalivelab.support.ToolRun;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * nginx 1.22 serving the lab's image names as static files, one server per control it has ({@code keepalive_requests},
 * {@code keepalive_time}), each on a plain HTTP/1.1 port, a TLS port with HTTP/2 (a certificate made by openssl for
 * 127.0.0.1) and a plain port with HTTP/2 by prior knowledge (h2c). Its access log is its record: the client tag ({@code ?client=}) and nginx's connection serial number.
 */
final class MatrixNginx implements AutoCloseable {
    /** What nginx has of the lab's controls. */
    enum Control {
        KEEPALIVE_REQUESTS("keepalive_requests 5;"),
        KEEPALIVE_TIME("keepalive_time " + InteropMatrixIT.MAX_AGE.toMillis() + "ms;");

        final String directive;

        Control(String directive) {
            this.directive = directive;
        }
    }

    private final ServerProcess process;
    private final Map<Control, int[]> ports;

    private MatrixNginx(ServerProcess process, Map<Control, int[]> ports) {
        this.process = process;
        this.ports = ports;
    }

    static MatrixNginx start() throws Exception {
        Path nginx = ExternalTool.require("nginx", "nginx");
        Path openssl = ExternalTool.require("openssl", "openssl");
        Path dir = Files.createTempDirectory("matrix-nginx");
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] picture;
        try (InputStream in = LabContent.class.getResourceAsStream(LabContent.PICTURE)) {
            picture = in.readAllBytes();
        }
        for (String name : LabContent.IMAGE_NAMES) {
            Files.write(root.resolve(name), picture);
        }
        ToolRun.output(List.of(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()), Duration.ofSeconds(30));
        Map<Control, int[]> ports = new EnumMap<>(Control.class);
        StringBuilder servers = new StringBuilder();
        for (Control control : Control.values()) {
            int[] plainTlsH2c = {ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort()};
            ports.put(control, plainTlsH2c);
            servers.append("""
                    server {
                        listen 127.0.0.1:%d; listen 127.0.0.1:%d ssl http2; listen 127.0.0.1:%d http2;
                        ssl_certificate %s/cert.pem; ssl_certificate_key %s/key.pem;
                        root %s; keepalive_timeout 30s; %s
                    }
                    """.formatted(plainTlsH2c[0], plainTlsH2c[1], plainTlsH2c[2], dir, dir, root, control.directive));
        }
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off; master_process off; worker_processes 1; pid %1$s/nginx.pid; error_log %1$s/error.log;
                events { worker_connections 256; }
                http {
                    log_format matrix '$arg_client $connection';
                    access_log %1$s/access.log matrix;
                    client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s; uwsgi_temp_path %1$s; scgi_temp_path %1$s;
                    %2$s
                }
                """.formatted(dir, servers));
        int last = ports.get(Control.KEEPALIVE_TIME)[1];
        return new MatrixNginx(ServerProcess.start("nginx", last, dir,
                new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())), ports);
    }

    /** The base URL of {@code control}'s server for {@code client}: plain HTTP/1.1, TLS with HTTP/2, or h2c. */
    String base(Control control, MatrixClient client) {
        return (client.tls() ? "https" : "http") + "://127.0.0.1:" + ports.get(control)[client.tls() ? 1 : client.h2c() ? 2 : 0];
    }

    /** The connections nginx logged requests of {@code tag} on, once it has logged at least {@code requests} of them. */
    long connectionsOf(String tag, int requests) throws Exception {
        Path log = process.dir().resolve("access.log");
        List<String> lines = Await.until(requests + " requests of " + tag + " in nginx's log", TestLab.CLOSE_WAIT,
                () -> Files.readAllLines(log).stream().filter(line -> line.startsWith(tag + " ")).toList(),
                logged -> logged.size() >= requests);
        return lines.stream().distinct().count();
    }

    @Override
    public void close() throws Exception {
        process.close();
    }
}
