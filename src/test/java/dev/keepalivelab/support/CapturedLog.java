package dev.keepalivelab.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What is logged through java.util.logging under one logger (Tomcat logs there), as an operator reads it. */
public final class CapturedLog extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    public static CapturedLog of(String loggerName) {
        CapturedLog captured = new CapturedLog(Logger.getLogger(loggerName));
        captured.logger.addHandler(captured);
        return captured;
    }

    /** One line per record, {@code LEVEL: message}, each followed by an indented line per exception in its cause chain. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : records) {
            text.append(record.getLevel()).append(": ").append(record.getMessage()).append('\n');
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append("    ").append(t).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
