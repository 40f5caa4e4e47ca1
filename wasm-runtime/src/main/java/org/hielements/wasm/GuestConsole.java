package org.hielements.wasm;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A guest's stdout or stderr: split into lines and logged, at most {@code limit} bytes per call;
 * the rest is dropped with one note. Never the JVM's own stdout, which belongs to the LSP protocol.
 */
final class GuestConsole extends OutputStream {
    static final Logger LOG = Logger.getLogger("org.hielements.wasm.guest");
    private static final int MAX_LINE = 8192;

    private final String prefix;
    private final Level level;
    private final int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long written;
    private boolean truncated;

    GuestConsole(String plugin, String stream, Level level, int limit) {
        this.prefix = "[" + plugin + " " + stream + "] ";
        this.level = level;
        this.limit = limit;
    }

    /** Starts a new call's budget. */
    void startCall() {
        written = 0;
        truncated = false;
    }

    /** Logs what is left of the last line. */
    void endCall() {
        flushLine();
    }

    @Override
    public void write(int b) {
        if (written >= limit) {
            noteTruncated();
            return;
        }
        written++;
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
            if (line.size() >= MAX_LINE) {
                flushLine();
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    private void noteTruncated() {
        if (!truncated) {
            truncated = true;
            flushLine();
            LOG.log(level, prefix + "(output over " + limit + " bytes in this call dropped)");
        }
    }

    private void flushLine() {
        if (line.size() > 0) {
            if (LOG.isLoggable(level)) {
                LOG.log(level, prefix + line.toString(StandardCharsets.UTF_8));
            }
            line.reset();
        }
    }
}
