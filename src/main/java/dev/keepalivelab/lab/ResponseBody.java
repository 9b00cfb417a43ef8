package dev.keepalivelab.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A response's body as the lab gives it to a serving path: bytes shared between responses, or the demo page spliced
 * from its variant's shared bytes around a page load's id, which no response copies into an array of its own.
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
            eachPiece(from, to, into::put);
        }

        @Override
        public void write(int from, int to, OutputStream out) throws IOException {
            eachPiece(from, to, out::write);
        }

        private interface Piece<E extends Exception> {
            void take(byte[] bytes, int offset, int length) throws E;
        }

        /** Hands {@code piece} the parts of the segments and inserts that lie from {@code from} to {@code to}, in order. */
        private <E extends Exception> void eachPiece(int from, int to, Piece<E> piece) throws E {
            int at = 0;
            for (int i = 0; i < segments.length && at < to; i++) {
                if (i > 0) {
                    at = overlap(insert, at, from, to, piece);
                }
                at = overlap(segments[i], at, from, to, piece);
            }
        }

        /** Hands on the part of {@code bytes}, placed at {@code at}, that lies from {@code from} to {@code to}; the place after them. */
        private static <E extends Exception> int overlap(byte[] bytes, int at, int from, int to, Piece<E> piece) throws E {
            int start = Math.max(from, at);
            int end = Math.min(to, at + bytes.length);
            if (start < end) {
                piece.take(bytes, start - at, end - start);
            }
            return at + bytes.length;
        }
    }
}
