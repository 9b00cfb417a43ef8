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
 * {@value #USER_AGENT} in the record, and {@link #record()} leaves them out.
 */
public final class LabClient {
    /** The User-Agent of this client's requests, and so its name in the record's per-client summary. */
    public static final String USER_AGENT = "keepalive-lab-client";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Relative to the base URL, so that a lab deployed as a WAR under a context path is reached under it. */
    private static final String FAULTS = "control/faults";
    private static final String RECORD = "control/record";
    private static final String CONNECTIONS = "connections";

    private final URI base;
    private final HttpClient http;

    private LabClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
    }

    /**
     * A client of the lab at {@code base}: {@code http://127.0.0.1:8080/}, or for a WAR its context path,
     * {@code http://host:8080/keepalive-lab/} (the trailing slash may be left out: the path is the lab's root).
     */
    public static LabClient of(URI base) {
        if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null
                || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("Invalid lab URL '" + base + "': allowed is an http or https URL such as"
                    + " http://127.0.0.1:8080/ or, for a WAR, http://host:8080/keepalive-lab/, with no query or fragment");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return new LabClient(base.resolve(path.endsWith("/") ? path : path + "/"));
    }

    /** Arms {@code fault} and returns it as the lab armed it. */
    public FaultStatus arm(FaultSpec fault) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fault", fault.fault());
        Optional.ofNullable(fault.requests()).ifPresent(n -> body.put("requests", n));
        Optional.ofNullable(fault.connections()).ifPresent(n -> body.put("connections", n));
        if (!fault.paths().isEmpty()) {
            body.put("paths", fault.paths());
        }
        Optional.ofNullable(fault.client()).ifPresent(c -> body.put("client", c));
        return RecordJson.armedFault(json("POST", FAULTS, HttpRequest.BodyPublishers.ofString(JsonObject.write(body)), 201));
    }

    /** Arms {@code fault} (as {@code ?fault=} writes it) on every request until disarmed. */
    public FaultStatus arm(String fault) {
        return arm(FaultSpec.of(fault));
    }

    /** The faults armed now, in arming order (those that used up their count too, until disarmed). */
    public List<FaultStatus> armedFaults() {
        return json("GET", FAULTS, HttpRequest.BodyPublishers.noBody(), 200).objects("faults", RecordJson::armedFault);
    }

    /** The armed fault {@code id} as it stands now: how often it was applied, how many it has left. */
    public FaultStatus armedFault(String id) {
        return RecordJson.armedFault(json("GET", FAULTS + "/" + id, HttpRequest.BodyPublishers.noBody(), 200));
    }

    /** Disarms the fault {@code id}. */
    public void disarm(String id) {
        send("DELETE", FAULTS + "/" + id, HttpRequest.BodyPublishers.noBody(), 204);
    }

    /** Disarms {@code fault}. */
    public void disarm(FaultStatus fault) {
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

    /**
     * The record now, {@code GET /connections}, without this harness's own requests (client {@value #USER_AGENT}) and
     * the connections that carried only those: what the clients under test did. {@link #rawRecord()} has everything.
     */
    public LabRecord record() {
        return rawRecord().withoutHarness();
    }

    /** The record now, {@code GET /connections}, with the harness's own requests and connections too. */
    public LabRecord rawRecord() {
        return RecordJson.record(json("GET", CONNECTIONS, HttpRequest.BodyPublishers.noBody(), 200));
    }

    /** The record now as the lab writes it, the JSON of {@code GET /connections}: {@link #rawRecord()}'s. */
    public String recordJson() {
        return send("GET", CONNECTIONS, HttpRequest.BodyPublishers.noBody(), 200);
    }

    /**
     * The connection labelled {@code label} once it has closed and says why; polls the record for at most
     * {@code timeout}, then fails naming the connection and what the record last said of it.
     */
    public RecordedConnection awaitClosed(String label, Duration timeout) {
        return RecordPoll.until(this::record, record -> record.connection(label)
                        .filter(c -> c.closed().orElse(false) && c.closeReason().isPresent()), timeout,
                last -> "connection " + label + " did not close within " + timeout.toMillis() + " ms; the record last said "
                        + last.connection(label).map(c -> c + (c.closed().isEmpty()
                                ? " (closed unknown: a servlet container does not tell the lab when a connection ends)" : ""))
                        .orElse("nothing of it (never seen, or forgotten)"));
    }

    /** The lab's base URL, ending in {@code /}: e.g. {@code http://127.0.0.1:8080/}, {@code http://host:8080/keepalive-lab/}. */
    public URI baseUrl() {
        return base;
    }

    private JsonObject json(String method, String path, HttpRequest.BodyPublisher body, int expected) {
        return JsonObject.parse(method + " " + base.resolve(path), send(method, path, body, expected));
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
