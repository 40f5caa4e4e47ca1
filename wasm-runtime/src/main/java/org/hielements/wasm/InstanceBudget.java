package org.hielements.wasm;

import java.util.Locale;

/**
 * What one instance may allocate in the host, in bytes: its linear memory, its tables and its globals
 * count together against the policy's memory limit, so that a small module cannot make the host hold
 * far more than the limit (a few bytes declaring a table of ten million slots cost the JVM 120 MB, and
 * a module may declare many). Sizes are what the engine really allocates, rounded up:
 * {@value #TABLE_SLOT_BYTES} bytes per table slot (a reference and an index), {@value #GLOBAL_BYTES}
 * bytes per global. A refused reservation is remembered, so that a call during which one was refused
 * is reported as having hit the limit even when the guest carried on (a refused {@code memory.grow}
 * or {@code table.grow} returns -1 to the guest, as the specification says).
 */
final class InstanceBudget {
    static final int TABLE_SLOT_BYTES = 12;
    static final int GLOBAL_BYTES = 64;

    private final long limit;
    private long used;
    private volatile String refused;

    InstanceBudget(long limitBytes) {
        this.limit = limitBytes;
    }

    /** No limit beyond the engine's own (for tests of the memory alone). */
    static InstanceBudget unlimited() {
        return new InstanceBudget(Long.MAX_VALUE);
    }

    /** Takes {@code bytes} for {@code what} ("2 pages of memory"), or notes the refusal and returns false. */
    synchronized boolean reserve(long bytes, String what) {
        if (bytes < 0 || bytes > limit - used) {
            refused = "needs more than its memory limit of " + human(limit) + ": " + what + " would bring it to "
                    + human(used + Math.max(0, bytes)) + " (linear memory, tables and globals count together)";
            return false;
        }
        used += bytes;
        return true;
    }

    /** Notes a refusal decided elsewhere (a grow past a declared maximum), in words. */
    void refuse(String reason) {
        refused = reason;
    }

    synchronized long used() {
        return used;
    }

    long limit() {
        return limit;
    }

    /** Whether a reservation was refused since the last {@link #clearRefused()}. */
    boolean refused() {
        return refused != null;
    }

    /** The last refusal in words, or null. */
    String refusal() {
        return refused;
    }

    void clearRefused() {
        refused = null;
    }

    static String human(long bytes) {
        if (bytes < 1024L * 1024) {
            return ((bytes + 1023) / 1024) + " KiB";
        }
        if (bytes >= 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
