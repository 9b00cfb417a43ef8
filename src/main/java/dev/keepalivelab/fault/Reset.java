package dev.keepalivelab.fault;

/** {@code reset}: the whole response, then a TCP reset (RST, not FIN); on HTTP/2 of the connection under all its streams. */
public record Reset() implements FaultType {
    @Override
    public String name() {
        return "reset";
    }

    @Override
    public Effects onResponse() {
        return Effects.written(Effects.Body.WHOLE, Effects.End.RESET);
    }
}
