package org.hielements.baseline;

/** A baseline file that cannot be used: unreadable, not JSON, or not the shape {@link Baseline} writes. */
public final class BaselineException extends Exception {
    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
        super(message, null, false, false);
    }
}
