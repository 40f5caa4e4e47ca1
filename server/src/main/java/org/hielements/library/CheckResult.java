package org.hielements.library;

import java.util.Objects;

/** The outcome of a check: it passed, the rule is violated ({@link Fail}), or it could not be evaluated ({@link Error}). */
public sealed interface CheckResult permits CheckResult.Pass, CheckResult.Fail, CheckResult.Error {

    Pass PASS = new Pass();

    static CheckResult pass() {
        return PASS;
    }

    static CheckResult fail(String message) {
        return new Fail(message);
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

    record Fail(String message) implements CheckResult {
        public Fail {
            Objects.requireNonNull(message, "message");
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
