package dev.keepalivelab.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A response's body as the lab gives it to a serving path: bytes shared between responses, or the demo page spliced
 * from its variant's shared bytes around a page load's id, which the core engine copies straight into a pooled buffer.
 * Neither is ever modified.
 */
public sealed interface ResponseBody {
    int length();

    /** Puts bytes {@code from} to {@code to} (exclusive) into {@code into} at its position. */
    void copy(int from, int to, ByteBuffer into);

    /** Writes bytes {@code from} to {@code to} (exclusive) to {@code out}. */
    void write(int from, int to, OutputStream out) throws IOException;

    default byte[] toByteArray() {
        ByteBuffer bytes = ByteBuffer.allocate(length());
        copy(0, length(), bytes);
        return bytes.array();
    }

    /** Bytes given whole, such as the picture every image shares. */
    record Bytes(byte[] bytes) implements ResponseBody {
        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public void copy(int from, int to, ByteBuffer into) {
            into.put(bytes, from, to - from);
        }

        @Override
        public void write(int from, int to, OutputStream out) throws IOException {
            out.write(bytes, from, to - from);
        }
    }

    /**
     * The {@code segments} with {@code insert} between each two of them.
     *
     * @param segments the shared bytes around each place of the insert
     * @param insert   what goes in each place, such as a page load's id
     */
    record Spliced(byte[][] segments, byte[] insert) implements ResponseBody {
        @Override
        public int length() {
            int length = insert.length * (segments.length - 1);
            for (byte[] segment : segments) {
                length += segment.length;
            }
            return length;
        }

        @Override
        public void copy(int from, int to, ByteBuffer into) {
            int at = 0;
            for (int i = 0; i < segments.length && at < to; i++) {
                if (i > 0) {
                    at = copyOverlap(insert, at, from, to, into);
                }
                at = copyOverlap(segments[i], at, from, to, into);
            }
        }

        /**
         * Writes the range in one write, copied into an array of its own: a servlet container's stream may send what it
         * had gathered before a write that does not fit, so writing the pieces one by one could cost a second send.
         */
        @Override
        public void write(int from, int to, OutputStream out) throws IOException {
            ByteBuffer range = ByteBuffer.allocate(to - from);
            copy(from, to, range);
            out.write(range.array());
        }

        /** Puts the part of {@code bytes}, placed at {@code at}, that lies from {@code from} to {@code to}; the place after them. */
        private static int copyOverlap(byte[] bytes, int at, int from, int to, ByteBuffer into) {
            int start = Math.max(from, at);
            int end = Math.min(to, at + bytes.length);
            if (start < end) {
                into.put(bytes, start - at, end - start);
            }
            return at + bytes.length;
        }
    }
}
