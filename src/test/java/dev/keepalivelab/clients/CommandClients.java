package dev.keepalivelab.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.ToolRun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The matrix's clients that run as commands: curl, nghttp, and a few lines of Node or Python each (test resources). */
final class CommandClients {
    static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    /** nghttp -v: a response's status, e.g. {@code [  0.012] recv (stream_id=13) :status: 200}. */
    private static final Pattern NGHTTP_STATUS = Pattern.compile("recv \\(stream_id=\\d+\\) :status: (\\d+)");
    /** curl's {@code -w} line per transfer; --parallel adds its progress meter even with -s. */
    private static final Pattern CURL_TRANSFER = Pattern.compile("(?m)^(\\d{3}) (\\d+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandClients() {
    }

    static List<MatrixClient> all() {
        return List.of(curl(Curl.HTTP1), curl(Curl.H2), curl(Curl.H2C), new Nghttp(), script("Node 20 `http2` module (HTTP/2)", "node", "nodejs", "node-http2.js", true),
                script("Node 20 `fetch` (undici, HTTP/1.1)", "node", "nodejs", "node-fetch.js", false),
                script("Python httpx + h2 (HTTP/2)", "/usr/bin/python3", "python3-httpx python3-h2", "python-httpx.py", true),
                script("Python http.client (HTTP/1.1)", "/usr/bin/python3", "python3", "python-http-client.py", false));
    }

    /** The protocols curl is asked for. */
    enum Curl {
        HTTP1("HTTP/1.1", "--http1.1"), H2("HTTP/2", "--http2"), H2C("h2c, prior knowledge", "--http2-prior-knowledge");

        final String label;
        final String option;

        Curl(String label, String option) {
            this.label = label;
            this.option = option;
        }
    }

    /** curl 7.88, its own account from {@code -w '%{http_code} %{num_connects}'} per transfer. */
    static MatrixClient curl(Curl wire) {
        boolean http2 = wire == Curl.H2;
        return new MatrixClient() {
            @Override
            public String name() {
                return "curl 7.88 (" + wire.label + ")";
            }

            @Override
            public boolean tls() {
                return http2;
            }

            @Override
            public boolean h2c() {
                return wire == Curl.H2C;
            }

            @Override
            public Run sequential(List<String> urls, Duration gap) throws Exception {
                List<String> options = gap.isZero() ? List.of() : List.of("--rate", 60_000 / gap.toMillis() + "/m");
                return run(urls, options);
            }

            @Override
            public Run burst(List<String> urls) throws Exception {
                return http2 ? run(urls, List.of("--parallel", "--parallel-max", Integer.toString(urls.size()))) : null;
            }

            private Run run(List<String> urls, List<String> options) throws Exception {
                List<String> command = new ArrayList<>(List.of(ExternalTool.require("curl", "curl").toString(), "-sk",
                        wire.option, "-A", USER_AGENT, "-w", "%{http_code} %{num_connects}\\n"));
                command.addAll(options);
                for (String url : urls) {
                    command.addAll(List.of("-o", "/dev/null", url));
                }
                int answered = 0;
                int connections = 0;
                String firstError = null;
                Matcher transfer = CURL_TRANSFER.matcher(ToolRun.output(command, RUN_LIMIT));
                while (transfer.find()) {
                    String[] codeAndConnects = {transfer.group(1), transfer.group(2)};
                    connections += Integer.parseInt(codeAndConnects[1]);
                    if (codeAndConnects[0].equals("200")) {
                        answered++;
                    } else if (firstError == null) {
                        firstError = "status " + codeAndConnects[0];
                    }
                }
                return new Run(urls.size(), answered, connections, firstError);
            }
        };
    }

    /** nghttp 1.52: every URL at once on one connection; it never opens a second one. */
    static final class Nghttp implements MatrixClient {
        @Override
        public String name() {
            return "nghttp 1.52 (HTTP/2)";
        }

        @Override
        public boolean tls() {
            return true;
        }

        @Override
        public boolean sendsInSequence() {
            return false;
        }

        @Override
        public Run sequential(List<String> urls, Duration gap) {
            throw new UnsupportedOperationException("nghttp sends every URL of a run at once");
        }

        @Override
        public Run burst(List<String> urls) throws Exception {
            List<String> command = new ArrayList<>(List.of(ExternalTool.require("nghttp", "nghttp2-client").toString(),
                    "-v", "-n", "-H", "user-agent: " + USER_AGENT));
            command.addAll(urls);
            String out = ToolRun.output(command, RUN_LIMIT);
            Matcher status = NGHTTP_STATUS.matcher(out);
            int answered = 0;
            while (status.find()) {
                answered += status.group(1).equals("200") ? 1 : 0;
            }
            String firstError = answered == urls.size() ? null
                    : out.lines().filter(line -> line.contains("RST_STREAM") || line.contains("GOAWAY")).findFirst()
                    .map(line -> line.replaceFirst("^\\[[^]]*] ", "")).orElse("no response");
            return new Run(urls.size(), answered, 1, firstError);
        }
    }

    /** A script of ours (a test resource) that prints a {@link Run} as JSON. */
    static MatrixClient script(String name, String program, String debianPackage, String resource, boolean http2) {
        return new MatrixClient.Base(name, http2) {
            @Override
            public Run run(List<String> urls, Duration gap, boolean atOnce) throws Exception {
                String executable = program.startsWith("/") ? program : ExternalTool.require(program, debianPackage).toString();
                Path script = Path.of(CommandClients.class.getResource(resource).toURI());
                return Run.ofJson(ToolRun.output(List.of(executable, script.toString(), JSON.writeValueAsString(urls),
                        Long.toString(gap.toMillis()), atOnce ? "burst" : "sequential"), RUN_LIMIT));
            }
        };
    }
}
