package dev.keepalivelab.fault;

/**
 * {@code silent-close}: the whole response, without {@code Connection: close}, then the server closes its end (FIN). On
 * HTTP/2 the TCP connection under all its streams closes after the response, without GOAWAY.
 */
public record SilentClose() implements FaultType {
    @Override
    public String name() {
        return "silent-close";
    }

    @Override
    public Effects onResponse() {
        return Effects.written(Effects.Body.WHOLE, Effects.End.CLOSE);
    }
}
