package org.hielements.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log record of WARNING or worse, or carrying an exception, while installed on the root logger. */
final class LogRecorder extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new ArrayList<>();

    static LogRecorder install() {
        LogRecorder r = new LogRecorder();
        r.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(r);
        return r;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
            records.add(record);
        }
    }

    synchronized List<String> problems() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            out.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                    + (r.getThrown() != null ? " / " + r.getThrown() : ""));
        }
        return out;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
