package dev.keepalivelab.lab;

import java.time.Instant;

/**
 * One request the lab answered, as {@code GET /connections} reports it.
 *
 * @param id                  1-based, in order of arrival; {@code ?since=} selects by it
 * @param connectionLabel     the connection's label, e.g. {@code c3}
 * @param requestOnConnection the request's 1-based index on its connection
 * @param facts               what was asked and answered
 * @param closed              whether the connection closed after this response
 * @param reason              what decided it
 * @param time                when the response was decided
 */
record RequestRecord(long id, String connectionLabel, int requestOnConnection, Facts facts, boolean closed,
                     ConnectionDecision.Reason reason, Instant time) {
    /** The longest path remembered whole, so that the history's memory stays bounded whatever clients send. */
    static final int MAX_PATH_LENGTH = 256;
    static final String TRUNCATED = "...";

    /** {@code path}, or its first {@link #MAX_PATH_LENGTH} characters (never half a surrogate pair) and {@link #TRUNCATED}. */
    static String recordedPath(String path) {
        if (path.length() <= MAX_PATH_LENGTH) {
            return path;
        }
        int end = Character.isHighSurrogate(path.charAt(MAX_PATH_LENGTH - 1)) ? MAX_PATH_LENGTH - 1 : MAX_PATH_LENGTH;
        return path.substring(0, end) + TRUNCATED;
    }

    /**
     * @param method     the request method
     * @param path       the path below the context path, without the query, cut at {@link #MAX_PATH_LENGTH} characters
     * @param protocol   e.g. {@code HTTP/1.1}
     * @param remotePort the client's port
     * @param status     the response status
     * @param pageLoad   the page load the request belongs to ({@code ?load=}), or 0
     */
    record Facts(String method, String path, String protocol, int remotePort, int status, long pageLoad) {
    }
}
