package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

class SignatureHelpTest extends LspTestBase {

    private static SignatureHelp help(String textWithCursor) throws Exception {
        TextWithCursor t = TextWithCursor.of(textWithCursor);
        String uri = lsp.open(freshName(), t.text());
        try {
            return lsp.remote.getTextDocumentService().signatureHelp(new SignatureHelpParams(
                    new TextDocumentIdentifier(uri), t.position())).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
        } finally {
            lsp.close(uri);
        }
    }

    @Test
    void firstParameterRightAfterTheParenthesis() throws Exception {
        SignatureHelp h = help("element a {\n    check files.exists(|\n}\n");
        assertEquals(1, h.getSignatures().size());
        assertEquals("files.exists(scope: Scope, filename: string) -> CheckResult", h.getSignatures().get(0).getLabel());
        assertEquals(2, h.getSignatures().get(0).getParameters().size());
        assertEquals("scope: Scope", h.getSignatures().get(0).getParameters().get(0).getLabel().getLeft());
        assertEquals(0, h.getActiveParameter());
    }

    @Test
    void secondParameterAfterAComma() throws Exception {
        SignatureHelp h = help("element a {\n    scope s = files.folder_selector('x')\n    check files.exists(s, '|')\n}\n");
        assertEquals(1, h.getActiveParameter());
    }

    @Test
    void nestedCallsCountTheirOwnCommas() throws Exception {
        SignatureHelp h = help("element a {\n    check files.exists(files.folder_selector('a'), |)\n}\n");
        assertEquals("files.exists(scope: Scope, filename: string) -> CheckResult", h.getSignatures().get(0).getLabel());
        assertEquals(1, h.getActiveParameter());
        SignatureHelp inner = help("element a {\n    check files.exists(files.folder_selector(|), 'x')\n}\n");
        assertEquals("files.folder_selector(path: string) -> Scope", inner.getSignatures().get(0).getLabel());
        assertEquals(0, inner.getActiveParameter());
    }

    @Test
    void aliasOfALibrary() throws Exception {
        SignatureHelp h = help("import files as f\nelement a {\n    check f.exists(|\n}\n");
        assertEquals("f.exists(scope: Scope, filename: string) -> CheckResult", h.getSignatures().get(0).getLabel());
    }

    @Test
    void noneOutsideACall() throws Exception {
        assertNull(help("element a {\n    scope s = |\n}\n"));
        assertNull(help("element a {\n    check nolib.f(|\n}\n"));
    }
}
