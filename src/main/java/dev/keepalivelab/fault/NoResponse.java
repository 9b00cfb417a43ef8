package dev.keepalivelab.fault;

/**
 * {@code no-response}: the request is read and never answered; the connection closes (FIN) at the idle (or request)
 * timeout. Not made on HTTP/2, which has no held stream.
 */
public record NoResponse() implements FaultType {
    @Override
    public String name() {
        return "no-response";
    }

    @Override
    public Effects onResponse() {
        return Effects.withheld(Effects.Start.HOLD);
    }
}
