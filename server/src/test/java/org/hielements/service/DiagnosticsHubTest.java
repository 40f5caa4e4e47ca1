package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hielements.diagnostics.Severity;
import org.hielements.text.Position;
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

    private final List<List<DocumentDiagnostic>> full = new ArrayList<>();
    private final List<Integer> versions = new ArrayList<>();
    private final DiagnosticsHub placing = new DiagnosticsHub((u, v, d) -> {
        full.add(d);
        versions.add(v);
    });

    private static DocumentDiagnostic at(String code, DiagnosticKind kind, int line, int from, int to,
            DocumentDiagnostic.Related... related) {
        return new DocumentDiagnostic(new Range(new Position(line, from), new Position(line, to)), Severity.ERROR,
                code, code, List.of(related), kind);
    }

    private static TextChange insert(int line, int character, String text) {
        Position p = new Position(line, character);
        return new TextChange(new Range(p, p), text);
    }

    private List<String> places() {
        List<String> out = new ArrayList<>();
        for (DocumentDiagnostic d : full.get(full.size() - 1)) {
            out.add(d.code() + "@" + d.range().start().line() + ":" + d.range().start().character() + "-"
                    + d.range().end().character() + d.related().stream().map(r -> " ~" + r.location().uri() + "@"
                            + r.location().range().start().line()).toList());
        }
        return out;
    }

    /** Check outcomes of an earlier version are published where their text moved to, with every new publish. */
    @Test
    void keptDiagnosticsMoveWithTheEdits() {
        DocumentDiagnostic.Related inFile = new DocumentDiagnostic.Related(new DocLocation("u",
                new Range(new Position(9, 4), new Position(9, 9))), "the check in the pattern");
        DocumentDiagnostic.Related elsewhere = new DocumentDiagnostic.Related(new DocLocation("other",
                new Range(new Position(9, 4), new Position(9, 9))), "in another file");
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(at("F001", DiagnosticKind.CHECKS, 5, 4, 20, inFile,
                elsewhere), at("F002", DiagnosticKind.CHECKS, 1, 4, 9)), () -> true);
        placing.edited("u", 2, List.of(insert(0, 0, "# a new first line\n")));
        placing.edited("u", 3, List.of(insert(6, 0, "    "), insert(6, 2, "xx"))); // two changes, in order
        placing.update("u", DiagnosticKind.ANALYSIS, 3, List.of(at("E200", DiagnosticKind.ANALYSIS, 7, 0, 3)),
                () -> true);
        assertEquals(List.of("E200@7:0-3[]", "F001@6:10-26[ ~u@10,  ~other@9]", "F002@2:4-9[]"), places());

        // lines removed above, and text replaced across the F002 range
        placing.edited("u", 4, List.of(new TextChange(new Range(new Position(0, 0), new Position(2, 6)), "")));
        placing.update("u", DiagnosticKind.ANALYSIS, 4, List.of(), () -> true);
        assertEquals(List.of("F001@4:10-26[ ~u@8,  ~other@9]", "F002@0:0-3[]"), places());
    }

    /** A run that started before some edits is moved through them when it is published. */
    @Test
    void anOutcomeComputedForAnEarlierVersionIsPlacedInTheNewestOne() {
        placing.update("u", DiagnosticKind.ANALYSIS, 1, List.of(), () -> true);
        placing.edited("u", 2, List.of(insert(0, 0, "\n\n")));
        placing.edited("u", 5, List.of(insert(0, 0, "\n"))); // versions may jump (Neovim's changedtick)
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(at("F001", DiagnosticKind.CHECKS, 3, 4, 8)),
                () -> true);
        assertEquals(List.of("F001@6:4-8[]"), places());
        assertEquals(1, versions.get(versions.size() - 1), "tagged with what was computed: nothing of version 5 yet");
    }

    /** After a whole-text replacement nothing earlier can be placed: it stays where it was until recomputed. */
    @Test
    void aWholeTextReplacementMovesNothing() {
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(at("F001", DiagnosticKind.CHECKS, 3, 4, 8)),
                () -> true);
        placing.edited("u", 2, List.of(TextChange.full("\n\nelement a:\n")));
        placing.edited("u", 3, List.of(insert(0, 0, "\n")));
        placing.update("u", DiagnosticKind.ANALYSIS, 3, List.of(), () -> true);
        assertEquals(List.of("F001@3:4-8[]"), places(), "not moved by edit 3 either: it is not known where it was");
    }

    @Test
    void unmovedDiagnosticsAreTheSameObjects() {
        DocumentDiagnostic before = at("F001", DiagnosticKind.CHECKS, 1, 4, 8);
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(before), () -> true);
        placing.edited("u", 2, List.of(insert(5, 0, "below it\n")));
        placing.update("u", DiagnosticKind.ANALYSIS, 2, List.of(), () -> true);
        assertTrue(full.get(full.size() - 1).get(0) == before, "rendered once, reused while it does not move");
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
