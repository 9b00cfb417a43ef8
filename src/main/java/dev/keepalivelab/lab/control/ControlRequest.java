package dev.keepalivelab.lab.control;

import java.util.function.UnaryOperator;

/**
 * A request to the control API, as the lab hands it on.
 *
 * @param method        the request method
 * @param contextPath   the context path the lab is deployed under; empty at the root
 * @param path          the raw path below it, {@code /control} or below that
 * @param remoteAddress the client's address as the server gives it, e.g. {@code 127.0.0.1} or {@code 0:0:0:0:0:0:0:1}
 * @param authority     the host (and port) the request names: HTTP/1.x's {@code Host}, HTTP/2's {@code :authority}; null
 *                      for none
 * @param secure        whether it came over TLS
 * @param header        the value of a request header by name (values joined by commas), or null where it has none
 * @param bodyBytes     the body's length as the serving path read it, or one of its negative markers (too large,
 *                      incomplete, not read)
 * @param body          the body's bytes, where the serving path read it whole; else empty
 */
public record ControlRequest(String method, String contextPath, String path, String remoteAddress, String authority, boolean secure,
                             UnaryOperator<String> header, long bodyBytes, byte[] body) {
}
