package dev.keepalivelab.testing;

import java.util.OptionalInt;

/** The lab refused a request of the {@link LabClient}, could not be reached, or answered what the client cannot read. */
public final class LabClientException extends RuntimeException {
    private final OptionalInt status;

    LabClientException(String message, Throwable cause) {
        super(message, cause);
        this.status = OptionalInt.empty();
    }

    LabClientException(String message) {
        this(message, (Throwable) null);
    }

    LabClientException(String message, int status) {
        super(message);
        this.status = OptionalInt.of(status);
    }

    /** The HTTP status the lab answered with, where it answered. */
    public OptionalInt status() {
        return status;
    }
}
