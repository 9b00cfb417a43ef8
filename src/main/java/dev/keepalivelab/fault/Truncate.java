package dev.keepalivelab.fault;

/**
 * {@code truncate}: {@code Content-Length} of the whole body, the first half of the body, then the server closes (FIN).
 * Not made on HTTP/2, where a cut stream would be a RST_STREAM.
 */
public record Truncate() implements FaultType {
    @Override
    public String name() {
        return "truncate";
    }

    @Override
    public Effects onResponse() {
        return Effects.written(Effects.Body.HALF_THEN_CUT, Effects.End.NONE);
    }
}
