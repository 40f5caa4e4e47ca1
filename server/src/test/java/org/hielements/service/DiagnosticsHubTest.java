package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hielements.diagnostics.Severity;
import org.hielements.syntax.Position;
import org.junit.jupiter.api.Test;

/** Kinds never wipe each other; stale versions never overwrite fresh ones. */
class DiagnosticsHubTest {
    record Published(String uri, Integer version, List<String> codes) {}

    private final List<Published> published = new ArrayList<>();
    private final DiagnosticsHub hub = new DiagnosticsHub((u, v, d) -> published.add(new Published(u, v,
            d.stream().map(DocumentDiagnostic::code).toList())));

    private static DocumentDiagnostic d(String code, DiagnosticKind kind) {
        Position p = new Position(0, 0);
        return new DocumentDiagnostic(new Range(p, p), Severity.ERROR, code, code, List.of(), kind);
    }

    @Test
    void eachKindReplacesOnlyItself() {
        hub.update("u", DiagnosticKind.ANALYSIS, 1, List.of(d("E200", DiagnosticKind.ANALYSIS)), () -> true);
        hub.update("u", DiagnosticKind.CHECKS, 1, List.of(d("F001", DiagnosticKind.CHECKS)), () -> true);
        hub.update("u", DiagnosticKind.ANALYSIS, 2, List.of(), () -> true);
        assertEquals(new Published("u", 2, List.of("F001")), published.get(published.size() - 1));
        hub.clear("u", DiagnosticKind.CHECKS);
        assertEquals(new Published("u", 2, List.of()), published.get(published.size() - 1));
    }

    @Test
    void staleComputationsAreDropped() {
        assertTrue(hub.update("u", DiagnosticKind.ANALYSIS, 5, List.of(), () -> true));
        assertFalse(hub.update("u", DiagnosticKind.ANALYSIS, 4, List.of(d("E200", DiagnosticKind.ANALYSIS)),
                () -> true), "an older version than the one published");
        assertFalse(hub.update("u", DiagnosticKind.ANALYSIS, 6, List.of(), () -> false), "no longer current");
        assertEquals(1, published.size());
        assertTrue(hub.has("u", DiagnosticKind.ANALYSIS, 5));
        assertFalse(hub.has("u", DiagnosticKind.CHECKS, 5));
    }

    @Test
    void clearingADocumentPublishesAnEmptySetOnce() {
        hub.update("u", DiagnosticKind.CHECKS, 1, List.of(d("F001", DiagnosticKind.CHECKS)), () -> true);
        hub.clear("u");
        hub.clear("u");
        assertEquals(2, published.size());
        assertEquals(List.of(), published.get(1).codes());
    }
}
