package dev.keepalivelab.fault;

/** {@code delay=DURATION}: waits the duration before the status line; the connection (on HTTP/2, the stream) stays usable. */
public record Delay() implements FaultType {
    @Override
    public String name() {
        return "delay";
    }

    @Override
    public boolean timed() {
        return true;
    }

    @Override
    public Effects onResponse() {
        return new Effects(Effects.Start.DELAY, Effects.Body.WHOLE, Effects.End.NONE);
    }
}
