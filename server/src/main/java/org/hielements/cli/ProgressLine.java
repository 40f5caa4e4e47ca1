package org.hielements.cli;

import java.io.PrintWriter;
import org.hielements.check.Progress;
import org.hielements.check.ProgressListener;

/**
 * The progress of a run on a terminal's stderr: nothing during the first second, then one line rewritten in place
 * ({@code Checking: 3/10 elements, 25/80 checks}) at most ten times a second; {@link #finish()} erases it.
 */
final class ProgressLine implements ProgressListener {
    static final long DELAY_NANOS = 1_000_000_000L;
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final long start;
    private final long delay;
    private long last;
    private int width;

    ProgressLine(PrintWriter err) {
        this(err, DELAY_NANOS);
    }

    ProgressLine(PrintWriter err, long delayNanos) {
        this.err = err;
        this.start = System.nanoTime();
        this.delay = delayNanos;
    }

    @Override
    public void progress(Progress p) {
        long now = System.nanoTime();
        if (now - start < delay) return;
        boolean done = p.checksDone() == p.checksTotal() && p.elementsDone() == p.elementsTotal();
        if (width > 0 && !done && now - last < INTERVAL_NANOS) return;
        last = now;
        String text = "Checking: " + p.elementsDone() + "/" + p.elementsTotal() + " elements, " + p.checksDone() + "/"
                + p.checksTotal() + " checks";
        StringBuilder line = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < width; i++) line.append(' ');
        width = Math.max(width, text.length());
        err.print(line);
        err.flush();
    }

    /** Erases the line, if one was shown. */
    void finish() {
        if (width == 0) return;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }

    boolean shown() {
        return width > 0;
    }
}
