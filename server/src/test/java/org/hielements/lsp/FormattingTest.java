package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** textDocument/formatting: whitespace only, one edit over the lines that change, nothing for broken files. */
class FormattingTest extends LspTestBase {

    private static List<? extends TextEdit> format(String uri, int tabSize, boolean spaces) throws Exception {
        return lsp.remote.getTextDocumentService().formatting(new DocumentFormattingParams(
                new TextDocumentIdentifier(uri), new FormattingOptions(tabSize, spaces)))
                .get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
    }

    /** The text after applying edits (non-overlapping, as the server sends them). */
    private static String apply(String text, List<? extends TextEdit> edits) {
        org.hielements.text.SourceText s = new org.hielements.text.SourceText("x", text);
        StringBuilder out = new StringBuilder(text);
        for (int i = edits.size() - 1; i >= 0; i--) {
            TextEdit e = edits.get(i);
            int a = s.offset(new org.hielements.text.Position(e.getRange().getStart().getLine(),
                    e.getRange().getStart().getCharacter()));
            int b = s.offset(new org.hielements.text.Position(e.getRange().getEnd().getLine(),
                    e.getRange().getEnd().getCharacter()));
            out.replace(a, b, e.getNewText());
        }
        return out.toString();
    }

    @Test
    void formatsWithTheEditorsIndentationAndTouchesOnlyChangedLines() throws Exception {
        String text = """
                import files
                # keep me
                element api:
                  scope src = files.folder_selector( 'src' )   # and me
                  check files.exists(src,'x')
                element web:
                    scope s = files.folder_selector('w')
                """;
        String uri = lsp.open(freshName(), text);
        try {
            List<? extends TextEdit> edits = format(uri, 4, true);
            assertEquals(1, edits.size());
            assertEquals(3, edits.get(0).getRange().getStart().getLine(), "the first three lines are fine");
            assertEquals(5, edits.get(0).getRange().getEnd().getLine(), "and so are the last two");
            String formatted = apply(text, edits);
            assertEquals("""
                    import files
                    # keep me
                    element api:
                        scope src = files.folder_selector('src')   # and me
                        check files.exists(src, 'x')
                    element web:
                        scope s = files.folder_selector('w')
                    """, formatted);

            List<? extends TextEdit> tabs = format(uri, 8, false);
            assertTrue(apply(text, tabs).contains("\n\tscope src = files.folder_selector('src')   # and me\n"),
                    apply(text, tabs));
        } finally {
            lsp.close(uri);
        }
    }

    @Test
    void aFormattedDocumentGetsNoEdit() throws Exception {
        String uri = lsp.open(freshName(), "element a:\n    scope s = files.folder_selector('s')\n");
        try {
            assertEquals(List.of(), format(uri, 4, true));
        } finally {
            lsp.close(uri);
        }
    }

    @Test
    void aDocumentWithSyntaxErrorsIsLeftAlone() throws Exception {
        String uri = lsp.open(freshName(), "element a:\n  scope s = files.folder_selector(\n");
        try {
            assertEquals(List.of(), format(uri, 4, true));
        } finally {
            lsp.close(uri);
        }
    }

    @Test
    void unknownDocumentsGetNoEdit() throws Exception {
        assertEquals(List.of(), format("file:///nowhere/never-opened.hie", 4, true));
    }
}
