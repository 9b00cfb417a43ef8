package dev.keepalivelab.bench;

import java.util.Optional;

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
 * @param retries        requests sent again on a new connection ({@link RetryRule})
 * @param closeWaitTimedOut whether its connections were still open when the bench stopped waiting for them to close
 */
record PageLoad(long nanos, int requests, int connections, int skippedImages, int inlineImages, String protocol,
                Optional<String> tls, int tlsHandshakes, int tlsResumptions, long parseNanos, PageTrace trace, int retries,
                boolean closeWaitTimedOut) implements LoadResult {
}
