package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class DiagnosticsTest extends LspTestBase {

    private static String codes(PublishDiagnosticsParams p) {
        return String.join(",", p.getDiagnostics().stream().map(d -> d.getCode().getLeft()).toList());
    }

    @Test
    void syntaxAndSemanticDiagnosticsOnOpen() throws Exception {
        PublishDiagnosticsParams p = lsp.openAndWait(freshName(),
                "element a {\n    scope s = files.folder_selector('x') ;\n    check files.exists(nope, 'y')\n}\n");
        assertEquals(1, p.getVersion());
        assertEquals("E017,E200", codes(p));
        Diagnostic syntax = p.getDiagnostics().get(0);
        assertEquals("hielements", syntax.getSource());
        assertEquals(DiagnosticSeverity.Error, syntax.getSeverity());
        assertEquals("Unexpected character ';'", syntax.getMessage().getLeft());
        assertEquals(new Range(new Position(1, 41), new Position(1, 42)), syntax.getRange());
        Diagnostic semantic = p.getDiagnostics().get(1);
        assertEquals("Undefined identifier: nope", semantic.getMessage().getLeft());
        assertEquals(new Range(new Position(2, 23), new Position(2, 27)), semantic.getRange());
        lsp.close(p.getUri());
    }

    @Test
    void anEditThatFixesTheFileClearsTheDiagnostics() throws Exception {
        PublishDiagnosticsParams p = lsp.openAndWait(freshName(), "element a {\n    check files.exists(nope, 'y')\n}\n");
        assertEquals("E200", codes(p));
        int mark = lsp.client.mark();
        lsp.change(p.getUri(), 2, new Range(new Position(1, 23), new Position(1, 27)), "files.folder_selector('n')");
        PublishDiagnosticsParams after = lsp.awaitDiagnostics(p.getUri(), mark, d -> d.getVersion() == 2);
        assertTrue(after.getDiagnostics().isEmpty(), after.getDiagnostics().toString());
        int mark2 = lsp.client.mark();
        lsp.close(p.getUri());
        PublishDiagnosticsParams closed = lsp.awaitDiagnostics(p.getUri(), mark2, d -> true);
        assertTrue(closed.getDiagnostics().isEmpty());
    }

    @Test
    void warningsKeepTheirSeverity() throws Exception {
        PublishDiagnosticsParams p = lsp.openAndWait(freshName(), "import nosuchlib\nelement a {\n}\n");
        Diagnostic w = p.getDiagnostics().stream().filter(d -> d.getCode().getLeft().equals("W001")).findFirst()
                .orElseThrow();
        assertEquals(DiagnosticSeverity.Warning, w.getSeverity());
        lsp.close(p.getUri());
    }

    @Test
    void relatedInformationPointsIntoTheImportedPattern() throws Exception {
        lsp.write("rel/patterns.hie", "pattern layered {\n    requires scope api\n}\n");
        PublishDiagnosticsParams p = lsp.openAndWait("rel/app.hie",
                "import './patterns.hie'\nelement app implements layered {\n    scope web = files.folder_selector('w')\n}\n");
        Diagnostic e220 = p.getDiagnostics().stream().filter(d -> d.getCode().getLeft().equals("E220")).findFirst()
                .orElseThrow(() -> new AssertionError(p.getDiagnostics().toString()));
        assertEquals(1, e220.getRelatedInformation().size(), e220.toString());
        assertEquals(lsp.uri("rel/patterns.hie"), e220.getRelatedInformation().get(0).getLocation().getUri());
        assertEquals(1, e220.getRelatedInformation().get(0).getLocation().getRange().getStart().getLine());
        lsp.close(p.getUri());
    }

    @Test
    void editingAnImportedFileRevalidatesTheFilesThatImportIt() throws Exception {
        String lib = "dep/lib.hie";
        String libUri = lsp.openAndWait(lib, "pattern service {\n    scope api\n}\n").getUri();
        PublishDiagnosticsParams app = lsp.openAndWait("dep/app.hie", "import './lib.hie'\n"
                + "element a implements service {\n    scope x binds service.api = files.folder_selector('x')\n}\n");
        assertEquals("", codes(app));
        int mark = lsp.client.mark();
        lsp.changeAll(libUri, 2, "pattern renamed {\n    scope api\n}\n");
        PublishDiagnosticsParams after = lsp.awaitDiagnostics(app.getUri(), mark, d -> !d.getDiagnostics().isEmpty());
        assertTrue(codes(after).contains("E211"), codes(after));
        lsp.close(libUri);
        lsp.close(app.getUri());
    }

    @Test
    void unsavedTextOfAnOpenImportedFileIsWhatCounts() throws Exception {
        lsp.write("unsaved/lib.hie", "pattern old_name {\n    scope api\n}\n");
        String libUri = lsp.openAndWait("unsaved/lib.hie", "pattern new_name {\n    scope api\n}\n").getUri();
        PublishDiagnosticsParams app = lsp.openAndWait("unsaved/app.hie", "import './lib.hie'\n"
                + "element a implements new_name {\n    scope x binds new_name.api = files.folder_selector('x')\n}\n");
        assertEquals("", codes(app), app.getDiagnostics().toString());
        lsp.close(libUri);
        lsp.close(app.getUri());
    }

    @Test
    void diagnosticsCarryTheVersionTheyDescribe() throws Exception {
        PublishDiagnosticsParams p = lsp.openAndWait(freshName(), "element a {\n}\n");
        int mark = lsp.client.mark();
        lsp.changeAll(p.getUri(), 7, "element a {\n    scope s = nothing\n}\n");
        PublishDiagnosticsParams after = lsp.awaitDiagnostics(p.getUri(), mark, d -> !d.getDiagnostics().isEmpty());
        assertEquals(7, after.getVersion());
        assertEquals("E200", codes(after));
        lsp.close(p.getUri());
    }
}
