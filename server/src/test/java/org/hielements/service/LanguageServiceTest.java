package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hielements.syntax.Position;
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
