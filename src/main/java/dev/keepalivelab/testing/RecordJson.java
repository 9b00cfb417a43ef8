package dev.keepalivelab.testing;

/** Reads the JSON of {@code GET /connections} and of the control API's armed faults into their typed records. */
final class RecordJson {
    private RecordJson() {
    }

    static LabRecord record(JsonObject json) {
        return new LabRecord(json.number("requestsSeen"), json.number("connectionsSeen"),
                json.objects("requests", RecordJson::request), json.objects("connections", RecordJson::connection),
                json.objects("clients", RecordJson::client));
    }

    static RecordedRequest request(JsonObject r) {
        return new RecordedRequest(r.number("id"), r.string("connection"), r.integer("requestOnConnection"),
                r.string("method"), r.string("path"), r.string("protocol"), r.integer("remotePort"), r.optionalInt("status"),
                r.optionalLong("stream"), r.optionalLong("load"), r.string("client"), r.optionalString("fault"),
                r.string("decision"), r.string("reason"), r.optionalString("outcome"), r.optionalLong("bytes"),
                r.instant("time"));
    }

    static RecordedConnection connection(JsonObject c) {
        return new RecordedConnection(c.string("label"), c.integer("remotePort"), c.string("protocol"), c.bool("tls"),
                c.integer("requests"), c.instant("firstSeen"), c.instant("lastSeen"), c.optionalBool("closed"),
                c.optionalString("closeReason"), c.optionalString("closedBy"), c.optionalInstant("closedAt"));
    }

    static RecordedClient client(JsonObject c) {
        return new RecordedClient(c.string("client"), c.integer("requests"), c.integer("connections"), c.integer("reused"),
                c.optionalLong("medianIdleBeforeReuseMs"), c.optionalLong("maxIdleBeforeReuseMs"),
                c.integer("reusedAfterKeepAliveTimeout"), c.integer("faults"), c.integer("lost"), c.integer("retried"),
                c.integer("retriedNonIdempotent"), c.integer("notRetried"));
    }

    static FaultStatus armedFault(JsonObject f) {
        return new FaultStatus(f.string("id"), f.string("fault"), f.optionalInt("requests"), f.optionalInt("connections"),
                f.strings("paths"), f.optionalString("client"), f.optionalInt("remaining"), f.integer("applied"));
    }
}
