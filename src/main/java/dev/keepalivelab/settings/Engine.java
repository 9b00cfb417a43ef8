package dev.keepalivelab.settings;

import java.util.Arrays;
import java.util.Optional;

/** How the embedded main serves the lab. Both run the same lab code and pass the same wire tests. */
public enum Engine {
    /**
     * A Jetty core {@code Handler} that declares itself non-blocking, so that Jetty answers each request on the
     * thread that parsed it: the fastest path, and the default of the embedded main.
     */
    CORE("core"),
    /**
     * The WAR's servlet in a Jetty ee10 servlet context: what {@code mvn jetty:run} and a deployed WAR run, each
     * request handed to a pool thread.
     */
    SERVLET("servlet");

    private final String value;

    Engine(String value) {
        this.value = value;
    }

    /** The word used in the flag. */
    public String value() {
        return value;
    }

    public static Optional<Engine> fromValue(String value) {
        return Arrays.stream(values()).filter(e -> e.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
