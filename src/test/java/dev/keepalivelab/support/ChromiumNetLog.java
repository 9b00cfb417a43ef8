package dev.keepalivelab.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chromium's own account of its network activity, the JSON file {@code --log-net-log} writes (read once Chromium has
 * quit): each URL request's fate and each HTTP/2 session's frames, to tell the lab's faults from Chromium's.
 */
public final class ChromiumNetLog {
    /** A GOAWAY's last stream that refuses nothing: the notice of RFC 9113's graceful shutdown. */
    public static final long NOTICE_LAST_STREAM = Integer.MAX_VALUE;
    /**
     * What a request bound to a session that then goes away fails with, by how far the session has gone when the
     * request comes back to it: {@code ERR_FAILED} ({@code SpdySession::TryCreateStream}, going away),
     * {@code ERR_CONNECTION_CLOSED} (draining, its streams done) and {@code ERR_SOCKET_NOT_CONNECTED} (closed: the
     * request cannot learn its remote endpoint any more).
     */
    private static final Map<Integer, String> GOING_AWAY_ERRORS = Map.of(-2, "ERR_FAILED", -100, "ERR_CONNECTION_CLOSED",
            -15, "ERR_SOCKET_NOT_CONNECTED");

    private final Map<String, Integer> eventTypes = new HashMap<>();
    private final Map<Long, List<JsonNode>> eventsBySource = new HashMap<>();
    private final int sessionSourceType;

    private ChromiumNetLog(JsonNode log) {
        log.get("constants").get("logEventTypes").fields().forEachRemaining(e -> eventTypes.put(e.getKey(), e.getValue().asInt()));
        sessionSourceType = log.get("constants").get("logSourceType").get("HTTP2_SESSION").asInt();
        log.get("events").forEach(e -> eventsBySource.computeIfAbsent(e.get("source").get("id").asLong(), id -> new ArrayList<>()).add(e));
    }

    /** Reads the net log {@code file}; a log cut short (Chromium killed) is closed first. */
    public static ChromiumNetLog read(Path file) throws IOException {
        String text = Files.readString(file).strip();
        if (!text.endsWith("}")) {
            text = text.replaceAll(",$", "") + "]}";
        }
        return new ChromiumNetLog(new ObjectMapper().readTree(text));
    }

    /**
     * Why the URL request for {@code url} does not bear the signature of Chromium's own race, or empty when it does:
     * it failed with one of {@link #GOING_AWAY_ERRORS}, no HTTP/2 stream was sent for it nor refused, and the session
     * it had been bound to had received the lab's notice GOAWAY (last stream 2^31-1) before it failed. That is
     * {@code SpdySession::TryCreateStream} answering {@code ERR_FAILED} on a session going away (or a later stage of
     * the same), for a request bound to the session before the notice arrived but whose stream Chromium had not
     * created yet; Chromium does not retry it.
     */
    public Optional<String> notChromiumsGoAwayRace(String url) {
        List<List<JsonNode>> requests = eventsBySource.values().stream()
                .filter(events -> events.stream().anyMatch(e -> is(e, "URL_REQUEST_START_JOB") && url.equals(e.path("params").path("url").asText())))
                .toList();
        if (requests.size() != 1) {
            return Optional.of(url + ": " + requests.size() + " URL requests in the net log");
        }
        List<JsonNode> request = requests.get(0);
        JsonNode end = request.stream().filter(e -> is(e, "REQUEST_ALIVE") && e.path("phase").asInt() == 2).findFirst().orElse(null);
        if (end == null || !GOING_AWAY_ERRORS.containsKey(end.path("params").path("net_error").asInt())) {
            return Optional.of(url + ": ended " + (end == null ? "never" : end.path("params")) + ", none of " + GOING_AWAY_ERRORS.values());
        }
        if (request.stream().anyMatch(e -> is(e, "HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS") || is(e, "HTTP2_STREAM_ERROR"))) {
            return Optional.of(url + ": a stream was sent for it or failed");
        }
        long failedAt = time(end);
        Optional<Long> session = request.stream().filter(e -> is(e, "HTTP_STREAM_REQUEST_BOUND_TO_JOB"))
                .map(e -> e.path("params").path("source_dependency").path("id").asLong()).reduce((first, last) -> last)
                .flatMap(this::sessionOfJob);
        if (session.isEmpty()) {
            return Optional.of(url + ": bound to no HTTP/2 session");
        }
        boolean noticeFirst = eventsBySource.get(session.get()).stream().anyMatch(e -> is(e, "HTTP2_SESSION_RECV_GOAWAY")
                && e.path("params").path("last_accepted_stream_id").asLong() == NOTICE_LAST_STREAM && time(e) <= failedAt);
        return noticeFirst ? Optional.empty() : Optional.of(url + ": its session had no notice GOAWAY before it failed");
    }

    /** Every RST_STREAM Chromium received, as text. */
    public List<String> resetsReceived() {
        return sessionEvents("HTTP2_SESSION_RECV_RST_STREAM").map(e -> "session " + source(e) + ": " + e.path("params")).toList();
    }

    /** Each GOAWAY Chromium received whose last stream is below a stream it had sent on that session before. */
    public List<String> goAwaysBelowSentStreams() {
        List<String> found = new ArrayList<>();
        sessionEvents("HTTP2_SESSION_RECV_GOAWAY").forEach(goAway -> {
            long last = goAway.path("params").path("last_accepted_stream_id").asLong();
            eventsBySource.get(source(goAway)).stream()
                    .filter(e -> is(e, "HTTP2_SESSION_SEND_HEADERS") && time(e) <= time(goAway) && e.path("params").path("stream_id").asLong() > last)
                    .forEach(e -> found.add("session " + source(goAway) + ": GOAWAY " + last + " after stream " + e.path("params").path("stream_id")));
        });
        return found;
    }

    /** Each session whose first GOAWAY was not the notice (last stream 2^31-1): the lab ended it in one step. */
    public List<String> goAwaysWithoutNotice() {
        Map<Long, JsonNode> first = new HashMap<>();
        sessionEvents("HTTP2_SESSION_RECV_GOAWAY").forEach(e -> first.merge(source(e), e, (a, b) -> time(b) < time(a) ? b : a));
        return first.values().stream().filter(e -> e.path("params").path("last_accepted_stream_id").asLong() != NOTICE_LAST_STREAM)
                .map(e -> "session " + source(e) + ": first GOAWAY " + e.path("params")).toList();
    }

    /** GOAWAYs Chromium received, to show a person what it saw. */
    public long goAwaysReceived() {
        return sessionEvents("HTTP2_SESSION_RECV_GOAWAY").count();
    }

    private Optional<Long> sessionOfJob(long job) {
        return eventsBySource.getOrDefault(job, List.of()).stream()
                .filter(e -> is(e, "HTTP2_SESSION_POOL_FOUND_EXISTING_SESSION") || is(e, "HTTP2_SESSION_POOL_IMPORTED_SESSION_FROM_SOCKET"))
                .map(e -> e.path("params").path("source_dependency"))
                .filter(d -> d.path("type").asInt() == sessionSourceType)
                .map(d -> d.path("id").asLong()).findFirst();
    }

    private java.util.stream.Stream<JsonNode> sessionEvents(String type) {
        return eventsBySource.values().stream().flatMap(List::stream)
                .filter(e -> e.path("source").path("type").asInt() == sessionSourceType && is(e, type));
    }

    private boolean is(JsonNode event, String type) {
        Integer code = eventTypes.get(type);
        return code != null && event.path("type").asInt() == code;
    }

    private static long source(JsonNode event) {
        return event.path("source").path("id").asLong();
    }

    private static long time(JsonNode event) {
        return Long.parseLong(event.path("time").asText());
    }
}
