package dev.keepalivelab.bench;

import java.io.PrintWriter;
import java.time.Duration;

/** A one-line progress bar on stderr, drawn only when there is a terminal to draw it on. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private int done;
    private long lastDraw;
    private int drawnLength;

    private ProgressBar(PrintWriter err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    /** Draws on {@code err} if the JVM has a console; otherwise (output redirected or piped) stays silent. */
    static ProgressBar onTerminal(PrintWriter err, int total) {
        return new ProgressBar(err, total, System.console() != null);
    }


    void advance(String label) {
        done++;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawnLength > 0 && now - lastDraw < REDRAW_NANOS && done < total) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * done / total);
        String line = "bench [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + " page loads (" + label + ")";
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        err.flush();
        drawnLength = line.length();
    }

    /** Erases the bar, so that only the results remain. */
    void clear() {
        if (enabled && drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }
}
