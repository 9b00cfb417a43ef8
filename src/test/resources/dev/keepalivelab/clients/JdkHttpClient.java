// The JDK's java.net.http.HttpClient over HTTP/2, with its defaults, run by a newer JDK than the build's with its source
// launcher; it trusts any certificate, as curl -k does (TrustEveryCertificate, on the class path). It gives no account
// of its connections. Usage: java -cp TEST_CLASSES JdkHttpClient.java URLS_JSON GAP_MS sequential|burst [READ_AFTER_MS]
// READ_AFTER_MS makes it a slow reader: it asks for each body that long after the client offers it.
import dev.keepalivelab.support.TrustEveryCertificate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
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
        HttpResponse.BodyHandler<byte[]> bodies = args.length > 3 ? readAfter(Long.parseLong(args[3])) : HttpResponse.BodyHandlers.ofByteArray();
        List<String> errors = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TrustEveryCertificate.context()).build()) {
            if (args[2].equals("burst")) {
                try (ExecutorService threads = Executors.newFixedThreadPool(urls.size())) {
                    List<CompletableFuture<String>> calls = urls.stream()
                            .map(url -> CompletableFuture.supplyAsync(() -> get(client, url, bodies), threads)).toList();
                    calls.forEach(call -> errors.add(call.join()));
                }
            } else {
                for (String url : urls) {
                    errors.add(get(client, url, bodies));
                    Thread.sleep(gap);
                }
            }
        }
        List<String> failed = errors.stream().filter(error -> error != null).toList();
        System.out.println("{\"sent\":" + urls.size() + ",\"answered\":" + (urls.size() - failed.size()) + ",\"connections\":null,\"error\":"
                + (failed.isEmpty() ? "null" : quoted(failed.get(0))) + "}");
    }

    /** One GET: null when it was answered 200 with its whole body, else what went wrong. */
    private static String get(HttpClient client, String url, HttpResponse.BodyHandler<byte[]> bodies) {
        try {
            int status = client.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "keepalive-matrix").build(),
                    bodies).statusCode();
            return status == 200 ? null : "status " + status;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Bodies read whole, each asked for {@code millis} after the client offers it. */
    private static HttpResponse.BodyHandler<byte[]> readAfter(long millis) {
        Executor later = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS);
        return info -> new HttpResponse.BodySubscriber<>() {
            private final HttpResponse.BodySubscriber<byte[]> whole = HttpResponse.BodySubscribers.ofByteArray();

            @Override
            public CompletionStage<byte[]> getBody() {
                return whole.getBody();
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                whole.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        later.execute(() -> subscription.request(n));
                    }

                    @Override
                    public void cancel() {
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                whole.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                whole.onError(throwable);
            }

            @Override
            public void onComplete() {
                whole.onComplete();
            }
        };
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
