package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.DiagnosticCap;
import org.hielements.diagnostics.Severity;

/** A diagnostic as an editor shows it: range, severity, code, message, related places, and its kind. */
public record DocumentDiagnostic(Range range, Severity severity, String code, String message,
        List<Related> related, DiagnosticKind kind) {

    /** Another place explaining the diagnostic. */
    public record Related(DocLocation location, String message) {}

    public DocumentDiagnostic {
        related = List.copyOf(related);
    }

    /**
     * What a document publishes: the first {@link DiagnosticCap#PER_FILE} diagnostics, then one note (E021 or W004)
     * counting the others, those the notes of earlier caps counted included (the analysis caps its own, and a check
     * run adds more). The list itself when it needs no cap.
     */
    public static List<DocumentDiagnostic> cap(List<DocumentDiagnostic> all) {
        int notes = 0;
        for (DocumentDiagnostic d : all) {
            if (DiagnosticCap.leftOutBy(d.code(), d.message()) > 0) notes++;
        }
        if (all.size() - notes <= DiagnosticCap.PER_FILE && notes <= 1) return all;
        List<DocumentDiagnostic> out = new ArrayList<>(DiagnosticCap.PER_FILE + 1);
        long dropped = 0;
        boolean errors = false;
        DocumentDiagnostic first = null;
        for (DocumentDiagnostic d : all) {
            long n = DiagnosticCap.leftOutBy(d.code(), d.message());
            if (n == 0 && out.size() < DiagnosticCap.PER_FILE) {
                out.add(d);
                continue;
            }
            dropped += n > 0 ? n : 1;
            errors |= d.severity() == Severity.ERROR;
            if (first == null) first = d;
        }
        if (first != null) {
            out.add(new DocumentDiagnostic(first.range(), errors ? Severity.ERROR : Severity.WARNING,
                    (errors ? Code.E021 : Code.W004).id(), DiagnosticCap.noteMessage(dropped, out.size(), errors), List.of(),
                    first.kind()));
        }
        return out;
    }
}
