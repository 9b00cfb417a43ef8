package dev.keepalivelab.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What {@code GET /connections} says, read once from its JSON into records (docs/watching-connections.md has the
 * fields). Every documented field must be there; a JSON {@code null} is a Java {@code null}. Reasons and outcomes stay
 * the labels the JSON carries (such as {@code fault/reset}), so that these records say what a client of the lab reads.
 *
 * @param requestsSeen    requests the lab has seen since it started
 * @param connectionsSeen connections the lab has seen since it started
 * @param requests        the remembered requests, oldest first
 * @param connections     the remembered connections, in order of their first request
 * @param clients         what each client did
 */
public record Connections(long requestsSeen, long connectionsSeen, List<Request> requests, List<Connection> connections,
                          List<Client> clients) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request.
     *
     * @param index    its 1-based index on its connection ({@code requestOnConnection})
     * @param status   null where a fault left it without a response
     * @param stream   its HTTP/2 stream; null on HTTP/1.x
     * @param load     its page load ({@code ?load=}); null for none
     * @param fault    the fault it asked for or was given; null for none
     * @param decision {@code kept} or {@code closed}
     * @param reason   what decided it, e.g. {@code policy}, {@code fault/reset}
     * @param outcome  {@code complete} or {@code failed}; null until the server has finished the response
     * @param bytes    the body bytes written; null until the server has finished the response
     */
    public record Request(long id, String connection, int index, String method, String path, String protocol,
                          int remotePort, Integer status, Long stream, Long load, String client, String fault,
                          String decision, String reason, String outcome, Long bytes, String time) {
        /** The decision and its reason as one text, e.g. {@code closed/fault/reset}. */
        public String decided() {
            return decision + "/" + reason;
        }

        /** Whether the server has finished the response and said how it went. */
        public boolean finished() {
            return outcome != null;
        }

        static Request of(JsonNode r) {
            Long status = nullableLong(r, "status");
            return new Request(number(r, "id"), text(r, "connection"), (int) number(r, "requestOnConnection"),
                    text(r, "method"), text(r, "path"), text(r, "protocol"), (int) number(r, "remotePort"),
                    status == null ? null : status.intValue(), nullableLong(r, "stream"), nullableLong(r, "load"),
                    text(r, "client"), text(r, "fault"), text(r, "decision"), text(r, "reason"), text(r, "outcome"),
                    nullableLong(r, "bytes"), text(r, "time"));
        }
    }

    /**
     * One connection.
     *
     * @param protocol    e.g. {@code http/1.1}, {@code h2}, {@code h2c}
     * @param closed      null where the lab cannot know (a container that hides its connections)
     * @param closeReason why it closed, e.g. {@code idle-timeout}, {@code fault/reset}; null while open
     * @param closedBy    {@code server} or {@code client}; null while open
     * @param closedAt    null while open
     */
    public record Connection(String label, int remotePort, String protocol, boolean tls, int requests, String firstSeen,
                             String lastSeen, Boolean closed, String closeReason, String closedBy, String closedAt) {
        /** Whether it has ended and the record says why (the record can say closed a moment before it says why). */
        public boolean ended() {
            return Boolean.TRUE.equals(closed) && closeReason != null;
        }

        static Connection of(JsonNode c) {
            return new Connection(text(c, "label"), (int) number(c, "remotePort"), text(c, "protocol"), bool(c, "tls"),
                    (int) number(c, "requests"), text(c, "firstSeen"), text(c, "lastSeen"), nullableBool(c, "closed"),
                    text(c, "closeReason"), text(c, "closedBy"), text(c, "closedAt"));
        }
    }

    /** One client's summary; the idle times are null without reuse. */
    public record Client(String client, int requests, int connections, int reused, Long medianIdleBeforeReuseMs,
                         Long maxIdleBeforeReuseMs, int reusedAfterKeepAliveTimeout, int faults, int lost, int retried,
                         int retriedNonIdempotent, int notRetried) {
        static Client of(JsonNode c) {
            return new Client(text(c, "client"), (int) number(c, "requests"), (int) number(c, "connections"),
                    (int) number(c, "reused"), nullableLong(c, "medianIdleBeforeReuseMs"), nullableLong(c, "maxIdleBeforeReuseMs"),
                    (int) number(c, "reusedAfterKeepAliveTimeout"), (int) number(c, "faults"), (int) number(c, "lost"),
                    (int) number(c, "retried"), (int) number(c, "retriedNonIdempotent"), (int) number(c, "notRetried"));
        }
    }

    /** Reads the body of a {@code /connections} response. */
    public static Connections parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        return new Connections(number(root, "requestsSeen"), number(root, "connectionsSeen"),
                list(root, "requests", Request::of), list(root, "connections", Connection::of), list(root, "clients", Client::of));
    }

    /** The connection labelled {@code label}, if remembered. */
    public Optional<Connection> connection(String label) {
        return connections.stream().filter(c -> c.label().equals(label)).findFirst();
    }

    /** The requests on the connection labelled {@code label}, oldest first. */
    public List<Request> requestsOn(String label) {
        return requests.stream().filter(r -> r.connection().equals(label)).toList();
    }

    /** The summary of {@code client}, if it made a request the lab remembers. */
    public Optional<Client> client(String client) {
        return clients.stream().filter(c -> c.client().equals(client)).findFirst();
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new AssertionError("/connections gives no field " + name + " in " + node);
        }
        return value;
    }

    private static JsonNode typed(JsonNode node, String name, Predicate<JsonNode> type) {
        JsonNode value = field(node, name);
        if (!value.isNull() && !type.test(value)) {
            throw new AssertionError("/connections gives " + name + " as " + value + " in " + node);
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = typed(node, name, JsonNode::isTextual);
        return value.isNull() ? null : value.asText();
    }

    private static Long nullableLong(JsonNode node, String name) {
        JsonNode value = typed(node, name, JsonNode::isIntegralNumber);
        return value.isNull() ? null : value.asLong();
    }

    private static long number(JsonNode node, String name) {
        return Objects.requireNonNull(nullableLong(node, name), () -> "/connections gives " + name + " as null in " + node);
    }

    private static Boolean nullableBool(JsonNode node, String name) {
        JsonNode value = typed(node, name, JsonNode::isBoolean);
        return value.isNull() ? null : value.asBoolean();
    }

    private static boolean bool(JsonNode node, String name) {
        return Objects.requireNonNull(nullableBool(node, name), () -> "/connections gives " + name + " as null in " + node);
    }

    private static <T> List<T> list(JsonNode root, String name, Function<JsonNode, T> read) {
        List<T> items = new ArrayList<>();
        field(root, name).forEach(item -> items.add(read.apply(item)));
        return List.copyOf(items);
    }
}
