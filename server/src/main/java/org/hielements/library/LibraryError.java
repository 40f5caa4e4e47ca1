package org.hielements.library;

import java.util.Objects;

/**
 * An error a library reports: a code ({@code "E110"}, {@code "E508"}, {@code "E-32601"} for a plugin's JSON-RPC error)
 * and a message a user understands. Errors are values: they cross the library boundary as this record (inside a
 * {@link CheckResult.Error} or a {@link LibraryException}), never as a raw exception.
 */
public record LibraryError(String code, String message) {

    /**
     * The code of an error that arrived without one (a plugin's {@code {"Error": "..."}} check reply): LANGUAGE.md §7
     * reports such an error as E230.
     */
    public static final String UNCODED = "E230";

    public LibraryError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static LibraryError of(String code, String message) {
        return new LibraryError(code, message);
    }

    /** The error as a checked exception, for code that prefers {@code throw}. */
    public LibraryException exception() {
        return new LibraryException(this);
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
