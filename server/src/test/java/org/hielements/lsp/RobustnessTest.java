package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;

/** LSP.md robustness rules: rapid edits, unknown documents, positions past the end, no exception in the log. */
class RobustnessTest extends LspTestBase {

    @Test
    void thousandRapidChangesEndWithDiagnosticsForTheLastVersionOnly() throws Exception {
        PublishDiagnosticsParams first = lsp.openAndWait(freshName(), "element a {\n    check files.exists(x0, 'y')\n}\n");
        String uri = first.getUri();
        lsp.awaitCheckRun(uri); // its outcomes would otherwise join whichever version it happened to read
        int mark = lsp.client.mark();
        // each change replaces the name on line 1; odd versions leave an undefined name, even ones a defined one
        String current = "x0";
        for (int v = 2; v <= 1001; v++) {
            String next = v % 2 == 0 ? "files.folder_selector('d" + v + "')" : "x" + v;
            lsp.change(uri, v, new Range(new Position(1, 23), new Position(1, 23 + current.length())), next);
            current = next;
        }
        // version 1001 is odd: one E200 for the name "x1001"
        PublishDiagnosticsParams last = lsp.awaitDiagnostics(uri, mark, p -> p.getVersion() == 1001);
        Thread.sleep(800); // longer than the debounce: nothing else may come
        List<PublishDiagnosticsParams> after = lsp.client.of(uri).subList(
                lsp.client.of(uri).indexOf(first) + 1, lsp.client.of(uri).size());
        assertEquals(1, last.getDiagnostics().size());
        assertEquals("Undefined identifier: x1001", last.getDiagnostics().get(0).getMessage().getLeft());
        assertEquals(last, after.get(after.size() - 1), "the last notification is for the last version");
        for (int i = 1; i < after.size(); i++) {
            assertTrue(after.get(i).getVersion() >= after.get(i - 1).getVersion(), "versions never go back");
        }
        assertTrue(after.size() <= 5, "debounced: " + after.size() + " notifications for 1000 changes");
        lsp.close(uri);
    }

    @Test
    void requestsAboutUnknownDocumentsAndPositionsPastTheEndAreAnsweredWithoutExceptions() throws Exception {
        try (LogRecorder log = LogRecorder.install()) {
            TextDocumentService s = lsp.remote.getTextDocumentService();
            String open = lsp.open(freshName(), "element a {\n    check files.exists(x, 'y')\n}\n");
            for (String uri : List.of(lsp.uri("never-opened.hie"), "untitled:Untitled-1", "not a uri at all", open)) {
                TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
                for (Position p : List.of(new Position(0, 0), new Position(9999, 9999), new Position(1, 9999),
                        new Position(-1, -5))) {
                    var completion = s.completion(new CompletionParams(id, p)).get(5, TimeUnit.SECONDS);
                    assertTrue(completion.isRight());
                    s.hover(new HoverParams(id, p)).get(5, TimeUnit.SECONDS);
                    s.signatureHelp(new SignatureHelpParams(id, p)).get(5, TimeUnit.SECONDS);
                    assertTrue(s.definition(new DefinitionParams(id, p)).get(5, TimeUnit.SECONDS).getLeft() != null);
                    assertTrue(s.references(new ReferenceParams(id, p, new ReferenceContext(true)))
                            .get(5, TimeUnit.SECONDS) != null);
                    s.prepareRename(new PrepareRenameParams(id, p)).get(5, TimeUnit.SECONDS);
                    s.codeAction(new CodeActionParams(id, new Range(p, p), new CodeActionContext(List.of())))
                            .get(5, TimeUnit.SECONDS);
                }
                assertTrue(s.documentSymbol(new DocumentSymbolParams(id)).get(5, TimeUnit.SECONDS) != null);
                assertTrue(s.semanticTokensFull(new SemanticTokensParams(id)).get(5, TimeUnit.SECONDS) != null);
                assertTrue(s.foldingRange(new FoldingRangeRequestParams(id)).get(5, TimeUnit.SECONDS) != null);
                if (!uri.equals(open)) {
                    assertNull(s.hover(new HoverParams(id, new Position(0, 0))).get(5, TimeUnit.SECONDS));
                    assertTrue(s.completion(new CompletionParams(id, new Position(0, 0))).get(5, TimeUnit.SECONDS)
                            .getRight().getItems().isEmpty());
                }
            }
            // edits and closes for documents never opened are ignored
            lsp.change(lsp.uri("never-opened.hie"), 5, new Range(new Position(0, 0), new Position(0, 0)), "x");
            lsp.close(lsp.uri("never-opened.hie"));
            // an edit whose range lies past the end is clamped
            int mark = lsp.client.mark();
            lsp.change(open, 2, new Range(new Position(500, 3), new Position(900, 0)), "\nelement b {\n}\n");
            PublishDiagnosticsParams p = lsp.awaitDiagnostics(open, mark, d -> d.getVersion() == 2);
            assertEquals(1, p.getDiagnostics().size(), p.getDiagnostics().toString());
            lsp.close(open);
            assertEquals(List.of(), log.problems());
        }
    }

    @Test
    void aDocumentClosedWhileRequestsRunIsAnsweredSensibly() throws Exception {
        try (LogRecorder log = LogRecorder.install()) {
            StringBuilder big = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                big.append("element e").append(i).append(" {\n    scope s = files.folder_selector('x')\n}\n");
            }
            String uri = lsp.open(freshName(), big.toString());
            TextDocumentService s = lsp.remote.getTextDocumentService();
            CompletableFuture<?> symbols = s.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri)));
            CompletableFuture<?> hover = s.hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(1, 11)));
            lsp.close(uri);
            symbols.get(10, TimeUnit.SECONDS);
            hover.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), log.problems());
        }
    }
}
