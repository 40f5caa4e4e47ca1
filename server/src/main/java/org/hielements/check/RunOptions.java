package org.hielements.check;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How to run the checks.
 *
 * @param filter   keep only the checks of elements whose dotted path contains this text (upstream's
 *                 {@code --filter}); the others count as skipped and their scopes are not evaluated. Null: all
 * @param limit    stop after this many outcomes (upstream's {@code --limit}): every remaining check (of this
 *                 element and the later ones) counts as skipped and runs nothing. 0: no limit
 * @param cancel   asked between checks (and between values): true stops the run, which then returns what it has,
 *                 marked {@link RunResult#cancelled()}
 * @param progress told after each check and element
 * @param verbose  receives upstream's {@code --verbose} lines ({@code [verbose] Running: ...}); null: none
 */
public record RunOptions(String filter, int limit, BooleanSupplier cancel, ProgressListener progress,
        Consumer<String> verbose) {

    public RunOptions {
        if (limit < 0) throw new IllegalArgumentException("limit must not be negative: " + limit);
        if (filter != null && filter.isEmpty()) filter = null;
        cancel = cancel == null ? () -> false : cancel;
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** Every check, no limit, no cancellation, no progress, quiet. */
    public static RunOptions defaults() {
        return new RunOptions(null, 0, null, null, null);
    }

    public RunOptions withFilter(String f) {
        return new RunOptions(f, limit, cancel, progress, verbose);
    }

    public RunOptions withLimit(int n) {
        return new RunOptions(filter, n, cancel, progress, verbose);
    }

    public RunOptions withCancel(BooleanSupplier c) {
        return new RunOptions(filter, limit, Objects.requireNonNull(c), progress, verbose);
    }

    public RunOptions withProgress(ProgressListener p) {
        return new RunOptions(filter, limit, cancel, Objects.requireNonNull(p), verbose);
    }

    public RunOptions withVerbose(Consumer<String> v) {
        return new RunOptions(filter, limit, cancel, progress, v);
    }

    /** Whether the checks of the element at this dotted path run (no filter, or the path contains it). */
    public boolean matches(String elementPath) {
        return filter == null || elementPath.contains(filter);
    }

    void log(String line) {
        if (verbose != null) verbose.accept(line);
    }

    /** Whether verbose lines are wanted (else they need not be built). */
    boolean logging() {
        return verbose != null;
    }
}
