package dev.keepalivelab.bench;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;

import java.io.EOFException;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Fetches a page and then its same-origin images the way a browser does: every image request sent as soon as the
 * page is parsed, and a request the server did not process, or lost to its close, sent again on a new connection
 * as far as {@link RetryRule} allows. An answer other than 2xx, or a page that is not HTML, ends the bench with a
 * {@link BenchFailure}; a request that still fails fails the page load ({@link LoadFailed}) once every other
 * request of it has ended.
 */
final class PageFetcher {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One fetch, timed.
     *
     * @param start      when the page request was made, in {@link System#nanoTime()}
     * @param nanos      from then to the last image's last byte
     * @param parseNanos the time spent parsing the page for its images
     * @param requests   the page's request first, then its images' (each as last sent)
     * @param links      the page's images
     * @param version    the HTTP version the page came over
     * @param lost       the attempts lost and sent again ({@link RetryRule}), in the order they were lost
     */
    record FetchedPage(long start, long nanos, long parseNanos, List<TimedRequest> requests, ImageLinks links, HttpVersion version,
                       List<TimedRequest> lost) {
        int retries() {
            return lost.size();
        }
    }

    /** A page load that failed: its first failure, in one line, and the retries it made before. */
    static final class LoadFailed extends Exception {
        private final int retries;

        LoadFailed(String message, int retries) {
            super(message);
            this.retries = retries;
        }

        int retries() {
            return retries;
        }
    }

    private final HttpClient client;
    private final URI page;
    private final boolean connectionPerRequest;
    private final boolean http2;
    private final Function<SocketAddress, OptionalInt> goAwayLastStream;

    /** {@code goAwayLastStream} gives the last stream id of the GOAWAY the HTTP/2 server sent on a connection (by local address), if any. */
    PageFetcher(HttpClient client, URI page, boolean connectionPerRequest, boolean http2, Function<SocketAddress, OptionalInt> goAwayLastStream) {
        this.client = client;
        this.page = page;
        this.connectionPerRequest = connectionPerRequest;
        this.http2 = http2;
        this.goAwayLastStream = goAwayLastStream;
    }

    /** Fetches the page and its images with requests tagged {@code tag}, so that they share that tag's connection pool. */
    FetchedPage fetch(String tag) throws BenchFailure, LoadFailed, InterruptedException {
        Attempts attempts = new Attempts(tag);
        try {
            return fetch(attempts);
        } finally {
            attempts.closed = true;
        }
    }

    private FetchedPage fetch(Attempts attempts) throws BenchFailure, LoadFailed, InterruptedException {
        long start = System.nanoTime();
        Fetch html = Fetch.send(page, attempts);
        ContentResponse response = checkPage(html.await());
        long parseStart = System.nanoTime();
        ImageLinks links = ImageLinks.in(response.getContent(), response.getEncoding(), page);
        long parseNanos = System.nanoTime() - parseStart;
        attempts.requests = 1 + links.sameOrigin().size();
        List<Fetch> images = links.sameOrigin().stream().map(uri -> Fetch.send(uri, attempts)).toList();
        Optional<LoadFailed> firstFailure = Optional.empty();
        for (Fetch image : images) {
            try {
                check(image.await(), image.uri());
            } catch (LoadFailed e) {
                firstFailure = Optional.of(firstFailure.orElse(e));
            }
        }
        if (firstFailure.isPresent()) {
            throw new LoadFailed(firstFailure.get().getMessage(), attempts.lost.size());
        }
        long nanos = System.nanoTime() - start;
        List<TimedRequest> all = new ArrayList<>();
        all.add(html.last());
        images.forEach(image -> all.add(image.last()));
        return new FetchedPage(start, nanos, parseNanos, all, links, response.getVersion(), List.copyOf(attempts.lost));
    }

    /** The requests of one page load: what they are tagged, the connections they used, and the attempts lost so far. */
    private final class Attempts {
        private final String tag;
        private final Set<SocketAddress> used = ConcurrentHashMap.newKeySet();
        /** Added to from Jetty's threads, as each attempt fails. */
        private final List<TimedRequest> lost = new CopyOnWriteArrayList<>();
        private final AtomicInteger retryPools = new AtomicInteger();
        /** How many requests the page load makes, once its page is parsed. */
        private volatile int requests = 1;
        /**
         * Set when {@code fetch} returns or throws; its caller then closes the tag's connections, so an attempt that
         * fails after it is not sent again: its retry would open a connection nobody closes.
         */
        private volatile boolean closed;

        Attempts(String tag) {
            this.tag = tag;
        }

        TimedRequest first(URI uri) {
            return new TimedRequest(request(uri, tag), used);
        }

        /**
         * {@code uri} to send again on a new connection. Over HTTP/1.1 the pool could hand it another kept connection,
         * so it goes to a pool of its own (a tag of the page load's, {@link ConnectionCloser} closes it with the rest);
         * over HTTP/2 the pool has dropped the connection the server ended, and the retries share the next one.
         */
        TimedRequest again(URI uri) {
            String retryTag = http2 ? tag : ConnectionCloser.retryTag(tag, retryPools.getAndIncrement());
            return new TimedRequest(request(uri, retryTag), used);
        }

        /** Whether {@code attempt}, sent again {@code retried} times so far, is to be sent again after {@code failure}. */
        boolean sendAgain(TimedRequest attempt, Throwable failure, int retried) {
            return !closed && RetryRule.retry(http2, attempt, failure, retried, goAwayLastStream.apply(attempt.connection()), requests);
        }

        LoadFailed failed(URI uri, int retried, Throwable failure) {
            String again = retried > 0 ? " (sent again on a new connection)" : "";
            if (failure instanceof TimeoutException) {
                return new LoadFailed("GET " + uri + " timed out after " + REQUEST_TIMEOUT.toSeconds() + "s" + again, lost.size());
            }
            return new LoadFailed("GET " + uri + " failed" + again + ": " + describe(failure), lost.size());
        }
    }

    /**
     * One request, sent at once and, if {@link RetryRule} says a browser would, sent again as soon as its failure
     * arrives, on the thread that reports it: the retries of a page load's refused requests go out together, not one
     * after another.
     */
    private static final class Fetch {
        private final URI uri;
        private final Attempts attempts;
        private volatile TimedRequest last;
        private CompletableFuture<ContentResponse> response;

        private Fetch(URI uri, Attempts attempts) {
            this.uri = uri;
            this.attempts = attempts;
        }

        /** Builds the fetch of {@code uri} before its first attempt is sent, whose failure other threads report. */
        static Fetch send(URI uri, Attempts attempts) {
            Fetch fetch = new Fetch(uri, attempts);
            fetch.response = fetch.send(attempts.first(uri), 0);
            return fetch;
        }

        private CompletableFuture<ContentResponse> send(TimedRequest attempt, int retried) {
            last = attempt;
            return new CompletableResponseListener(attempt.request()).send().exceptionallyCompose(thrown -> {
                Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
                if (!attempts.sendAgain(attempt, failure, retried)) {
                    return CompletableFuture.failedFuture(attempts.failed(uri, retried, failure));
                }
                attempt.lost(System.nanoTime());
                attempts.lost.add(attempt);
                return send(attempts.again(uri), retried + 1);
            });
        }

        URI uri() {
            return uri;
        }

        /** The attempt sent last: once {@link #await()} has returned, the one that was answered. */
        TimedRequest last() {
            return last;
        }

        ContentResponse await() throws LoadFailed, InterruptedException {
            try {
                return response.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof LoadFailed failed) {
                    throw failed;
                }
                throw attempts.failed(uri, 0, e.getCause());
            }
        }
    }

    /** Jetty's EOF names its connection's whole state: one line says what happened. */
    private static String describe(Throwable failure) {
        return FailureCauses.any(failure, EOFException.class::isInstance)
                ? "the server closed the connection before the response ended (EOF)" : BenchCommand.describe(failure);
    }

    private ContentResponse checkPage(ContentResponse response) throws BenchFailure {
        check(response, page);
        String mediaType = Optional.ofNullable(response.getMediaType()).orElse("").toLowerCase(Locale.ROOT);
        if (!mediaType.equals("text/html") && !mediaType.equals("application/xhtml+xml")) {
            throw new BenchFailure(page + " is not an HTML page (Content-Type: "
                    + Optional.ofNullable(response.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("none")
                    + "): give the URL of a page with images.");
        }
        return response;
    }

    private Request request(URI uri, String tag) {
        Request request = client.newRequest(uri)
                .method(HttpMethod.GET)
                .tag(tag)
                .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (connectionPerRequest) {
            request.headers(headers -> headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString()));
        }
        return request;
    }

    private static void check(Response response, URI uri) throws BenchFailure {
        int status = response.getStatus();
        if (status < 200 || status > 299) {
            String location = response.getHeaders().get(HttpHeader.LOCATION);
            // HTTP/2 has no reason phrase: the status's standard one stands in.
            String reason = response.getReason() != null ? response.getReason() : HttpStatus.getMessage(status);
            throw new BenchFailure("GET " + uri + " answered " + status + " " + reason
                    + (location == null ? "" : " (Location: " + location + "): give the URL it points to"));
        }
    }
}
