package org.hielements.cli;

/**
 * A failure of the program itself (a bug, running out of memory) that a command met after printing what it could: it
 * carries the original throwable to {@link Main}, which reports it in one line and exits with code 3.
 */
final class InternalFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private InternalFailure(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }

    /** {@code t} itself when it is unchecked (so an {@link Error} stays an Error), else wrapped. */
    static RuntimeException of(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new InternalFailure(t);
    }
}
