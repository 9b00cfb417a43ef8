package dev.keepalivelab.bench;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a page and then its same-origin images the way a browser does: every image request sent as soon as the
 * page is parsed. Any answer other than 2xx, or a page that is not HTML, ends the bench with a {@link BenchFailure}.
 */
final class PageFetcher {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One fetch, timed.
     *
     * @param start      when the page request was made, in {@link System#nanoTime()}
     * @param nanos      from then to the last image's last byte
     * @param parseNanos the time spent parsing the page for its images
     * @param requests   the page's request first, then its images'
     * @param links      the page's images
     * @param version    the HTTP version the page came over
     */
    record FetchedPage(long start, long nanos, long parseNanos, List<TimedRequest> requests, ImageLinks links, HttpVersion version) {
    }

    private final HttpClient client;
    private final URI page;
    private final boolean connectionPerRequest;

    PageFetcher(HttpClient client, URI page, boolean connectionPerRequest) {
        this.client = client;
        this.page = page;
        this.connectionPerRequest = connectionPerRequest;
    }

    /** Fetches the page and its images with requests tagged {@code tag}, so that they share that tag's connection pool. */
    FetchedPage fetch(String tag) throws BenchFailure, InterruptedException {
        long start = System.nanoTime();
        TimedRequest html = new TimedRequest(request(page, tag));
        ContentResponse response = fetchPage(html);
        long parseStart = System.nanoTime();
        ImageLinks links = ImageLinks.in(response.getContent(), response.getEncoding(), page);
        long parseNanos = System.nanoTime() - parseStart;
        List<TimedRequest> images = new ArrayList<>();
        List<CompletableFuture<Result>> done = new ArrayList<>();
        for (URI image : links.sameOrigin()) {
            TimedRequest timed = new TimedRequest(request(image, tag));
            CompletableFuture<Result> result = new CompletableFuture<>();
            timed.request().send(result::complete);
            images.add(timed);
            done.add(result);
        }
        for (CompletableFuture<Result> result : done) {
            check(await(result));
        }
        long nanos = System.nanoTime() - start;
        List<TimedRequest> all = new ArrayList<>();
        all.add(html);
        all.addAll(images);
        return new FetchedPage(start, nanos, parseNanos, all, links, response.getVersion());
    }

    private ContentResponse fetchPage(TimedRequest html) throws BenchFailure, InterruptedException {
        ContentResponse response;
        try {
            response = new CompletableResponseListener(html.request()).send().get();
        } catch (ExecutionException e) {
            throw failed(page, e.getCause());
        }
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

    private static Result await(CompletableFuture<Result> image) throws InterruptedException {
        try {
            return image.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A complete listener never fails", e);
        }
    }

    private static void check(Result result) throws BenchFailure {
        URI uri = result.getRequest().getURI();
        if (result.isFailed()) {
            throw failed(uri, result.getFailure());
        }
        check(result.getResponse(), uri);
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

    private static BenchFailure failed(URI uri, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new BenchFailure("GET " + uri + " timed out after " + REQUEST_TIMEOUT.toSeconds() + "s");
        }
        return new BenchFailure("GET " + uri + " failed: " + BenchCommand.describe(failure));
    }
}
