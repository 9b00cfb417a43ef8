package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.lab.fault.Effects;

/** HTTP/2: many streams on one TCP connection. */
public final class Http2Rules implements ProtocolRules {
    @Override
    public String displayName() {
        return "HTTP/2";
    }

    /**
     * The effects made on the stream (a delay, a drip) or on the TCP connection under all its streams (a close or reset
     * without GOAWAY, after the response or in place of it). A cut stream (RST_STREAM) and a held one are not made yet.
     */
    @Override
    public boolean makes(Effects effects) {
        boolean start = switch (effects.start()) {
            case WRITE, DELAY, CLOSE, RESET -> true;
            case HOLD -> false;
        };
        boolean body = switch (effects.body()) {
            case WHOLE, DRIP -> true;
            case HALF_THEN_CUT -> false;
        };
        boolean end = switch (effects.end()) {
            case NONE, CLOSE, RESET -> true;
        };
        return start && body && end;
    }
}
