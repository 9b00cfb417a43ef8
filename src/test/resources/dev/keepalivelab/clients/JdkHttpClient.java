// The JDK's java.net.http.HttpClient over HTTP/2, with its defaults, run by a newer JDK than the build's with its source
// launcher; it trusts any certificate, as curl -k does (TrustEveryCertificate, on the class path). It gives no account
// of its connections. Usage: java -cp TEST_CLASSES JdkHttpClient.java URLS_JSON GAP_MS sequential|burst
import dev.keepalivelab.support.TrustEveryCertificate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class JdkHttpClient {
    private static final Pattern URL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static void main(String[] args) throws Exception {
        List<String> urls = new ArrayList<>();
        for (Matcher url = URL.matcher(args[0]); url.find(); ) {
            urls.add(url.group(1).replaceAll("\\\\(.)", "$1"));
        }
        long gap = Long.parseLong(args[1]);
        List<String> errors = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TrustEveryCertificate.context()).build()) {
            if (args[2].equals("burst")) {
                try (ExecutorService threads = Executors.newFixedThreadPool(urls.size())) {
                    List<CompletableFuture<String>> calls = urls.stream()
                            .map(url -> CompletableFuture.supplyAsync(() -> get(client, url), threads)).toList();
                    calls.forEach(call -> errors.add(call.join()));
                }
            } else {
                for (String url : urls) {
                    errors.add(get(client, url));
                    Thread.sleep(gap);
                }
            }
        }
        List<String> failed = errors.stream().filter(error -> error != null).toList();
        System.out.println("{\"sent\":" + urls.size() + ",\"answered\":" + (urls.size() - failed.size()) + ",\"connections\":null,\"error\":"
                + (failed.isEmpty() ? "null" : quoted(failed.get(0))) + "}");
    }

    /** One GET: null when it was answered 200 with its whole body, else what went wrong. */
    private static String get(HttpClient client, String url) {
        try {
            int status = client.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "keepalive-matrix").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            return status == 200 ? null : "status " + status;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
