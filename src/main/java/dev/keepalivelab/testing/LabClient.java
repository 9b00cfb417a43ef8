package dev.keepalivelab.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives a lab through its control API and reads its record, over HTTP: works against any lab, started in this JVM
 * ({@link KeepAliveLabServer#client()}) or elsewhere ({@code LabClient.of(URI.create("http://lab:8080/"))}), as long
 * as the lab's {@code control} setting lets this client in (docs/control-api.md). Its requests name it
 * {@value #USER_AGENT} in the record.
 */
public final class LabClient {
    /** The User-Agent of this client's requests, and so its name in the record's per-client summary. */
    public static final String USER_AGENT = "keepalive-lab-client";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String FAULTS = "/control/faults";
    private static final String RECORD = "/control/record";
    private static final String CONNECTIONS = "/connections";

    private final URI base;
    private final HttpClient http;

    private LabClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
    }

    /** A client of the lab at {@code base}, e.g. {@code http://127.0.0.1:8080/}. */
    public static LabClient of(URI base) {
        if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
            throw new IllegalArgumentException("Invalid lab URL '" + base + "': allowed is an http or https URL such as http://127.0.0.1:8080/");
        }
        return new LabClient(base.resolve("/"));
    }

    /** Arms {@code fault} and returns it as the lab armed it. */
    public ArmedFault arm(FaultSpec fault) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fault", fault.fault());
        Optional.ofNullable(fault.requests()).ifPresent(n -> body.put("requests", n));
        Optional.ofNullable(fault.connections()).ifPresent(n -> body.put("connections", n));
        if (!fault.paths().isEmpty()) {
            body.put("paths", fault.paths());
        }
        Optional.ofNullable(fault.client()).ifPresent(c -> body.put("client", c));
        String answer = send("POST", FAULTS, HttpRequest.BodyPublishers.ofString(JsonObject.write(body)), 201);
        return RecordJson.armedFault(JsonObject.parse("POST " + FAULTS, answer));
    }

    /** Arms {@code fault} (as {@code ?fault=} writes it) on every request until disarmed. */
    public ArmedFault arm(String fault) {
        return arm(FaultSpec.of(fault));
    }

    /** The faults armed now, in arming order (those that used up their count too, until disarmed). */
    public List<ArmedFault> armedFaults() {
        return JsonObject.parse("GET " + FAULTS, get(FAULTS)).objects("faults", RecordJson::armedFault);
    }

    /** The armed fault {@code id} as it stands now: how often it was applied, how many it has left. */
    public ArmedFault armedFault(String id) {
        return RecordJson.armedFault(JsonObject.parse("GET " + FAULTS + "/" + id, get(FAULTS + "/" + id)));
    }

    /** Disarms the fault {@code id}. */
    public void disarm(String id) {
        send("DELETE", FAULTS + "/" + id, HttpRequest.BodyPublishers.noBody(), 204);
    }

    /** Disarms {@code fault}. */
    public void disarm(ArmedFault fault) {
        disarm(fault.id());
    }

    /** Disarms every armed fault. */
    public void disarmAll() {
        send("DELETE", FAULTS, HttpRequest.BodyPublishers.noBody(), 204);
    }

    /** Empties the record: requests, connections and the clients summary. Request ids and labels keep counting. */
    public void clearRecord() {
        send("DELETE", RECORD, HttpRequest.BodyPublishers.noBody(), 204);
    }

    /** The record now, {@code GET /connections}. */
    public LabRecord record() {
        return RecordJson.record(JsonObject.parse("GET " + CONNECTIONS, recordJson()));
    }

    /** The record now as the lab writes it, the JSON of {@code GET /connections}. */
    public String recordJson() {
        return get(CONNECTIONS);
    }

    /**
     * The connection labelled {@code label} once it has closed and says why; polls the record for at most
     * {@code timeout}, then fails naming the connection and what the record last said of it.
     */
    public RecordedConnection awaitClosed(String label, Duration timeout) {
        return RecordPoll.until(this::record, record -> record.connection(label)
                        .filter(c -> c.closed() && c.closeReason().isPresent()), timeout,
                last -> "connection " + label + " did not close within " + timeout.toMillis() + " ms; the record last said "
                        + last.connection(label).map(Object::toString).orElse("nothing of it (never seen, or forgotten)"));
    }

    /** The lab's base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI baseUrl() {
        return base;
    }

    private String get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), 200);
    }

    private String send(String method, String path, HttpRequest.BodyPublisher body, int expected) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).method(method, body).timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT);
        if (method.equals("POST")) {
            builder.header("Content-Type", "application/json");
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LabClientException(method + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabClientException(method + " " + request.uri() + " was interrupted", e);
        }
        if (response.statusCode() != expected) {
            throw new LabClientException(method + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + ErrorBody.message(response.body()), response.statusCode());
        }
        return response.body();
    }
}
