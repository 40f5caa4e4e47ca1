package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Semantic tokens and folding ranges. */
class PresentationTest extends LspTestBase {

    /** Decodes the relative wire form into "line:col len type[+mods]" lines using the announced legend. */
    private static List<String> tokens(String text) throws Exception {
        String uri = lsp.open(freshName(), text);
        try {
            List<Integer> data = lsp.remote.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(
                    new TextDocumentIdentifier(uri))).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS).getData();
            SemanticTokensWithRegistrationOptions opts = lsp.initializeResult.getCapabilities()
                    .getSemanticTokensProvider();
            List<String> types = opts.getLegend().getTokenTypes();
            List<String> mods = opts.getLegend().getTokenModifiers();
            List<String> out = new ArrayList<>();
            int line = 0;
            int ch = 0;
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < data.size(); i += 5) {
                line += data.get(i);
                ch = data.get(i) == 0 ? ch + data.get(i + 1) : data.get(i + 1);
                String word = lines[line].substring(ch, ch + data.get(i + 2));
                StringBuilder m = new StringBuilder();
                for (int b = 0; b < mods.size(); b++) {
                    if ((data.get(i + 4) & (1 << b)) != 0) m.append('+').append(mods.get(b));
                }
                out.add(word + " " + types.get(data.get(i + 3)) + m);
            }
            return out;
        } finally {
            lsp.close(uri);
        }
    }

    @Test
    void semanticTokensClassifyByMeaning() throws Exception {
        List<String> t = tokens("""
                ## An app.
                element app implements hex {
                    scope src<rust> binds hex.core = files.folder_selector('src')
                    ref port: integer = 8080
                    check files.exists(src, 'main.rs')
                }
                pattern hex {
                    scope core
                }
                language rust
                """);
        assertEquals(List.of(
                "## An app. comment",
                "element keyword", "app class+declaration", "implements keyword", "hex interface",
                "scope keyword", "src variable+declaration", "rust type", "binds keyword", "hex interface",
                "core parameter", "files namespace+defaultLibrary", "folder_selector function+defaultLibrary",
                "'src' string",
                "ref keyword", "port variable+declaration", "integer type", "8080 number",
                "check keyword", "files namespace+defaultLibrary", "exists function+defaultLibrary", "src variable",
                "'main.rs' string",
                "pattern keyword", "hex interface+declaration",
                "scope keyword", "core parameter+declaration",
                "language keyword", "rust type+declaration"), t);
    }

    @Test
    void softKeywordUsedAsANameIsNotAKeyword() throws Exception {
        List<String> t = tokens("element check {\n    scope scope = files.folder_selector('x')\n}\n");
        assertTrue(t.contains("check class+declaration"), t.toString());
        assertTrue(t.contains("scope variable+declaration"), t.toString());
    }

    private static List<String> folds(String text) throws Exception {
        String uri = lsp.open(freshName(), text);
        try {
            List<FoldingRange> r = lsp.remote.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(
                    new TextDocumentIdentifier(uri))).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
            return r.stream().map(f -> f.getStartLine() + "-" + f.getEndLine() + " " + f.getKind()).toList();
        } finally {
            lsp.close(uri);
        }
    }

    @Test
    void foldingBlocksCommentsAndImports() throws Exception {
        List<String> f = folds("""
                import files
                import rust
                ## The app:
                ## its parts.
                element app {
                    scope src = files.folder_selector('src')
                    element web:
                        scope w = files.folder_selector('w')
                        check files.exists(w, 'x')
                }
                """);
        assertEquals(List.of("0-1 imports", "2-3 comment", "4-8 region", "6-8 region"), f);
    }
}
