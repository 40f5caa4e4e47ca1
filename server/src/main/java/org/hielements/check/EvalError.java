package org.hielements.check;

import java.util.List;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.LibraryError;

/**
 * Why an expression could not be evaluated: a library error (its code and message), a problem the static analysis
 * already reported ({@link #reportedStatically}), another runtime problem, or a value it needs that failed
 * ({@link #dependency}). Internal to the evaluator; it never leaves the package (outcomes and diagnostics do).
 */
final class EvalError extends Exception {
    private static final long serialVersionUID = 1L;

    final String code;
    final String text;
    final boolean reportedStatically;
    final transient Failed dependency;
    final transient List<Diagnostic.Related> related;

    private EvalError(String code, String text, boolean reportedStatically, Failed dependency,
            List<Diagnostic.Related> related) {
        super(code + ": " + text, null, false, false);
        this.code = code;
        this.text = text;
        this.reportedStatically = reportedStatically;
        this.dependency = dependency;
        this.related = List.copyOf(related);
    }

    /** An error a library reported (its code kept; an empty code becomes E230). */
    static EvalError library(LibraryError e) {
        String code = e.code() == null || e.code().isBlank() ? Code.E230.id() : e.code();
        return new EvalError(code, e.message(), false, null, List.of());
    }

    /** A problem the static analysis reported at the same place (E200, E202, E203, E204, E205). */
    static EvalError reported(Code code, Object... args) {
        return new EvalError(code.id(), code.format(args), true, null, List.of());
    }

    /** A problem found only now. */
    static EvalError withRelated(Code code, List<Diagnostic.Related> related, Object... args) {
        return new EvalError(code.id(), code.format(args), false, null, related);
    }

    static EvalError of(Code code, Object... args) {
        return new EvalError(code.id(), code.format(args), false, null, List.of());
    }

    /** A value this expression needs failed: "depends on failed scope `x`", pointing at the failed value. */
    static EvalError dependency(Failed f) {
        return new EvalError(Code.E230.id(), "depends on failed " + f.description(), false, f,
                List.of(new Diagnostic.Related(f.source(), f.span(), f.description() + " failed: " + f.message())));
    }
}
