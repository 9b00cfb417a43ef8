package dev.keepalivelab.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.ToolRun;
import dev.keepalivelab.support.TrustEveryCertificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The matrix's clients that run as commands: curl, nghttp, and a few lines of Node, Python, Java or Go each (test resources). */
final class CommandClients {
    static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    static final String JDK25_PROPERTY = "keepalivelab.jdk25";
    /** nghttp -v: a response's status, e.g. {@code [  0.012] recv (stream_id=13) :status: 200}. */
    private static final Pattern NGHTTP_STATUS = Pattern.compile("recv \\(stream_id=\\d+\\) :status: (\\d+)");
    /** curl's {@code -w} line per transfer; --parallel adds its progress meter even with -s. */
    private static final Pattern CURL_TRANSFER = Pattern.compile("(?m)^(\\d{3}) (\\d+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandClients() {
    }

    static List<MatrixClient> all() {
        return List.of(curl(Curl.HTTP1), curl(Curl.H2), curl(Curl.H2C), new Nghttp(), script("Node 20 `http2` module (HTTP/2)", tool("node", "nodejs"), "node-http2.js", true),
                script("Node 20 `fetch` (undici, HTTP/1.1)", tool("node", "nodejs"), "node-fetch.js", false),
                script("Python httpx + h2 (HTTP/2)", debianPython(), "python-httpx.py", true),
                script("Python http.client (HTTP/1.1)", debianPython(), "python-http-client.py", false),
                script("JDK 25 HttpClient (HTTP/2)", CommandClients::jdk25, "JdkHttpClient.java", true),
                script("Go 1.19 net/http (HTTP/1.1)", goRun(), "go-matrix.go", false),
                script("Go 1.19 net/http (HTTP/2)", goRun(), "go-matrix.go", true));
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

    /** The command that runs a script of ours: the program, and what it needs before the script's path. */
    interface Launcher {
        List<String> command() throws Exception;
    }

    static Launcher tool(String command, String debianPackage) {
        return () -> List.of(ExternalTool.require(command, debianPackage).toString());
    }

    /** Go's {@code go run}, which builds the script with the standard library alone (its build cache makes later runs quick). */
    static Launcher goRun() {
        return () -> List.of(ExternalTool.require("go", "golang-go").toString(), "run");
    }

    /** Debian's python3, which has httpx and h2 (the python3 first on the PATH may not). */
    static Launcher debianPython() {
        return () -> List.of("/usr/bin/python3");
    }

    /**
     * The JDK 25 the build names for its AOT cache ({@value #JDK25_PROPERTY}, set from the pom's {@code aot.java}), with
     * its source launcher and the test classes on its class path (the script trusts as {@link TrustEveryCertificate} does).
     */
    static List<String> jdk25() throws Exception {
        Path java = Path.of(System.getProperty(JDK25_PROPERTY, "(" + JDK25_PROPERTY + " unset)"));
        if (!Files.isExecutable(java)) {
            ExternalTool.missing("no JDK 25 at " + java + " (the pom's aot.java, passed as " + JDK25_PROPERTY + ")");
        }
        Path testClasses = Path.of(TrustEveryCertificate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return List.of(java.toString(), "-cp", testClasses.toString());
    }

    /** A script of ours (a test resource) that prints a {@link Run} as JSON. */
    static MatrixClient script(String name, Launcher launcher, String resource, boolean http2) {
        return new MatrixClient.Base(name, http2) {
            @Override
            public Run run(List<String> urls, Duration gap, boolean atOnce) throws Exception {
                return runScript(launcher, resource, urls, gap, atOnce);
            }
        };
    }

    /** Runs a script of ours on {@code urls}: URLS_JSON GAP_MS sequential|burst, then {@code more} arguments of its own. */
    static MatrixClient.Run runScript(Launcher launcher, String resource, List<String> urls, Duration gap, boolean atOnce, String... more) throws Exception {
        List<String> command = new ArrayList<>(launcher.command());
        command.addAll(List.of(Path.of(CommandClients.class.getResource(resource).toURI()).toString(), JSON.writeValueAsString(urls),
                Long.toString(gap.toMillis()), atOnce ? "burst" : "sequential"));
        command.addAll(List.of(more));
        return MatrixClient.Run.ofJson(ToolRun.output(command, RUN_LIMIT));
    }
}
