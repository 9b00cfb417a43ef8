package dev.keepalivelab.clients;

import dev.keepalivelab.support.TrustEveryCertificate;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The matrix's Java clients, each with its defaults: OkHttp 5, the JDK's HttpClient, Apache HttpClient 5 (classic,
 * and async over HTTP/2), each built anew for each run, so that no run reuses a connection pooled by the one before. Like
 * curl's {@code -k}, they trust any certificate (the labs' and nginx's are self-signed); they still check that it names
 * 127.0.0.1.
 */
final class JvmClients {
    /**
     * The JDK client's bound on one request, which it has none of by default: JDK 17's over HTTP/2 once left one of 12
     * concurrent requests waiting with no connection open after the lab's GOAWAY (maxRequestsPerConnection). Bounded,
     * that is a failed request, not a build that waits forever.
     */
    static final Duration JDK_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private JvmClients() {
    }

    static List<MatrixClient> all() {
        return List.of(okHttp(false), okHttp(true), jdk(false), jdk(true), apacheClassic(), apacheAsyncHttp2());
    }

    /** One request: null when it was answered 200 with its whole body, else what went wrong. */
    interface Get {
        String send(String url) throws Exception;
    }

    /** Sends each URL after the previous response and {@code gap}; counts the answers and keeps the first error. */
    static MatrixClient.Run inSequence(List<String> urls, Duration gap, Get get, Integer connections) throws Exception {
        List<String> errors = new ArrayList<>();
        for (String url : urls) {
            errors.add(caught(get, url));
            Thread.sleep(gap.toMillis()); // the pacing under test (connection age), not a wait for a state
        }
        return counted(errors, connections);
    }

    /** Sends every URL at once, each on a thread of its own, and waits for all. */
    static List<String> atOnce(List<String> urls, Get get) {
        ExecutorService threads = Executors.newFixedThreadPool(urls.size());
        try {
            List<CompletableFuture<String>> calls = urls.stream()
                    .map(url -> CompletableFuture.supplyAsync(() -> caught(get, url), threads)).toList();
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }

    static MatrixClient.Run counted(List<String> errors, Integer connections) {
        List<String> failed = errors.stream().filter(Objects::nonNull).toList();
        return new MatrixClient.Run(errors.size(), errors.size() - failed.size(), connections, failed.isEmpty() ? null : failed.get(0));
    }

    private static String caught(Get get, String url) {
        try {
            return get.send(url);
        } catch (Exception e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static String status(int code) {
        return code == 200 ? null : "status " + code;
    }

    /** OkHttp 5 at its defaults (it follows redirects; HTTP/2 by ALPN over TLS), trusting any certificate. */
    static OkHttpClient.Builder okHttpBuilder() throws Exception {
        return new OkHttpClient.Builder().sslSocketFactory(TrustEveryCertificate.context().getSocketFactory(), new TrustEveryCertificate());
    }

    /** The JDK's HttpClient at its defaults but {@code version} ({@code HTTP_2}, its default, or {@code HTTP_1_1}), trusting any certificate. */
    static HttpClient.Builder jdkBuilder(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).sslContext(TrustEveryCertificate.context());
    }

    /** Apache HttpClient 5 classic at its defaults (it follows redirects). */
    static CloseableHttpClient apacheClassicClient() {
        return HttpClients.createDefault();
    }

    /** OkHttp 5 with its defaults (HTTP/2 by ALPN over TLS); its own account: each connectStart. */
    static MatrixClient okHttp(boolean http2) {
        return new MatrixClient.Base(http2 ? "OkHttp 5.5.1 (HTTP/2)" : "OkHttp 5.5.1 (HTTP/1.1)", http2) {
            @Override
            public MatrixClient.Run run(List<String> urls, Duration gap, boolean atOnce) throws Exception {
                AtomicInteger connects = new AtomicInteger();
                OkHttpClient client = okHttpBuilder().eventListener(new EventListener() {
                            @Override
                            public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                                connects.incrementAndGet();
                            }
                        }).build();
                client.dispatcher().setMaxRequestsPerHost(urls.size());
                Get get = url -> {
                    try (okhttp3.Response response = client.newCall(new okhttp3.Request.Builder().url(url)
                            .header("User-Agent", MatrixClient.USER_AGENT).build()).execute()) {
                        response.body().bytes();
                        return status(response.code());
                    }
                };
                try {
                    return atOnce ? counted(atOnce(urls, get), connects.get()) : inSequence(urls, gap, get, null).withConnections(connects.get());
                } finally {
                    client.dispatcher().executorService().shutdown();
                    client.connectionPool().evictAll();
                }
            }
        };
    }

    /** The JDK's java.net.http.HttpClient; it gives no account of its connections. */
    static MatrixClient jdk(boolean http2) {
        return new MatrixClient.Base(http2 ? "JDK 17 HttpClient (HTTP/2)" : "JDK 17 HttpClient (HTTP/1.1)", http2) {
            @Override
            public MatrixClient.Run run(List<String> urls, Duration gap, boolean atOnce) throws Exception {
                HttpClient client = jdkBuilder(http2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1).build();
                Get get = url -> status(client.send(HttpRequest.newBuilder(URI.create(url)).timeout(JDK_REQUEST_TIMEOUT)
                        .header("User-Agent", MatrixClient.USER_AGENT)
                        .build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode());
                return atOnce ? counted(atOnce(urls, get), null) : inSequence(urls, gap, get, null);
            }
        };
    }

    /** Apache HttpClient 5 classic (HTTP/1.1), defaults; its own account: the local ports of its connections. */
    static MatrixClient apacheClassic() {
        return new MatrixClient.Base("Apache HttpClient 5.6.5 classic (HTTP/1.1)", false) {
            @Override
            public MatrixClient.Run run(List<String> urls, Duration gap, boolean atOnce) throws Exception {
                Set<Integer> ports = new HashSet<>();
                try (CloseableHttpClient client = apacheClassicClient()) {
                    Get get = url -> {
                        HttpGet request = new HttpGet(url);
                        request.setHeader("User-Agent", MatrixClient.USER_AGENT);
                        HttpClientContext context = HttpClientContext.create();
                        return client.execute(request, context, response -> {
                            EntityUtils.consume(response.getEntity());
                            ports.add(((InetSocketAddress) context.getEndpointDetails().getLocalAddress()).getPort());
                            return status(response.getCode());
                        });
                    };
                    return inSequence(urls, gap, get, null).withConnections(ports.size());
                }
            }
        };
    }

    /** Apache HttpClient 5 async over HTTP/2 ({@code HttpAsyncClients.customHttp2()}); its own account: each session connected. */
    static MatrixClient apacheAsyncHttp2() {
        return new MatrixClient.Base("Apache HttpClient 5.6.5 async (HTTP/2)", true) {
            @Override
            public MatrixClient.Run run(List<String> urls, Duration gap, boolean atOnce) throws Exception {
                AtomicInteger connected = new AtomicInteger();
                try (CloseableHttpAsyncClient client = HttpAsyncClients.customHttp2()
                        .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(TrustEveryCertificate.context()).build())
                        .setIOSessionListener(new Connected(connected)).build()) {
                    client.start();
                    Get get = url -> {
                        SimpleHttpRequest request = SimpleRequestBuilder.get(url).setHeader("User-Agent", MatrixClient.USER_AGENT).build();
                        SimpleHttpResponse response = client.execute(request, null).get(30, TimeUnit.SECONDS);
                        return status(response.getCode());
                    };
                    MatrixClient.Run run = atOnce ? counted(atOnce(urls, get), null) : inSequence(urls, gap, get, null);
                    return run.withConnections(connected.get());
                }
            }
        };
    }

    /** Counts the sessions Apache's reactor connects. */
    private record Connected(AtomicInteger count) implements IOSessionListener {
        @Override
        public void connected(IOSession session) {
            count.incrementAndGet();
        }

        @Override
        public void startTls(IOSession session) {
        }

        @Override
        public void inputReady(IOSession session) {
        }

        @Override
        public void outputReady(IOSession session) {
        }

        @Override
        public void timeout(IOSession session) {
        }

        @Override
        public void exception(IOSession session, Exception e) {
        }

        @Override
        public void disconnected(IOSession session) {
        }
    }
}
