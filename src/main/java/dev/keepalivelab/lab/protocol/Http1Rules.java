package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.lab.fault.Effects;

/** HTTP/1.0 and HTTP/1.1: one response at a time on a TCP connection. */
public final class Http1Rules implements ProtocolRules {
    @Override
    public String displayName() {
        return "HTTP/1.x";
    }

    /** Every effect: a response is the connection's, so what is done to one is done to the other. */
    @Override
    public boolean makes(Effects effects) {
        return true;
    }
}
