package dev.keepalivelab.clients;

import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.ServerProcess;
import dev.keepalivelab.support.TestLab;
import dev.keepalivelab.support.ToolRun;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What real HTTP clients do when the lab springs a fault on the connection they pooled, measured on the wire (the lab's
 * own {@code clients} summary says whether the request came again on a new connection) and held against the table in
 * docs/testing-clients.md, which this test keeps true: a client that changes its behaviour fails it, with the row it
 * measured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRecipesIT {
    static final Path DOCS = Path.of("docs/testing-clients.md");
    static final String TABLE_BEGIN = "<!-- client table: measured by ClientRecipesIT -->\n";
    static final String TABLE_END = "<!-- client table end -->";

    /**
     * The least time between the two requests: a pool may return a connection a moment after the response's last byte
     * was read (Node's did, for an image, so that a fetch right after went on a new connection or not, by chance).
     */
    static final Duration LEAST_PAUSE = Duration.ofMillis(50);
    /** The lab advertises {@code Keep-Alive: timeout=2} on every kept response. */
    static final String KEEP_ALIVE_TIMEOUT = "2s";

    /** Two requests: a fault sprung on the second, or the second sent after a pause within the advertised timeout. */
    enum Scenario {
        GET_CLOSE_ON_REUSE("GET after `close-on-reuse`", "GET", "close-on-reuse", Duration.ZERO),
        POST_CLOSE_ON_REUSE("POST after `close-on-reuse`", "POST", "close-on-reuse", Duration.ZERO),
        GET_RESET_ON_REUSE("GET after `reset-on-reuse`", "GET", "reset-on-reuse", Duration.ZERO),
        GET_AFTER_IDLE("GET 1 s after `Keep-Alive: timeout=2`", "GET", null, Duration.ofSeconds(1));

        final String heading;
        final String method;
        final String fault;
        final Duration pause;

        Scenario(String heading, String method, String fault, Duration pause) {
            this.heading = heading;
            this.method = method;
            this.fault = fault;
            this.pause = pause;
        }
    }

    /** A client that sends two requests one after the other, pooling the connection if it pools. */
    interface Client extends AutoCloseable {
        String name();

        /** Stops what the client started (a proxy's process). */
        @Override
        default void close() throws Exception {
        }

        /** What the caller saw of the second request, sent {@code pause} after the first: its status, or the client's error. */
        String twoRequests(String method, String first, String second, Duration pause) throws Exception;
    }

    TestLab lab;

    @BeforeAll
    void start() throws Exception {
        lab = TestLab.start(Map.of("keepAliveTimeout", KEEP_ALIVE_TIMEOUT));
    }

    @AfterAll
    void stop() throws Exception {
        lab.close();
    }

    @Test
    void theDocumentedTableIsWhatTheClientsDo() throws Exception {
        List<Client> clients = List.of(new ApacheHttpClient(), new OkHttp(), new JdkHttpClient(),
                new Command("curl", "curl"), new Command("Node fetch (undici)", "nodejs"), new Command("Python http.client", "python3"),
                Proxy.nginx(lab.port()), Proxy.haproxy(lab.port()));
        StringBuilder table = new StringBuilder("| client |");
        for (Scenario scenario : Scenario.values()) {
            table.append(' ').append(scenario.heading).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(Scenario.values().length)).append('\n');
        for (Client client : clients) {
            try (client) {
                table.append("| ").append(client.name()).append(" |");
                for (Scenario scenario : Scenario.values()) {
                    table.append(' ').append(measure(client, scenario)).append(" |");
                }
                table.append('\n');
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/client-recipes.md"), table);
        String docs = Files.readString(DOCS);
        int begin = docs.indexOf(TABLE_BEGIN);
        int end = docs.indexOf(TABLE_END);
        String documented = begin < 0 || end < begin ? "(no table in " + DOCS + ")" : docs.substring(begin + TABLE_BEGIN.length(), end);
        assertEquals(table.toString(), documented, DOCS + " says otherwise; measured (also in target/client-recipes.md):\n" + table);
    }

    private String measure(Client client, Scenario scenario) throws Exception {
        String tag = (client.name() + "-" + scenario.name()).replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        String base = "http://127.0.0.1:" + lab.port();
        String firstPath = scenario.method.equals("POST") ? "/submit" : "/test1.jpg";
        String secondPath = scenario.method.equals("POST") ? "/submit" : "/test2.jpg";
        String seen = client.twoRequests(scenario.method, base + firstPath + "?client=" + tag
                + (scenario.fault == null ? "" : "&fault=" + scenario.fault), base + secondPath + "?client=" + tag,
                scenario.pause.compareTo(LEAST_PAUSE) < 0 ? LEAST_PAUSE : scenario.pause);
        Connections.Client summary = summaryOf(tag);
        if (scenario.fault == null) {
            return (summary.reused() > 0 ? "reused the connection: " : "new connection: ") + seen;
        }
        if (summary.lost() == 0) {
            return "new connection (no reuse): " + seen;
        }
        if (summary.retriedNonIdempotent() > 0) {
            return "retried on a new connection (the POST sent twice): " + seen;
        }
        if (summary.retried() > 0) {
            return "retried on a new connection: " + seen;
        }
        return "not retried: " + seen;
    }

    /** The client's summary once both of its requests (and any retry) have settled. */
    private Connections.Client summaryOf(String tag) throws Exception {
        return LabRecord.summaryOf(lab, tag, c -> c.requests() >= 2);
    }

    /** One client's connection pool, open for two requests. */
    interface Pool extends AutoCloseable {
        /** Sends a request (with a small body for POST) and reads the whole response; its status. */
        int send(String method, String url) throws Exception;
    }

    /** A Java client library, with its defaults. */
    abstract static class Library implements Client {
        abstract Pool open();

        @Override
        public String twoRequests(String method, String first, String second, Duration pause) throws Exception {
            try (Pool pool = open()) {
                pool.send(method, first);
                Thread.sleep(pause.toMillis()); // The pause is what is measured: how the pool treats a connection idle that long.
                try {
                    return Integer.toString(pool.send(method, second));
                } catch (IOException e) {
                    return e.getClass().getSimpleName();
                }
            }
        }
    }

    static final class ApacheHttpClient extends Library {
        @Override
        public String name() {
            return "Apache HttpClient 5.6.5 (classic, defaults)";
        }

        @Override
        Pool open() {
            CloseableHttpClient client = HttpClients.createDefault();
            return new Pool() {
                @Override
                public int send(String method, String url) throws IOException {
                    HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(url));
                    if (method.equals("POST")) {
                        request.setEntity(new StringEntity("ok"));
                    }
                    return client.execute(request, response -> {
                        EntityUtils.consume(response.getEntity());
                        return response.getCode();
                    });
                }

                @Override
                public void close() throws IOException {
                    client.close();
                }
            };
        }
    }

    static final class OkHttp extends Library {
        @Override
        public String name() {
            return "OkHttp 5.5.1 (defaults)";
        }

        @Override
        Pool open() {
            OkHttpClient client = new OkHttpClient();
            return new Pool() {
                @Override
                public int send(String method, String url) throws IOException {
                    okhttp3.Request request = new okhttp3.Request.Builder().url(url)
                            .method(method, method.equals("POST") ? RequestBody.create("ok", MediaType.get("text/plain")) : null).build();
                    try (okhttp3.Response response = client.newCall(request).execute()) {
                        response.body().bytes();
                        return response.code();
                    }
                }

                @Override
                public void close() {
                    client.dispatcher().executorService().shutdown();
                    client.connectionPool().evictAll();
                }
            };
        }
    }

    static final class JdkHttpClient extends Library {
        @Override
        public String name() {
            return "JDK java.net.http.HttpClient (HTTP/1.1)";
        }

        @Override
        Pool open() {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            return new Pool() {
                @Override
                public int send(String method, String url) throws Exception {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).method(method, method.equals("POST")
                            ? HttpRequest.BodyPublishers.ofString("ok") : HttpRequest.BodyPublishers.noBody()).build();
                    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                }

                /** Java 17's client has no close (21's does); its idle connections time out in the pool. */
                @Override
                public void close() {
                }
            };
        }
    }

    /**
     * A reverse proxy that pools its connections to the lab (nginx with upstream keepalive, HAProxy with
     * {@code http-reuse always}), in front of two separate curl runs: each run is a new client connection, while the
     * proxy reuses its upstream one, and meets the fault there.
     */
    static final class Proxy implements Client {
        private final String name;
        private final int labPort;
        private final int port;
        private final ServerProcess process;

        private Proxy(String name, int labPort, int port, ServerProcess process) {
            this.name = name;
            this.labPort = labPort;
            this.port = port;
            this.process = process;
        }

        static Proxy nginx(int labPort) throws Exception {
            Path nginx = ExternalTool.require("nginx", "nginx");
            Path dir = Files.createTempDirectory("recipes-nginx");
            int port = ServerProcess.freePort();
            Files.writeString(dir.resolve("nginx.conf"), """
                    daemon off; master_process off; worker_processes 1; pid %1$s/nginx.pid; error_log %1$s/error.log;
                    events { worker_connections 64; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s; uwsgi_temp_path %1$s; scgi_temp_path %1$s;
                        upstream lab { server 127.0.0.1:%2$d; keepalive 4; }
                        server {
                            listen 127.0.0.1:%3$d;
                            location / { proxy_pass http://lab; proxy_http_version 1.1; proxy_set_header Connection ""; }
                        }
                    }
                    """.formatted(dir, labPort, port));
            return new Proxy("nginx 1.22 (upstream keepalive 4)", labPort, port, ServerProcess.start("nginx", port, dir,
                    new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())));
        }

        static Proxy haproxy(int labPort) throws Exception {
            Path haproxy = ExternalTool.require("haproxy", "haproxy");
            Path dir = Files.createTempDirectory("recipes-haproxy");
            int port = ServerProcess.freePort();
            Files.writeString(dir.resolve("haproxy.cfg"), """
                    global
                        maxconn 64
                    defaults
                        mode http
                        timeout connect 5s
                        timeout client 30s
                        timeout server 30s
                        http-reuse always
                    frontend lab
                        bind 127.0.0.1:%2$d
                        default_backend lab
                    backend lab
                        server lab 127.0.0.1:%1$d
                    """.formatted(labPort, port));
            return new Proxy("HAProxy 2.6 (http-reuse always)", labPort, port, ServerProcess.start("haproxy", port, dir,
                    new ProcessBuilder(haproxy.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString())));
        }

        @Override
        public String name() {
            return name;
        }

        /** Two curl runs through the proxy; what the second one's caller got: the proxy's status. */
        @Override
        public String twoRequests(String method, String first, String second, Duration pause) throws Exception {
            Command curl = new Command("curl", "curl");
            String viaProxy = ":" + port + "/";
            curl.twoRequests(method, first.replace(":" + labPort + "/", viaProxy), null, Duration.ZERO);
            Thread.sleep(pause.toMillis()); // the pause under test, as in Library: how the proxy treats its idle connection
            return curl.twoRequests(method, second.replace(":" + labPort + "/", viaProxy), null, Duration.ZERO);
        }

        @Override
        public void close() throws Exception {
            process.close();
        }
    }

    /** A client driven as a command: curl, or a few lines of Node or Python that print what the second request saw. */
    static final class Command implements Client {
        private final String name;
        private final String debianPackage;

        Command(String name, String debianPackage) {
            this.name = name;
            this.debianPackage = debianPackage;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String twoRequests(String method, String first, String second, Duration pause) throws Exception {
            List<String> command = new ArrayList<>();
            long pauseMillis = pause.toMillis();
            switch (debianPackage) {
                case "curl" -> {
                    ExternalTool.require("curl", "curl");
                    String body = method.equals("POST") ? "-d ok " : "";
                    String next = second == null ? "" : " --next -s -o /dev/null -w '%{http_code}\\n' " + body + "'" + second + "'";
                    // --rate spaces the transfers of one run (so that they can share its connection) a pause apart.
                    String rate = pauseMillis > 0 ? "--rate " + (60_000 / pauseMillis) + "/m " : "";
                    command.addAll(List.of("sh", "-c", "out=$(curl " + rate + "-s -o /dev/null -w '%{http_code}\\n' " + body + "'" + first + "'"
                            + next + "); code=$?; if [ $code -eq 0 ]; then echo \"$out\" | tail -n 1; else echo \"curl exit $code\"; fi"));
                }
                case "nodejs" -> {
                    ExternalTool.require("node", "nodejs");
                    String init = method.equals("POST") ? "{method: 'POST', body: 'ok'}" : "{}";
                    command.addAll(List.of("node", "-e", "(async () => {"
                            + " const r1 = await fetch('" + first + "', " + init + "); await r1.arrayBuffer();"
                            + " await new Promise(r => setTimeout(r, " + pauseMillis + "));"
                            + " try { const r2 = await fetch('" + second + "', " + init + "); await r2.arrayBuffer(); console.log(r2.status); }"
                            + " catch (e) { console.log('TypeError: fetch failed (' + ((e.cause && e.cause.code) || e.cause) + ')'); } })()"));
                }
                default -> {
                    ExternalTool.require("python3", "python3");
                    String body = method.equals("POST") ? "b'ok'" : "None";
                    command.addAll(List.of("python3", "-c", "import http.client, time, urllib.parse\n"
                            + "u1 = urllib.parse.urlsplit('" + first + "'); u2 = urllib.parse.urlsplit('" + second + "')\n"
                            + "c = http.client.HTTPConnection(u1.hostname, u1.port)\n"
                            + "c.request('" + method + "', u1.path + '?' + u1.query, body=" + body + "); c.getresponse().read()\n"
                            + "time.sleep(" + pauseMillis / 1000.0 + ")\n"
                            + "try:\n"
                            + "    c.request('" + method + "', u2.path + '?' + u2.query, body=" + body + "); r = c.getresponse(); r.read(); print(r.status)\n"
                            + "except Exception as e:\n"
                            + "    print(type(e).__name__)\n"));
                }
            }
            String out = ToolRun.output(command, Duration.ofSeconds(30));
            String[] lines = out.split("\n");
            return lines[lines.length - 1].trim();
        }
    }
}
