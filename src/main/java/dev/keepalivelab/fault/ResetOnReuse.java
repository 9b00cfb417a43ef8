package dev.keepalivelab.fault;

/** {@code reset-on-reuse}: like {@link CloseOnReuse}, with a TCP reset (RST) instead of the close. */
public record ResetOnReuse() implements FaultType {
    @Override
    public String name() {
        return "reset-on-reuse";
    }

    @Override
    public Effects onResponse() {
        return Effects.NONE;
    }

    @Override
    public Effects onNextRequest() {
        return Effects.withheld(Effects.Start.RESET);
    }
}
