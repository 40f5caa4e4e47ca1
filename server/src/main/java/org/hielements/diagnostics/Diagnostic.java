package org.hielements.diagnostics;

import java.util.List;
import java.util.Objects;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * A problem found in a file: code, severity, message, the span it is about, and related places (for example the
 * requirement inside a pattern that an implementing element fails).
 */
public record Diagnostic(String code, Severity severity, String message, SourceText source, Span span,
        List<Related> related) {

    /**
     * Another place that explains a diagnostic. {@code file} is the absolute path of a place outside the model's
     * {@code .hie} files (the import that makes a check fail), null for a place in a {@code .hie} file, whose
     * location comes from the model.
     */
    public record Related(SourceText source, Span span, String message, java.nio.file.Path file) {
        public Related(SourceText source, Span span, String message) {
            this(source, span, message, null);
        }
    }

    public Diagnostic {
        Objects.requireNonNull(code);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(message);
        Objects.requireNonNull(source);
        Objects.requireNonNull(span);
        related = List.copyOf(related);
    }

    /** A diagnostic of a catalogue code, at a span of a file. */
    public static Diagnostic of(Code code, SourceText source, Span span, Object... args) {
        return new Diagnostic(code.id(), code.severity(), code.format(args), source, span, List.of());
    }

    public Diagnostic withRelated(List<Related> more) {
        var all = new java.util.ArrayList<>(related);
        all.addAll(more);
        return new Diagnostic(code, severity, message, source, span, all);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
