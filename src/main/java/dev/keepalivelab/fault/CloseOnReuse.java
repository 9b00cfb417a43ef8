package dev.keepalivelab.fault;

/**
 * {@code close-on-reuse}: the whole response, kept alive as usual; the next request on that connection is read and
 * answered by closing the connection (FIN), with no response: a stale pooled connection, every time. On HTTP/2 the next
 * stream's TCP connection closes, without GOAWAY.
 */
public record CloseOnReuse() implements FaultType {
    @Override
    public String name() {
        return "close-on-reuse";
    }

    @Override
    public Effects onResponse() {
        return Effects.NONE;
    }

    @Override
    public Effects onNextRequest() {
        return Effects.withheld(Effects.Start.CLOSE);
    }
}
