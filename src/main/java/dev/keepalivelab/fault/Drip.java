package dev.keepalivelab.fault;

/** {@code drip=DURATION}: the status line and headers at once, then the body in even pieces spread over the duration. */
public record Drip() implements FaultType {
    @Override
    public String name() {
        return "drip";
    }

    @Override
    public boolean timed() {
        return true;
    }

    @Override
    public Effects onResponse() {
        return Effects.written(Effects.Body.DRIP, Effects.End.NONE);
    }
}
