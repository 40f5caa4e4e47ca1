package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class HoverTest extends LspTestBase {

    @Test
    void libraryFunctionShowsSignatureDescriptionAndExample() throws Exception {
        Hover h = assertHover("element a {\n    scope s = files.folder_selector('src')\n    check files.exi|sts(s, 'x')\n}\n",
                "files.exists(scope: Scope, filename: string) -> CheckResult", "*check* of library `files`",
                "Check if a file exists within a scope.", "**Parameters**", "`filename` (string)", "**Example**");
        assertEquals(new Range(new Position(2, 16), new Position(2, 22)), h.getRange());
    }

    @Test
    void selectorHover() throws Exception {
        assertHover("element a {\n    scope s = files.folder_sel|ector('src')\n}\n",
                "files.folder_selector(path: string) -> Scope", "*selector*");
    }

    @Test
    void libraryNameShowsItsFunctions() throws Exception {
        assertHover("element a {\n    check fi|les.exists(x, 'y')\n}\n", "library files", "**Selectors**",
                "**Checks**", "exists(scope: Scope, filename: string)");
    }

    @Test
    void identifierShowsWhatItResolvesTo() throws Exception {
        assertHover("element a {\n    ## The sources.\n    scope src = files.folder_selector('src')\n"
                + "    check files.exists(sr|c, 'main.rs')\n}\n",
                "scope src = files.folder_selector('src')", "scope `a.src`", "declared in", ":3`", "The sources.");
    }

    @Test
    void placeholderAndPattern() throws Exception {
        assertHover("pattern hex {\n    scope core\n    check files.exists(co|re, 'x')\n}\n",
                "placeholder `hex.core`", "each implementing element binds it");
        assertHover("pattern he|x {\n    scope core\n}\n", "pattern `hex`", "1 placeholder(s)");
    }

    @Test
    void functionInBrokenStatementStillHovers() throws Exception {
        assertHover("element a {\n    check files.cont|ains(\n}\n", "files.contains(");
    }

    @Test
    void nothingOnWhitespaceOrKeywords() throws Exception {
        String uri = lsp.open(freshName(), "element a {\n\n}\n");
        try {
            assertNull(lsp.hover(uri, new Position(1, 0)));
        } finally {
            lsp.close(uri);
        }
    }
}
