package org.hielements.lsp;

import static org.hielements.library.config.PluginFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.hielements.library.config.PluginFixtures;
import org.hielements.service.ConfiguredLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick fix that adds an {@code import} for a configured plugin library called without one. */
class ImportQuickFixTest {
    @TempDir
    Path root;

    private static List<CodeAction> actionsAt(LspHarness lsp, String uri, Position p) throws Exception {
        return lsp.remote.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                new Range(p, p), new CodeActionContext(List.of()))).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS)
                .stream().map(e -> e.getRight()).toList();
    }

    @Test
    void aConfiguredPluginCalledWithoutImportGetsOne() throws Exception {
        Files.writeString(root.resolve("hielements.toml"), "[libraries.sample]\npath = "
                + q(PluginFixtures.sampleWasm()) + "\n");
        try (LspHarness lsp = LspHarness.start(root, p -> { }, ConfiguredLibraries.loader())) {
            String text = "import files\nelement app {\n    scope s = files.folder_selector('.')\n"
                    + "    check sample.always_pass()\n}\n";
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", text);
            lsp.awaitDiagnostics(uri, mark, d -> true);

            List<CodeAction> onPlugin = actionsAt(lsp, uri, new Position(3, 18)); // on "always_pass"
            assertEquals(1, onPlugin.size(), onPlugin.toString());
            CodeAction a = onPlugin.get(0);
            assertEquals("Add 'import sample'", a.getTitle());
            assertEquals(CodeActionKind.QuickFix, a.getKind());
            assertNull(a.getDiagnostics(), "it fixes no diagnostic");
            List<TextEdit> edits = a.getEdit().getChanges().get(uri);
            assertEquals(List.of(new TextEdit(new Range(new Position(1, 0), new Position(1, 0)), "import sample\n")),
                    edits);

            assertTrue(actionsAt(lsp, uri, new Position(2, 20)).isEmpty(), "a built-in needs no import");

            // once imported, nothing more is offered
            lsp.changeAll(uri, 2, "import files\nimport sample\nelement app {\n    check sample.always_pass()\n}\n");
            lsp.awaitDiagnostics(uri, mark, d -> d.getVersion() == 2);
            assertTrue(actionsAt(lsp, uri, new Position(3, 18)).isEmpty());
        }
    }
}
