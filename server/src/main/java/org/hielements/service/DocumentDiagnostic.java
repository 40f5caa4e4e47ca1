package org.hielements.service;

import java.util.List;
import org.hielements.diagnostics.Severity;

/** A diagnostic as an editor shows it: range, severity, code, message, related places, and its kind. */
public record DocumentDiagnostic(Range range, Severity severity, String code, String message,
        List<Related> related, DiagnosticKind kind) {

    /** Another place explaining the diagnostic. */
    public record Related(DocLocation location, String message) {}

    public DocumentDiagnostic {
        related = List.copyOf(related);
    }
}
