package org.hielements.library;

import java.util.List;
import java.util.Objects;

/** The outcome of a check: it passed, the rule is violated ({@link Fail}), or it could not be evaluated ({@link Error}). */
public sealed interface CheckResult permits CheckResult.Pass, CheckResult.Fail, CheckResult.Error {

    Pass PASS = new Pass();

    static CheckResult pass() {
        return PASS;
    }

    static CheckResult fail(String message) {
        return new Fail(message, List.of());
    }

    /**
     * A failure that names where the code breaks the rule: {@code stem: file:line excerpt (and N more)}, every place
     * kept as evidence (upstream's message stem first, so text matching on it keeps working). With no places it is
     * the stem alone.
     */
    static CheckResult failAt(String stem, List<Evidence> places) {
        if (places.isEmpty()) return new Fail(stem, List.of());
        String more = places.size() > 1 ? " (and " + (places.size() - 1) + " more)" : "";
        return new Fail(stem + ": " + places.get(0).describe() + more, places);
    }

    static CheckResult error(LibraryError error) {
        return new Error(error);
    }

    static CheckResult error(String code, String message) {
        return new Error(new LibraryError(code, message));
    }

    default boolean isPass() {
        return this instanceof Pass;
    }

    default boolean isFail() {
        return this instanceof Fail;
    }

    default boolean isError() {
        return this instanceof Error;
    }

    /** The failure or error message; empty for a pass. */
    String message();

    record Pass() implements CheckResult {
        @Override
        public String message() {
            return "";
        }
    }

    /** A violated rule; {@code evidence} lists the places in the code that violate it (may be empty). */
    record Fail(String message, List<Evidence> evidence) implements CheckResult {
        public Fail {
            Objects.requireNonNull(message, "message");
            evidence = List.copyOf(evidence);
        }

        public Fail(String message) {
            this(message, List.of());
        }
    }

    record Error(LibraryError error) implements CheckResult {
        public Error {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String message() {
            return error.message();
        }

        public String code() {
            return error.code();
        }
    }
}
