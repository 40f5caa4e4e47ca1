package org.hielements.check;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.Severity;
import org.hielements.library.Evidence;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * The verdict of one check in one run: which element it ran for, the check text as upstream prints it
 * ({@code files.exists(src, 'x')}), whether it passed, failed (the rule is violated) or could not be evaluated, the
 * message, the code ({@code F001} for a failure; the library's own code, a static code such as {@code E203}, or
 * {@code E230} for an error; none for a pass) and where it belongs: the {@code check} statement, or for a pattern
 * check the implementing element's {@code implements} clause, or for a connection check the {@code uses}
 * declaration. {@code related} points at what explains it (the check inside the pattern, the failed scope, the
 * connection check of the language).
 *
 * @param kind               plain check, pattern check or connection check
 * @param element            dotted path of the element the check ran for ({@code shop.orders})
 * @param check              the check's expression as upstream prints it
 * @param status             pass, fail or error
 * @param message            the failure or error message; null for a pass
 * @param code               null for a pass
 * @param source             the file the outcome is reported in
 * @param span               where in {@code source}
 * @param related            explaining places (may be empty)
 * @param origin             for a pattern check the pattern's name, for a connection check
 *                           {@code language.check_name}; null for a plain check
 * @param reportedStatically true when the error only repeats a diagnostic the static analysis already reported at
 *                           this check (an undefined name, an unknown library): {@link #toDiagnostic()} then gives
 *                           nothing, so an editor shows that problem once
 * @param evidence           for a failure, every place in workspace code that breaks the rule (all of them, while
 *                           {@code related} carries at most {@code Evaluator.MAX_EVIDENCE}); empty otherwise
 */
public record Outcome(Kind kind, String element, String check, Status status, String message, String code,
        SourceText source, Span span, List<Diagnostic.Related> related, String origin, boolean reportedStatically,
        List<Evidence> evidence) {

    /** What produced the outcome. */
    public enum Kind {
        /** A {@code check} statement of an element. */
        CHECK("check"),
        /** A check written in a pattern, run for one implementing element. */
        PATTERN_CHECK("pattern"),
        /** A connection check of a language, run for a {@code uses} declaration (or once per element). */
        CONNECTION_CHECK("connection");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word used in JSON output: {@code check}, {@code pattern}, {@code connection}. */
        public String word() {
            return word;
        }
    }

    /** Upstream's three results. */
    public enum Status {
        PASS, FAIL, ERROR;

        /** {@code pass}, {@code fail}, {@code error}: the JSON word. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An outcome without evidence. */
    public Outcome(Kind kind, String element, String check, Status status, String message, String code,
            SourceText source, Span span, List<Diagnostic.Related> related, String origin,
            boolean reportedStatically) {
        this(kind, element, check, status, message, code, source, span, related, origin, reportedStatically,
                List.of());
    }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(span, "span");
        related = List.copyOf(related);
        evidence = status == Status.FAIL && evidence != null ? List.copyOf(evidence) : List.of();
        if (status == Status.PASS) {
            message = null;
            code = null;
        } else {
            Objects.requireNonNull(message, "message");
            if (code == null || code.isBlank()) code = status == Status.FAIL ? Code.F001.id() : Code.E230.id();
        }
    }

    public boolean passed() {
        return status == Status.PASS;
    }

    /**
     * The outcome as an editor diagnostic (LANGUAGE.md §7): a failure is an error with code {@code F001} and the
     * failure message, an error has its own code; a pass (and an error that repeats a static diagnostic) gives none.
     */
    public Optional<Diagnostic> toDiagnostic() {
        if (status == Status.PASS || reportedStatically) return Optional.empty();
        return Optional.of(new Diagnostic(code, Severity.ERROR, message, source, span, related));
    }

    /** The outcome with more related information appended. */
    Outcome withRelated(List<Diagnostic.Related> more) {
        if (more.isEmpty()) return this;
        List<Diagnostic.Related> all = new java.util.ArrayList<>(related);
        all.addAll(more);
        return new Outcome(kind, element, check, status, message, code, source, span, all, origin,
                reportedStatically, evidence);
    }
}
