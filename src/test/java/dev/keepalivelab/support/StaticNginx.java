package dev.keepalivelab.support;

import dev.keepalivelab.lab.page.LabContent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * nginx 1.22 serving the lab's image names (and any other files a test gives it) as static files, one server per list
 * of directives, each on a plain HTTP/1.1 port, a TLS port with HTTP/2 (a certificate made by openssl for 127.0.0.1)
 * and a plain port with HTTP/2 by prior knowledge (h2c). Its access log is its record: each request's client tag
 * ({@code ?client=}, {@code -} without one) and nginx's connection serial number.
 */
public final class StaticNginx implements AutoCloseable {
    /** The ports of one server: plain HTTP/1.1, TLS with HTTP/2, h2c. */
    public record Ports(int plain, int tls, int h2c) {
    }

    /** The tag of the requests that carry no {@code ?client=}, as nginx logs an empty value. */
    public static final String UNTAGGED = "-";

    private final ServerProcess process;
    private final List<Ports> ports;

    private StaticNginx(ServerProcess process, List<Ports> ports) {
        this.process = process;
        this.ports = ports;
    }

    /** Starts nginx with {@code files} (name to content) beside the images, and a server for each of {@code serverDirectives}. */
    public static StaticNginx start(Map<String, byte[]> files, List<String> serverDirectives) throws Exception {
        Path nginx = ExternalTool.require("nginx", "nginx");
        Path openssl = ExternalTool.require("openssl", "openssl");
        Path dir = Files.createTempDirectory("static-nginx");
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] picture = LabContent.read(LabContent.PICTURE);
        for (String name : LabContent.IMAGE_NAMES) {
            Files.write(root.resolve(name), picture);
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(root.resolve(file.getKey()), file.getValue());
        }
        ToolRun.output(List.of(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()), Duration.ofSeconds(30));
        List<Ports> ports = new ArrayList<>();
        StringBuilder servers = new StringBuilder();
        for (String directives : serverDirectives) {
            Ports server = new Ports(ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort());
            ports.add(server);
            servers.append("""
                    server {
                        listen 127.0.0.1:%d; listen 127.0.0.1:%d ssl http2; listen 127.0.0.1:%d http2;
                        ssl_certificate %s/cert.pem; ssl_certificate_key %s/key.pem;
                        root %s; keepalive_timeout 30s; %s
                    }
                    """.formatted(server.plain(), server.tls(), server.h2c(), dir, dir, root, directives));
        }
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off; master_process off; worker_processes 1; pid %1$s/nginx.pid; error_log %1$s/error.log;
                events { worker_connections 256; }
                http {
                    types { text/html html; image/jpeg jpg; }
                    log_format tagged '$arg_client $connection';
                    access_log %1$s/access.log tagged;
                    client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s; uwsgi_temp_path %1$s; scgi_temp_path %1$s;
                    %2$s
                }
                """.formatted(dir, servers));
        return new StaticNginx(ServerProcess.start("nginx", ports.get(ports.size() - 1).tls(), dir,
                new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())), ports);
    }

    /** The ports of the server made from the {@code index}th list of directives. */
    public Ports ports(int index) {
        return ports.get(index);
    }

    /** The connections nginx logged requests of {@code tag} on, once it has logged at least {@code requests} of them. */
    public long connectionsOf(String tag, int requests) throws Exception {
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
