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

    /** The document the edits of the placing tests apply to: long lines, so every edit position exists. */
    private TextDocument doc = new TextDocument("u", java.nio.file.Path.of("/w/u.hie").toAbsolutePath(), 1,
            new org.hielements.text.SourceText("u.hie", "0123456789abcdefghijklmnopqrstuvwxyz\n".repeat(12)));

    private void edit(int version, TextChange... changes) {
        doc = doc.apply(version, List.of(changes));
        placing.edited(doc);
    }

    private void open(String text) {
        doc = new TextDocument("u", java.nio.file.Path.of("/w/u.hie").toAbsolutePath(), 1,
                new org.hielements.text.SourceText("u.hie", text));
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
        edit(2, insert(0, 0, "# a new first line\n"));
        edit(3, insert(6, 0, "    "), insert(6, 2, "xx")); // two changes, in order
        placing.update("u", DiagnosticKind.ANALYSIS, 3, List.of(at("E200", DiagnosticKind.ANALYSIS, 7, 0, 3)),
                () -> true);
        assertEquals(List.of("E200@7:0-3[]", "F001@6:10-26[ ~u@10,  ~other@9]", "F002@2:4-9[]"), places());

        // lines removed above, and text replaced across the F002 range
        edit(4, new TextChange(new Range(new Position(0, 0), new Position(2, 6)), ""));
        placing.update("u", DiagnosticKind.ANALYSIS, 4, List.of(), () -> true);
        assertEquals(List.of("F001@4:10-26[ ~u@8,  ~other@9]", "F002@0:0-3[]"), places());
    }

    /** A run that started before some edits is moved through them when it is published. */
    @Test
    void anOutcomeComputedForAnEarlierVersionIsPlacedInTheNewestOne() {
        placing.update("u", DiagnosticKind.ANALYSIS, 1, List.of(), () -> true);
        edit(2, insert(0, 0, "\n\n"));
        edit(5, insert(0, 0, "\n")); // versions may jump (Neovim's changedtick)
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(at("F001", DiagnosticKind.CHECKS, 3, 4, 8)),
                () -> true);
        assertEquals(List.of("F001@6:4-8[]"), places());
        assertEquals(1, versions.get(versions.size() - 1), "tagged with what was computed: nothing of version 5 yet");
    }

    private static final String SPEC = """
            element app:
                scope src = files.folder_selector('src')
                check files.exists(src, 'a')
                element api:
                    check files.exists(src, 'b')
            """;

    /**
     * A client that sends the whole text (full synchronisation, or a formatting applied as one replacement): each
     * outcome is found again on its statement, at the statement's new indentation (it used to jump to the last line).
     */
    @Test
    void aWholeTextReplacementKeepsEachOutcomeOnItsStatement() {
        open(SPEC);
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(at("F001", DiagnosticKind.CHECKS, 2, 4, 32),
                at("F002", DiagnosticKind.CHECKS, 4, 8, 36)), () -> true);
        String formatted = "## the app\n" + SPEC.replace("    ", "\t").replace("('src')", "( 'src' )") + "\n\n";
        edit(2, TextChange.full(formatted));
        placing.update("u", DiagnosticKind.ANALYSIS, 2, List.of(), () -> true);
        assertEquals(List.of("F001@3:1-29[]", "F002@5:2-30[]"), places());
        edit(3, insert(0, 0, "\n"));
        placing.update("u", DiagnosticKind.ANALYSIS, 3, List.of(), () -> true);
        assertEquals(List.of("F001@4:1-29[]", "F002@6:2-30[]"), places(), "and keeps moving with later edits");
    }

    /** A formatting edit over a range of lines (as Neovim sends it): the same. */
    @Test
    void aFormattingEditOverSeveralLinesKeepsEachOutcomeOnItsStatement() {
        open(SPEC.replace("    check", "  check").replace("        check", "      check"));
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(at("F001", DiagnosticKind.CHECKS, 2, 2, 30),
                at("F002", DiagnosticKind.CHECKS, 4, 6, 34)), () -> true);
        edit(2, new TextChange(new Range(new Position(1, 0), new Position(5, 0)),
                "    scope src = files.folder_selector('src')\n    check files.exists(src, 'a')\n"
                        + "    element api:\n        check files.exists(src, 'b')\n"));
        placing.update("u", DiagnosticKind.ANALYSIS, 2, List.of(), () -> true);
        assertEquals(List.of("F001@2:4-32[]", "F002@4:8-36[]"), places());
    }

    /** Lines changed for real around a kept statement: the diff still finds it; a removed statement's outcome goes on. */
    @Test
    void aReplacementThatChangesTextFindsTheLinesThatStayed() {
        open(SPEC);
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(at("F001", DiagnosticKind.CHECKS, 2, 4, 32),
                at("F002", DiagnosticKind.CHECKS, 4, 8, 36)), () -> true);
        String edited = SPEC.replace("    check files.exists(src, 'a')\n", "    ref x: string = 'y'\n    scope t = files.folder_selector('t')\n")
                .replace("element api:", "element api2:");
        edit(2, TextChange.full(edited));
        placing.update("u", DiagnosticKind.ANALYSIS, 2, List.of(), () -> true);
        assertEquals(List.of("F001@5:0-0[]", "F002@5:8-36[]"), places(),
                "F001's statement is gone (and the line after it changed): the next kept line; F002's stayed, one line further");
    }

    @Test
    void theLineDiffIsMinimal() {
        int[] match = EditMap.Diff.match(new int[] {1, 2, 3, 4, 5}, new int[] {1, 9, 3, 4, 8, 5}, 100);
        assertEquals(List.of(0, -1, 2, 3, 5), java.util.Arrays.stream(match).boxed().toList());
        assertEquals(null, EditMap.Diff.match(new int[] {1, 2, 3}, new int[] {4, 5, 6}, 2), "over the cost");
        assertEquals(List.of(), java.util.Arrays.stream(EditMap.Diff.match(new int[0], new int[] {1}, 10)).boxed()
                .toList());
    }

    @Test
    void unmovedDiagnosticsAreTheSameObjects() {
        DocumentDiagnostic before = at("F001", DiagnosticKind.CHECKS, 1, 4, 8);
        placing.update("u", DiagnosticKind.CHECKS, 1, List.of(before), () -> true);
        edit(2, insert(5, 0, "below it\n"));
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
