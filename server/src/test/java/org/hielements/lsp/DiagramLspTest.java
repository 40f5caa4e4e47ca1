package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.hielements.library.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom request {@code hielements/diagram}, the "Show diagram" code lens and its command, on python-layers. */
class DiagramLspTest {
    @TempDir
    Path dir;

    @Test
    void theDiagramRequestAnswersTheSvgOfTheDocumentOrOfOneElement() throws Exception {
        Path root = TestFiles.copyTree(Path.of("..", "test-fixtures", "workspaces", "python-layers"), dir.resolve("ws"));
        try (LspHarness lsp = LspHarness.start(root)) {
            String uri = lsp.open("architecture.hie", Files.readString(root.resolve("architecture.hie")));
            JsonObject whole = lsp.extended.diagram(Map.of("textDocument", Map.of("uri", uri)))
                    .get(60, TimeUnit.SECONDS);
            String svg = whole.get("svg").getAsString();
            assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
            assertTrue(svg.contains("<title>shop.core: 1 passed, 1 failed</title>"), svg);
            assertTrue(svg.contains("breaks shop.core :: python.no_import(code, 'shop.api') at "
                    + "src/shop/core/service.py:11 from shop.api import views"), svg);

            JsonElement one = lsp.extended.diagram(Map.of("textDocument", Map.of("uri", uri), "element", "shop.db"))
                    .get(60, TimeUnit.SECONDS);
            String db = one.getAsJsonObject().get("svg").getAsString();
            assertTrue(db.contains("<title>shop.db: 2 passed</title>"), db);
            assertTrue(!db.contains("shop.core:"), db);

            ExecutionException missing = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> lsp.extended.diagram(Map.of("textDocument", Map.of("uri", uri), "element", "nope"))
                            .get(60, TimeUnit.SECONDS));
            assertTrue(missing.getCause() instanceof ResponseErrorException, missing.toString());
            assertTrue(missing.getCause().getMessage().contains("has no element nope"), missing.getCause().getMessage());

            List<? extends CodeLens> lenses = lsp.remote.getTextDocumentService().codeLens(
                    new CodeLensParams(new TextDocumentIdentifier(uri))).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
            CodeLens show = lenses.stream().filter(l -> l.getCommand() != null
                    && l.getCommand().getTitle().equals("Show diagram")).findFirst().orElseThrow();
            assertEquals("hielements.showDiagram", show.getCommand().getCommand());
            assertEquals(1, lenses.stream().filter(l -> l.getCommand() != null
                    && l.getCommand().getTitle().equals("Show diagram")).count(), "on the top-level element only");
            Object answer = lsp.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    show.getCommand().getCommand(), show.getCommand().getArguments())).get(60, TimeUnit.SECONDS);
            assertTrue(answer.toString().contains("<svg"), String.valueOf(answer));
            assertTrue(lsp.initializeResult.getCapabilities().getExecuteCommandProvider().getCommands()
                    .contains("hielements.showDiagram"));
        }
    }
}
