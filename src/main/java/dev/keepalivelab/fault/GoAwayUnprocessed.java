package dev.keepalivelab.fault;

/**
 * {@code goaway-unprocessed}: HTTP/2 only, GOAWAY (no error) whose last stream is the one below the request's, so that
 * the request's stream goes unprocessed, then the connection ends. A client check's own ({@code goaway-retry}), not a
 * {@code ?fault=}.
 */
public record GoAwayUnprocessed() implements FaultType {
    @Override
    public String name() {
        return "goaway-unprocessed";
    }

    @Override
    public Effects onResponse() {
        return Effects.withheld(Effects.Start.GOAWAY_BELOW);
    }
}
