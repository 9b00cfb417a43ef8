package dev.keepalivelab.lab.control;

/**
 * A request to the control API, as the lab hands it on.
 *
 * @param method        the request method
 * @param path          the raw path, {@code /control} or below it
 * @param remoteAddress the client's address as the server gives it, e.g. {@code 127.0.0.1} or {@code 0:0:0:0:0:0:0:1}
 * @param bodyBytes     the body's length as the serving path read it, or one of its negative markers (too large,
 *                      incomplete, not read)
 * @param body          the body's bytes, where the serving path read it whole; else empty
 */
public record ControlRequest(String method, String path, String remoteAddress, long bodyBytes, byte[] body) {
}
