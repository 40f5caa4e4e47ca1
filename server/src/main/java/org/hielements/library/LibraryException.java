package org.hielements.library;

import java.util.Objects;

/**
 * The checked exception a {@link Library} throws from {@code call}/{@code check}; it carries a {@link LibraryError},
 * which is what callers report. Implementations convert every other failure into one of these before it leaves them.
 */
public final class LibraryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient LibraryError error;

    public LibraryException(LibraryError error) {
        super(Objects.requireNonNull(error, "error").toString(), null, false, false);
        this.error = error;
    }

    public LibraryException(String code, String message) {
        this(new LibraryError(code, message));
    }

    public LibraryError error() {
        return error;
    }

    public String code() {
        return error.code();
    }
}
