package dev.keepalivelab.fault;

/**
 * {@code refuse-stream}: HTTP/2 only, the request's stream is refused with RST_STREAM (REFUSED_STREAM) and nothing of it
 * is processed; the connection stays open. A client check's own ({@code refused-stream}), not a {@code ?fault=}.
 */
public record RefuseStream() implements FaultType {
    @Override
    public String name() {
        return "refuse-stream";
    }

    @Override
    public Effects onResponse() {
        return Effects.withheld(Effects.Start.REFUSE_STREAM);
    }

    /** Only a server that reaches the request's HTTP/2 stream can refuse it; the Servlet API cannot. */
    @Override
    public boolean needsSocketControl() {
        return true;
    }
}
