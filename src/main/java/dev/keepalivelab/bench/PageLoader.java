package dev.keepalivelab.bench;

import dev.keepalivelab.embedded.LabVersion;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads a page and then its images the way a browser does on a first visit: a fresh set of connections for each
 * page load, at most {@code parallel} of them open at once, every image request sent as soon as the page is parsed.
 * Jetty's HttpClient keeps the connections; a request's tag gives each page load its own connection pool.
 */
final class PageLoader implements AutoCloseable {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One measured page load.
     *
     * @param nanos         from sending the page request to the last image's last byte
     * @param requests      the page and its images
     * @param connections   distinct connections that carried them
     * @param skippedImages images on another host, which the bench does not load
     * @param inlineImages  {@code data:} images, which need no request
     */
    record PageLoad(long nanos, int requests, int connections, int skippedImages, int inlineImages) {
    }

    private final URI page;
    private final HttpClient client;

    /** Loads {@code page}, connecting to {@code connectTo} (the RTT proxy) instead of the page's host where given. */
    PageLoader(URI page, int parallel, Optional<InetSocketAddress> connectTo) throws Exception {
        this.page = page;
        this.client = new HttpClient();
        client.setMaxConnectionsPerDestination(parallel);
        client.setMaxRequestsQueuedPerDestination(100_000);
        client.setFollowRedirects(false);
        client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "keepalive-lab-bench/" + LabVersion.get()));
        connectTo.ifPresent(address -> client.setSocketAddressResolver((host, port, context, promise) ->
                promise.succeeded(List.of(address))));
        client.start();
    }

    PageLoad load(ClientMode mode, int round) throws BenchFailure, InterruptedException {
        String tag = "bench " + mode.label() + " " + round;
        try {
            Set<Connection> connections = Collections.newSetFromMap(new IdentityHashMap<>());
            long start = System.nanoTime();
            ContentResponse html = fetchPage(mode, tag);
            connections.add(html.getRequest().getConnection());
            ImageLinks links = ImageLinks.in(html.getContent(), html.getEncoding(), page);
            List<CompletableFuture<Result>> images = new ArrayList<>();
            for (URI image : links.sameOrigin()) {
                CompletableFuture<Result> done = new CompletableFuture<>();
                request(image, mode, tag).send(done::complete);
                images.add(done);
            }
            for (CompletableFuture<Result> image : images) {
                Result result = await(image);
                check(result);
                connections.add(result.getRequest().getConnection());
            }
            long nanos = System.nanoTime() - start;
            return new PageLoad(nanos, 1 + images.size(), connections.size(), links.skipped(), links.inline());
        } finally {
            closeConnectionsOf(tag);
        }
    }

    private ContentResponse fetchPage(ClientMode mode, String tag) throws BenchFailure, InterruptedException {
        ContentResponse response;
        try {
            response = request(page, mode, tag).send();
        } catch (ExecutionException e) {
            throw failed(page, e.getCause());
        } catch (TimeoutException e) {
            throw failed(page, e);
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

    private Request request(URI uri, ClientMode mode, String tag) {
        Request request = client.newRequest(uri)
                .method(HttpMethod.GET)
                .tag(tag)
                .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (mode == ClientMode.CLOSE) {
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
            throw new BenchFailure("GET " + uri + " answered " + status + " " + response.getReason()
                    + (location == null ? "" : " (Location: " + location + "): give the URL it points to"));
        }
    }

    static BenchFailure failed(URI uri, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new BenchFailure("GET " + uri + " timed out after " + REQUEST_TIMEOUT.toSeconds() + "s");
        }
        return new BenchFailure("GET " + uri + " failed: " + BenchCommand.describe(failure));
    }

    /** Ends the page load's connections, as closing the browser would, so that the next page load starts afresh. */
    private void closeConnectionsOf(String tag) {
        for (Destination destination : client.getDestinations()) {
            if (tag.equals(destination.getOrigin().getTag())) {
                client.removeDestination(destination);
            }
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
