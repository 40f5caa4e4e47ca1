package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hielements.text.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language service used directly, as the command line or a test does: no LSP4J anywhere. */
class LanguageServiceTest {
    @TempDir
    Path root;

    @Test
    void featuresOnPlainJavaTypes() {
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            s.folders().add(root);
            String uri = root.resolve("a.hie").toUri().toString();
            s.open(uri, 1, "element a {\n    scope src = files.folder_selector('s')\n    check files.exists(src, 'x')\n}\n");
            List<String> labels = s.complete(uri, new Position(2, 16)).stream().map(CompletionEntry::label).toList();
            assertTrue(labels.contains("exists"), labels.toString());
            assertTrue(s.hover(uri, new Position(2, 18)).orElseThrow().markdown().contains("files.exists("));
            assertEquals(List.of(new DocLocation(uri, new Range(new Position(1, 10), new Position(1, 13)))),
                    s.definition(uri, new Position(2, 24)));
            assertEquals(1, s.signatureHelp(uri, new Position(2, 28)).orElseThrow().activeParameter());
            assertEquals(List.of("a"), s.documentSymbols(uri).stream().map(OutlineNode::name).toList());
            assertTrue(s.diagnostics(s.analysis(uri).orElseThrow()).isEmpty());
        }
    }

    @Test
    void aCrOnlyDocumentHasTheOutlineFoldsAndDiagnosticsOfItsLfVersion() {
        String lf = "element a:\n    scope src = files.folder_selector('s')\n    check files.exists(src, 'x')\n"
                + "    element b:\n        scope t = files.nope('t')\n";
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            s.folders().add(root);
            List<Object> seen = new java.util.ArrayList<>();
            for (String text : List.of(lf, lf.replace('\n', '\r'), lf.replace("\n", "\r\n"))) {
                String uri = root.resolve("d" + seen.size() + ".hie").toUri().toString();
                s.open(uri, 1, text);
                List<Object> now = List.of(s.documentSymbols(uri), s.foldingRanges(uri),
                        s.diagnostics(s.analysis(uri).orElseThrow()).stream()
                                .map(d -> d.code() + " " + d.range() + " " + d.message()).toList(),
                        s.definition(uri, new Position(2, 28)).stream().map(DocLocation::range).toList());
                if (!seen.isEmpty()) assertEquals(seen.get(0), now, "line breaks of document " + seen.size());
                seen.add(now);
            }
            OutlineNode a = (OutlineNode) ((List<?>) ((List<?>) seen.get(0)).get(0)).get(0);
            assertEquals("a", a.name());
            assertTrue(a.children().stream().anyMatch(c -> c.name().equals("b")), a.toString());
            assertTrue(seen.get(0).toString().contains("E206"), seen.get(0).toString());
        }
    }

    @Test
    void theAnalysisIsComputedOncePerVersion() {
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            String uri = root.resolve("b.hie").toUri().toString();
            s.open(uri, 1, "element b {\n}\n");
            DocumentAnalysis first = s.analysis(uri).orElseThrow();
            first.model();
            assertTrue(first == s.analysis(uri).orElseThrow(), "same version, same analysis");
            s.change(uri, 2, List.of(new TextChange(new Range(new Position(0, 9), new Position(0, 9)), "x")));
            DocumentAnalysis second = s.analysis(uri).orElseThrow();
            assertEquals(2, second.version());
            assertEquals("element bx {\n}\n", second.source().text());
        }
    }

    /**
     * In a large document, completion does not wait for the new version's semantic analysis: it reads the cursor from
     * the new text and names from the last analysed version (found by name where the edit moved declarations); a small
     * document is always analysed first.
     */
    @Test
    void completionInALargeDocumentUsesTheLastAnalysedVersionUntilTheNewOneIsDone() {
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            s.folders().add(root);
            String uri = root.resolve("big.hie").toUri().toString();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 1_100; i++) {
                text.append("element e").append(i).append(":\n    scope s = files.folder_selector('d").append(i)
                        .append("')\n");
            }
            int targetLine = 2_200;
            text.append("element target:\n    scope alpha = files.folder_selector('a')\n    check files.exists(");
            s.open(uri, 1, text.toString());
            assertTrue(s.analysis(uri).orElseThrow().document().text().lineCount() > DocumentAnalysis.FROZEN_MODEL_LINES);
            Position cursor = new Position(targetLine + 2, "    check files.exists(".length());
            assertTrue(labels(s, uri, cursor).contains("alpha"));

            // two lines above everything, and a new scope inside 'target'
            s.change(uri, 2, List.of(new TextChange(new Range(new Position(targetLine + 1, 0),
                    new Position(targetLine + 1, 0)), "    scope gamma = files.folder_selector('g')\n")));
            s.change(uri, 3, List.of(new TextChange(new Range(new Position(0, 0), new Position(0, 0)),
                    "element inserted:\n    scope beta = files.folder_selector('b')\n")));
            Position moved = new Position(targetLine + 5, "    check files.exists(".length());
            DocumentAnalysis current = s.analysis(uri).orElseThrow();
            List<String> frozen = labels(s, uri, moved);
            assertTrue(current.modelIfDone() == null, "completion did not analyse the new version");
            assertTrue(frozen.contains("alpha"), "the enclosing element is found by name: " + frozen);
            assertFalse(frozen.contains("gamma"), "declared after the last analysed version");

            current.model();
            List<String> fresh = labels(s, uri, moved);
            assertTrue(fresh.contains("alpha") && fresh.contains("gamma"), fresh.toString());
        }
    }

    @Test
    void completionInASmallDocumentAlwaysSeesTheNewVersion() {
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            s.folders().add(root);
            String uri = root.resolve("small.hie").toUri().toString();
            s.open(uri, 1, "element target:\n    scope alpha = files.folder_selector('a')\n    check files.exists(");
            Position cursor = new Position(2, "    check files.exists(".length());
            assertTrue(labels(s, uri, cursor).contains("alpha"));
            s.change(uri, 2, List.of(new TextChange(new Range(new Position(1, 0), new Position(1, 0)),
                    "    scope gamma = files.folder_selector('g')\n")));
            List<String> now = labels(s, uri, new Position(3, cursor.character()));
            assertTrue(now.contains("alpha") && now.contains("gamma"), now.toString());
        }
    }

    private static List<String> labels(LanguageService s, String uri, Position p) {
        return s.complete(uri, p).stream().map(CompletionEntry::label).toList();
    }

    @Test
    void unknownDocumentsAnswerEmpty() {
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            String uri = "file:///nowhere.hie";
            Position p = new Position(3, 3);
            assertTrue(s.complete(uri, p).isEmpty());
            assertTrue(s.hover(uri, p).isEmpty());
            assertTrue(s.definition(uri, p).isEmpty());
            assertTrue(s.references(uri, p, true).isEmpty());
            assertTrue(s.rename(uri, p, "x").change() == null);
            assertTrue(s.semanticTokens(uri).isEmpty());
        }
    }
}
