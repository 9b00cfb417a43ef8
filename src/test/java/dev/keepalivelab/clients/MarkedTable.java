package dev.keepalivelab.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A measured table a doc holds between two markers: read, to compare with what a test measured, or written from it.
 *
 * @param docs  the doc, e.g. docs/testing-clients.md
 * @param begin the marker line before the table, with its line break
 * @param end   the marker after it
 */
record MarkedTable(Path docs, String begin, String end) {
    /** The documented table, or a line saying there is none. */
    String documented() throws IOException {
        String text = Files.readString(docs);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        return from < 0 || to < from ? "(no table in " + docs + ")" : text.substring(from + begin.length(), to);
    }

    /** Puts {@code table} between the markers in place of the documented one. */
    void write(String table) throws IOException {
        String text = Files.readString(docs);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError(docs + " has no markers " + begin.trim() + " ... " + end);
        }
        Files.writeString(docs, text.substring(0, from + begin.length()) + table + text.substring(to));
    }
}
