package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

class CodeActionTest extends LspTestBase {

    /** Opens the text, waits for its diagnostics, asks the code actions for the diagnostic with {@code code}. */
    private static List<CodeAction> actionsFor(String text, String code, String[] uriOut) throws Exception {
        PublishDiagnosticsParams p = lsp.openAndWait(freshName(), text);
        uriOut[0] = p.getUri();
        Diagnostic d = p.getDiagnostics().stream().filter(x -> code.equals(x.getCode().getLeft())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + p.getDiagnostics()));
        return lsp.remote.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(
                p.getUri()), d.getRange(), new CodeActionContext(List.of(d)))).get(LspHarness.TIMEOUT,
                TimeUnit.MILLISECONDS).stream().map(e -> e.getRight()).toList();
    }

    private static String apply(String text, List<TextEdit> edits) {
        String[] lines = text.split("\n", -1);
        int[] starts = new int[lines.length];
        for (int i = 1; i < lines.length; i++) starts[i] = starts[i - 1] + lines[i - 1].length() + 1;
        StringBuilder sb = new StringBuilder(text);
        for (int i = edits.size() - 1; i >= 0; i--) {
            TextEdit e = edits.get(i);
            int a = starts[e.getRange().getStart().getLine()] + e.getRange().getStart().getCharacter();
            int b = starts[e.getRange().getEnd().getLine()] + e.getRange().getEnd().getCharacter();
            sb.replace(a, b, e.getNewText());
        }
        return sb.toString();
    }

    @Test
    void didYouMeanFunctionName() throws Exception {
        String text = "element a {\n    scope s = files.folder_selector('x')\n    check files.exsts(s, 'y')\n}\n";
        String[] uri = new String[1];
        List<CodeAction> actions = actionsFor(text, "E206", uri);
        lsp.close(uri[0]);
        assertEquals(1, actions.size());
        CodeAction a = actions.get(0);
        assertEquals("Change to 'files.exists'", a.getTitle());
        assertEquals(CodeActionKind.QuickFix, a.getKind());
        assertEquals("E206", a.getDiagnostics().get(0).getCode().getLeft());
        assertEquals(text.replace("exsts", "exists"), apply(text, a.getEdit().getChanges().get(uri[0])));
    }

    @Test
    void bindingStubsForMissingPlaceholders() throws Exception {
        String text = """
                pattern hex {
                    scope core<rust>
                    element api {
                        ref port: integer
                    }
                }
                element app implements hex {
                    scope other = files.folder_selector('o')
                }
                """;
        String[] uri = new String[1];
        List<CodeAction> actions = actionsFor(text, "E212", uri);
        try {
            assertEquals(1, actions.size());
            String fixed = apply(text, actions.get(0).getEdit().getChanges().get(uri[0]));
            assertEquals("""
                    pattern hex {
                        scope core<rust>
                        element api {
                            ref port: integer
                        }
                    }
                    element app implements hex {
                        scope other = files.folder_selector('o')
                        scope core<rust> binds hex.core = files.folder_selector('path/to/core')
                        ref port: integer binds hex.api.port = 0
                    }
                    """, fixed);
            // the fix really fixes: no E212 once applied
            int mark = lsp.client.mark();
            lsp.changeAll(uri[0], 2, fixed);
            PublishDiagnosticsParams after = lsp.awaitDiagnostics(uri[0], mark, p -> p.getVersion() == 2);
            assertTrue(after.getDiagnostics().stream().noneMatch(d -> "E212".equals(d.getCode().getLeft())),
                    after.getDiagnostics().toString());
        } finally {
            lsp.close(uri[0]);
        }
    }

    @Test
    void bindingStubInAnIndentedElement() throws Exception {
        String text = "pattern p:\n    scope core\nelement e implements p:\n    scope x = files.folder_selector('x')\n";
        String[] uri = new String[1];
        List<CodeAction> actions = actionsFor(text, "E212", uri);
        lsp.close(uri[0]);
        assertEquals("pattern p:\n    scope core\nelement e implements p:\n    scope x = files.folder_selector('x')\n"
                + "    scope core binds p.core = files.folder_selector('path/to/core')\n",
                apply(text, actions.get(0).getEdit().getChanges().get(uri[0])));
    }
}
