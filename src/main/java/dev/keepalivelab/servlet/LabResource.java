package dev.keepalivelab.servlet;

/**
 * One thing the lab serves, encoded once.
 *
 * @param contentType the {@code Content-Type} header value
 * @param body        the bytes sent for GET; never modified after construction
 * @param isPage      true for the HTML page (policy {@code pageConnection}), false for images ({@code connection})
 */
record LabResource(String contentType, byte[] body, boolean isPage) {
}
