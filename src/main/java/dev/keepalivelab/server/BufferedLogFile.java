package dev.keepalivelab.server;

import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Appends log lines to a file through a buffer that is written when full, at least every {@link #FLUSH_INTERVAL} and
 * at stop, like nginx's {@code access_log ... buffer=64k flush=1s}: one write system call per block rather than per
 * line. While the server runs no line is dropped (the thread that fills the buffer writes it); a process killed
 * without a stop loses what was not yet written, at most one interval's lines.
 */
final class BufferedLogFile extends ContainerLifeCycle implements RequestLog.Writer {
    static final int BUFFER_BYTES = 64 * 1024;
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(BufferedLogFile.class);
    private static final byte[] NEWLINE = {'\n'};

    private final String path;
    private final Scheduler scheduler = new ScheduledExecutorScheduler("access-log-flush", true);
    private OutputStream out;
    private boolean flushFailed;

    BufferedLogFile(String path) {
        this.path = path;
        addBean(scheduler);
    }

    @Override
    protected void doStart() throws Exception {
        synchronized (this) {
            try {
                out = new BufferedOutputStream(new FileOutputStream(path, true), BUFFER_BYTES);
            } catch (IOException e) {
                throw StartFailure.cannotWriteAccessLog(path, e);
            }
        }
        try {
            super.doStart();
        } catch (Exception e) {
            try {
                closeFile();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        scheduleFlush();
    }

    @Override
    public void write(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (out != null) {
                out.write(bytes);
                out.write(NEWLINE);
            }
        }
    }

    private void scheduleFlush() {
        scheduler.schedule(() -> {
            try {
                flush();
            } finally {
                if (isRunning()) {
                    scheduleFlush();
                }
            }
        }, FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void flush() {
        try {
            if (out != null) {
                out.flush();
                flushFailed = false;
            }
        } catch (IOException e) {
            if (!flushFailed) {
                LOG.warn("Cannot write the access log {}: {}", path, e.toString());
            }
            flushFailed = true;
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        closeFile();
    }

    private synchronized void closeFile() throws IOException {
        if (out != null) {
            OutputStream closing = out;
            out = null;
            closing.close();
        }
    }
}
