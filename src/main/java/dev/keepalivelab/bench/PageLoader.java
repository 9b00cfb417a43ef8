package dev.keepalivelab.bench;

import dev.keepalivelab.cli.options.LabVersion;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads a page and then its images the way a browser does on a first visit, under one client mode: a fresh set
 * of connections for each page load, at most {@code parallel} of them open at once (one for h2), every image
 * request sent as soon as the page is parsed. Jetty's HttpClient keeps the connections; a request's tag gives
 * each page load its own connection pool.
 */
final class PageLoader implements AutoCloseable {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The most a page load waits, after its last byte, for its connections to finish connecting and to close. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /**
     * One measured page load.
     *
     * @param nanos          from sending the page request to the last image's last byte
     * @param requests       the page and its images
     * @param connections    distinct connections that carried them
     * @param skippedImages  images on another host, which the bench does not load
     * @param inlineImages   {@code data:} images, which need no request
     * @param protocol       the HTTP version the page came over: {@code HTTP/1.1} or {@code HTTP/2}
     * @param tls            the TLS version of the page's connection, if any
     * @param tlsHandshakes  full TLS handshakes (the server's certificate checked) of the connections that carried requests
     * @param tlsResumptions resumed TLS handshakes (no certificate: an earlier session's keys) of those connections
     * @param parseNanos     the bench's own work inside the page load: parsing the page for its images
     * @param trace          every connection the client opened, used or not, and every request
     */
    record PageLoad(long nanos, int requests, int connections, int skippedImages, int inlineImages, String protocol,
                    Optional<String> tls, int tlsHandshakes, int tlsResumptions, long parseNanos, PageTrace trace) {
    }

    private final URI page;
    private final ClientMode mode;
    private final long emulatedRttNanos;
    private final HttpClient client;
    private final ConnectionTracker tracker = new ConnectionTracker();
    /** close-resumed's one context, whose session cache it empties at each page load; the other modes make one per connection. */
    private final Optional<SSLContext> tls;

    /**
     * Loads {@code page} under {@code mode}, connecting to {@code connectTo} (the RTT proxy, which emulates
     * {@code emulatedRtt}) instead of the page's host where given.
     */
    PageLoader(URI page, ClientMode mode, int parallel, Optional<InetSocketAddress> connectTo, Duration emulatedRtt, Optional<TlsTrust> trust)
            throws Exception {
        this.page = page;
        this.mode = mode;
        this.emulatedRttNanos = emulatedRtt.toNanos();
        this.tls = mode.resumesTls() ? trust.map(t -> t.newContext(tracker::fullHandshake)) : Optional.empty();
        ClientConnector connector = new ClientConnector();
        connector.setConnectTimeout(CONNECT_TIMEOUT);
        if (trust.isPresent()) {
            SslContextFactory.Client sslContextFactory;
            if (mode.resumesTls()) {
                sslContextFactory = new SslContextFactory.Client();
                sslContextFactory.setSslContext(tls.get());
            } else {
                sslContextFactory = new NoResumptionSslContextFactory(() -> trust.get().newContext(tracker::fullHandshake));
            }
            connector.setSslContextFactory(sslContextFactory);
        }
        HttpClientTransport transport;
        if (mode.http2()) {
            HTTP2Client http2 = new HTTP2Client(connector);
            http2.addBean(tracker);
            transport = new HttpClientTransportOverHTTP2(http2);
        } else {
            transport = new HttpClientTransportOverHTTP(connector);
        }
        this.client = new HttpClient(transport);
        client.addBean(tracker);
        client.setMaxConnectionsPerDestination(mode.http2() ? 1 : parallel);
        client.setMaxRequestsQueuedPerDestination(100_000);
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "keepalive-lab-bench/" + LabVersion.get()));
        // Jetty takes the TLS engine's peer host (SNI, the certificate's name check) from the address it connects to.
        connectTo.ifPresent(proxy -> client.setSocketAddressResolver((host, port, context, promise) -> {
            try {
                promise.succeeded(List.of(underHostName(proxy, host)));
            } catch (UnknownHostException e) {
                promise.failed(e);
            }
        }));
        client.start();
    }

    PageLoad load(int round) throws BenchFailure, InterruptedException {
        String tag = "bench " + mode.label() + " " + round;
        tracker.begin();
        if (mode.resumesTls()) {
            forgetTlsSessions();
        }
        try {
            long start = System.nanoTime();
            Timed html = new Timed(request(page, tag));
            ContentResponse response = fetchPage(html);
            long parseStart = System.nanoTime();
            ImageLinks links = ImageLinks.in(response.getContent(), response.getEncoding(), page);
            long parseNanos = System.nanoTime() - parseStart;
            List<Timed> images = new ArrayList<>();
            List<CompletableFuture<Result>> done = new ArrayList<>();
            for (URI image : links.sameOrigin()) {
                Timed timed = new Timed(request(image, tag));
                CompletableFuture<Result> result = new CompletableFuture<>();
                timed.request.send(result::complete);
                images.add(timed);
                done.add(result);
            }
            for (CompletableFuture<Result> result : done) {
                check(await(result));
            }
            long nanos = System.nanoTime() - start;
            List<Timed> all = new ArrayList<>();
            all.add(html);
            all.addAll(images);
            return pageLoad(start, nanos, parseNanos, all, links, response);
        } finally {
            closeConnectionsOf(tag);
        }
    }

    private PageLoad pageLoad(long start, long nanos, long parseNanos, List<Timed> requests, ImageLinks links, ContentResponse page) {
        Map<SocketAddress, List<PageTrace.Bar>> carried = new LinkedHashMap<>();
        for (Timed timed : requests) {
            carried.computeIfAbsent(timed.connection(), address -> new ArrayList<>()).add(timed.bar(start));
        }
        Map<SocketAddress, ConnectionTracker.Opened> opened = tracker.opened();
        List<PageTrace.Lane> lanes = new ArrayList<>();
        int full = 0;
        int resumed = 0;
        Optional<String> pageTls = Optional.empty();
        SocketAddress pageConnection = requests.get(0).connection();
        for (Map.Entry<SocketAddress, ConnectionTracker.Opened> connection : opened.entrySet()) {
            Optional<ConnectionTracker.Handshake> handshake = tracker.handshakeOf(connection.getValue());
            if (handshake.isPresent() && carried.containsKey(connection.getKey())) {
                if (handshake.get().full()) {
                    full++;
                } else {
                    resumed++;
                }
                if (connection.getKey().equals(pageConnection)) {
                    pageTls = Optional.of(handshake.get().protocol());
                }
            }
            double openedMillis = millis(connection.getValue().openedNanos() - start);
            lanes.add(new PageTrace.Lane(openedMillis, openedMillis + millis(emulatedRttNanos),
                    handshake.map(h -> millis(h.doneNanos() - start)).orElse(Double.NaN),
                    handshake.map(h -> !h.full()).orElse(false),
                    carried.getOrDefault(connection.getKey(), List.of())));
        }
        lanes.sort(Comparator.comparingDouble(PageTrace.Lane::openedMillis));
        return new PageLoad(nanos, requests.size(), carried.size(), links.skipped(), links.inline(), protocol(page.getVersion()),
                pageTls, full, resumed, parseNanos, new PageTrace(millis(nanos), List.copyOf(lanes)));
    }

    /** The proxy's address, named {@code host}: where to connect, and whom the TLS handshake is with. */
    static InetSocketAddress underHostName(InetSocketAddress proxy, String host) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(host, proxy.getAddress().getAddress()), proxy.getPort());
    }

    static String protocol(HttpVersion version) {
        return version == HttpVersion.HTTP_2 ? "HTTP/2" : version.asString();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private ContentResponse fetchPage(Timed html) throws BenchFailure, InterruptedException {
        ContentResponse response;
        try {
            response = new CompletableResponseListener(html.request).send().get();
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
        if (mode.connectionPerRequest()) {
            request.headers(headers -> headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString()));
        }
        return request;
    }

    /** A request with the moments a network panel shows: sent, first byte, last byte. */
    private static final class Timed {
        final Request request;
        volatile long sent;
        volatile long firstByte;
        volatile long lastByte;
        /** Read while the request is being sent: once a connection closes, it no longer knows its address. */
        volatile SocketAddress connection;

        Timed(Request request) {
            this.request = request;
            request.onRequestBegin(r -> {
                        sent = System.nanoTime();
                        Connection carrier = r.getConnection();
                        connection = carrier == null ? null : carrier.getLocalSocketAddress();
                    })
                    .onResponseBegin(r -> firstByte = System.nanoTime())
                    .onResponseSuccess(r -> lastByte = System.nanoTime());
        }

        SocketAddress connection() {
            return connection;
        }

        PageTrace.Bar bar(long start) {
            return new PageTrace.Bar(request.getURI().getRawPath(), millis(sent - start), millis(firstByte - start), millis(lastByte - start));
        }
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

    static BenchFailure failed(URI uri, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new BenchFailure("GET " + uri + " timed out after " + REQUEST_TIMEOUT.toSeconds() + "s");
        }
        return new BenchFailure("GET " + uri + " failed: " + BenchCommand.describe(failure));
    }

    /** Makes the page load start as a first visit does: with no TLS session to resume, so that its first handshake is a full one. */
    private void forgetTlsSessions() {
        SSLSessionContext sessions = tls.orElseThrow().getClientSessionContext();
        for (byte[] id : Collections.list(sessions.getIds())) {
            SSLSession session = sessions.getSession(id);
            if (session != null) {
                session.invalidate();
            }
        }
    }

    /**
     * Ends the page load's connections, as closing the browser would, so that the next page load starts afresh: once
     * none is still connecting, and until all have closed (bounded), so that none of their events lands in the next one.
     */
    private void closeConnectionsOf(String tag) throws InterruptedException {
        for (Destination destination : client.getDestinations()) {
            if (tag.equals(destination.getOrigin().getTag())) {
                awaitNoPendingConnections(destination);
                client.removeDestination(destination);
            }
        }
        tracker.awaitAllClosed(CLOSE_WAIT);
    }

    private static void awaitNoPendingConnections(Destination destination) throws InterruptedException {
        if (!(destination.getConnectionPool() instanceof AbstractConnectionPool pool)) {
            return;
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (pool.getPendingConnectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1); // Jetty offers no callback for a pending connection's end; a poll, bounded.
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
