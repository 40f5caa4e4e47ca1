package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.junit.jupiter.api.Test;

class SymbolsTest extends LspTestBase {

    private static List<DocumentSymbol> outline(String text) throws Exception {
        String uri = lsp.open(freshName(), text);
        try {
            return lsp.remote.getTextDocumentService().documentSymbol(new DocumentSymbolParams(
                    new TextDocumentIdentifier(uri))).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS).stream()
                    .map(e -> e.getRight()).toList();
        } finally {
            lsp.close(uri);
        }
    }

    private static void render(List<DocumentSymbol> symbols, String indent, List<String> out) {
        for (DocumentSymbol s : symbols) {
            out.add(indent + s.getKind() + " " + s.getName() + " (" + s.getDetail() + ") @"
                    + s.getSelectionRange().getStart().getLine() + ":" + s.getSelectionRange().getStart().getCharacter());
            render(s.getChildren(), indent + "  ", out);
        }
    }

    @Test
    void elementPatternTreeWithScopesRefsAndChecks() throws Exception {
        List<DocumentSymbol> symbols = outline("""
                language rust
                pattern hex {
                    scope core
                    element api {
                        ref port: integer
                    }
                }
                element app implements hex {
                    scope c binds hex.core = files.folder_selector('c')
                    check files.exists(c, 'lib.rs')
                    element web {
                        scope src<rust> = files.folder_selector('web')
                    }
                }
                """);
        List<String> lines = new ArrayList<>();
        render(symbols, "", lines);
        assertEquals(List.of(
                "Namespace rust (language) @0:9",
                "Interface hex (pattern) @1:8",
                "  Field core (scope (placeholder)) @2:10",
                "  Class api (element) @3:12",
                "    Property port (ref: integer (placeholder)) @4:12",
                "Class app (implements hex) @7:8",
                "  Field c (scope) @8:10",
                "  Event files.exists(c, 'lib.rs') (check) @9:10",
                "  Class web (element) @10:12",
                "    Field src (scope <rust>) @11:14"), lines);
    }

    @Test
    void outlineOfABrokenFileKeepsWhatParsed() throws Exception {
        List<DocumentSymbol> symbols = outline("element a {\n    scope = = =\n    scope ok = files.folder_selector('x')\n}\n"
                + "element b {\n}\n");
        assertEquals(List.of("a", "b"), symbols.stream().map(DocumentSymbol::getName).toList());
        assertTrue(symbols.get(0).getChildren().stream().anyMatch(c -> c.getName().equals("ok")));
    }

    @Test
    void workspaceSymbolsSearchEveryFile() throws Exception {
        lsp.write("sym/a.hie", "element billing_service {\n    scope billing_src = files.folder_selector('b')\n}\n");
        lsp.write("sym/b.hie", "pattern billing_pattern {\n    scope x\n}\n");
        List<? extends WorkspaceSymbol> found = lsp.remote.getWorkspaceService().symbol(new WorkspaceSymbolParams(
                "billing")).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS).getRight();
        List<String> names = new ArrayList<>();
        for (WorkspaceSymbol w : found) names.add(w.getKind() + " " + w.getName());
        assertTrue(names.contains("Class billing_service"), names.toString());
        assertTrue(names.contains("Field billing_src"), names.toString());
        assertTrue(names.contains("Interface billing_pattern"), names.toString());
        WorkspaceSymbol svc = found.stream().filter(w -> w.getName().equals("billing_service")).findFirst()
                .orElseThrow();
        assertEquals(lsp.uri("sym/a.hie"), svc.getLocation().getLeft().getUri());
        assertEquals(new Position(0, 8), svc.getLocation().getLeft().getRange().getStart());
        assertEquals(SymbolKind.Class, svc.getKind());
    }
}
