package org.hielements.wasm;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A guest's stdout or stderr: the first {@code limit} bytes of each call are kept and logged as one
 * record when the call ends, with the number of bytes dropped after them; control characters other
 * than line breaks and tabs are shown as {@code \\u001b}, so guest output cannot drive a terminal.
 * Never the JVM's own stdout, which belongs to the LSP protocol.
 */
final class GuestConsole extends OutputStream {
    static final Logger LOG = Logger.getLogger("org.hielements.wasm.guest");

    private final String prefix;
    private final Level level;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private int size; // kept.size(), without its lock: most calls write nothing, and then cost no lock at all
    private long dropped;

    GuestConsole(String plugin, String stream, Level level, int limit) {
        this.prefix = "[" + plugin + " " + stream + "] ";
        this.level = level;
        this.limit = limit;
    }

    /** Starts a new call's budget. */
    void startCall() {
        if (size != 0) {
            kept.reset();
            size = 0;
        }
        dropped = 0;
    }

    /** Logs what the call wrote (one record), if anything. */
    void endCall() {
        if (size == 0 && dropped == 0) {
            return;
        }
        if (LOG.isLoggable(level)) {
            String text = show(kept.toString(StandardCharsets.UTF_8));
            String note = dropped == 0 ? ""
                    : (text.isEmpty() ? "" : "\n") + "(" + dropped + " more bytes written in this call were dropped;"
                            + " " + limit + " bytes are kept per call)";
            LOG.log(level, prefix + text + note);
        }
        kept.reset();
        size = 0;
        dropped = 0;
    }

    @Override
    public void write(int b) {
        if (size < limit) {
            kept.write(b);
            size++;
        } else {
            dropped++;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int room = Math.max(0, Math.min(len, limit - size));
        kept.write(b, off, room);
        size += room;
        dropped += len - room;
    }

    /** The text without its last line break, control characters (but line breaks and tabs) escaped. */
    static String show(String s) {
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        StringBuilder b = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if ((Character.isISOControl(c) && c != '\n' && c != '\t')
                    || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
