package dev.keepalivelab.lab.connection;

import dev.keepalivelab.lab.protocol.CloseReason;

import java.time.Instant;

/**
 * How a connection ended, as the server that held it saw it.
 *
 * @param closedBy who ended it
 * @param reason   why, or null where the server closed after a response whose outcome says why
 * @param time     when
 */
public record ConnectionEnd(Closer closedBy, CloseReason reason, Instant time) {

    /** Which end of the connection closed it first. */
    public enum Closer {
        SERVER("server"), CLIENT("client");

        private final String label;

        Closer(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
