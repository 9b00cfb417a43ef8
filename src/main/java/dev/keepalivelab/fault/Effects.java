package dev.keepalivelab.fault;

/**
 * What a serving path does to one response for a fault, phase by phase: when the response starts (and whether it is
 * written at all), how its body goes out, and what happens to the connection once it is over. The small vocabulary
 * that each serving path's interpreter carries out with its server's means (timers, never sleeps; the socket where the
 * server controls it). On HTTP/1.x the connection is the TCP connection; on HTTP/2 a response is a stream, and the
 * effects on the connection act on the TCP connection under all its streams, without GOAWAY. Which effects a protocol
 * makes is that protocol's rule ({@link EffectSupport}).
 *
 * @param start what happens where the response would start
 * @param body  how the body goes out; {@link Body#WHOLE} where nothing is written
 * @param end   what happens to the connection after the response; {@link End#NONE} where nothing is written
 */
public record Effects(Start start, Body body, End end) {
    /** The response as the lab wrote it: no fault. */
    public static final Effects NONE = new Effects(Start.WRITE, Body.WHOLE, End.NONE);

    public Effects {
        if (!start.writes() && (body != Body.WHOLE || end != End.NONE)) {
            throw new IllegalArgumentException("a response that is not written has no body or end effect: " + start);
        }
        if (start == Start.DELAY && body == Body.DRIP) {
            throw new IllegalArgumentException("a fault has one duration: a delay or a drip");
        }
    }

    /** A response written now, its body and end as given. */
    static Effects written(Body body, End end) {
        return new Effects(Start.WRITE, body, end);
    }

    /** A response that is never written; {@code start} says what happens instead. */
    static Effects withheld(Start start) {
        return new Effects(start, Body.WHOLE, End.NONE);
    }

    /**
     * These effects on a response without a body (HEAD): half of no body is all of it, so a cut becomes the whole
     * response and then the close the cut would have made; the rest act as they do on any response.
     */
    public Effects withoutBody() {
        return body == Body.HALF_THEN_CUT ? new Effects(start, Body.WHOLE, End.CLOSE) : this;
    }

    /** Whether the response is written at all. */
    public boolean responds() {
        return start.writes();
    }

    /** Whether the effects end the connection (now, after the response, or at its timeout). */
    public boolean endsConnection() {
        return start.endsConnection() || body == Body.HALF_THEN_CUT || end != End.NONE;
    }

    /**
     * Whether, beyond the whole response, they only end the connection (a close or a reset after it): what a close the
     * response announces does first, so that it wins.
     */
    public boolean onlyEndAfterWholeResponse() {
        return start == Start.WRITE && body == Body.WHOLE && end != End.NONE;
    }

    /** Where the response starts. */
    public enum Start {
        /** Write the status line and headers now. */
        WRITE,
        /** Wait the fault's duration, then write the status line and headers; the connection stays usable. */
        DELAY,
        /** Write nothing: close the connection now (FIN), the request read and unanswered. */
        CLOSE,
        /** Write nothing: reset the connection now (RST). */
        RESET,
        /** Write nothing, ever: the connection closes (FIN) when its idle (or request) timeout expires. */
        HOLD,
        /**
         * HTTP/2: write nothing and refuse the request's stream, RST_STREAM with REFUSED_STREAM (RFC 9113 section 8.7: not
         * processed, so safe to retry); the connection stays open.
         */
        REFUSE_STREAM,
        /**
         * HTTP/2: write nothing; GOAWAY (no error) whose last stream is below the request's, which leaves it unprocessed
         * (RFC 9113 section 6.8), then end the connection (FIN).
         */
        GOAWAY_BELOW;

        public boolean writes() {
            return this == WRITE || this == DELAY;
        }

        /** Whether it ends the connection: every start that writes nothing, except a refused stream. */
        public boolean endsConnection() {
            return !writes() && this != REFUSE_STREAM;
        }
    }

    /** How the body goes out. */
    public enum Body {
        /** The whole body at once. */
        WHOLE,
        /** The body in even pieces spread over the fault's duration ({@code DripSchedule}). */
        DRIP,
        /** The first half of the body, then the response is cut: on HTTP/1.x that closes the connection (FIN). */
        HALF_THEN_CUT
    }

    /** What happens to the connection once the whole response is written. */
    public enum End {
        /** Nothing: the connection stays as the lab decided. */
        NONE,
        /** Close the connection (FIN), though the response did not announce it. */
        CLOSE,
        /** Reset the connection (RST). */
        RESET
    }
}
