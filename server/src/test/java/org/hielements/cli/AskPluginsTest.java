package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;

/** Which plugins a check asks for their documentation before the analysis: those the files' tokens name. */
class AskPluginsTest {

    private static boolean names(String text) {
        return CheckRun.names(new SourceText("a.hie", text), "sample_py");
    }

    @Test
    void aCallAnImportOrAFromImportNamesThePlugin() {
        assertTrue(names("element a:\n    check sample_py.has_extension(x, '.rs')\n"));
        assertTrue(names("import sample_py\n"));
        assertTrue(names("from sample_py import has_extension\n"));
        assertTrue(names("element a:\n    scope s = sample_py . files()\n"));
    }

    @Test
    void commentsStringsAndOtherNamesDoNot() {
        assertFalse(names("## sample_py.has_extension is not used here\nelement a:\n    scope s = files.all()\n"));
        assertFalse(names("element a:\n    check files.exists(root, 'sample_py.txt')\n"));
        assertFalse(names("element sample_py:\n    scope s = files.all()\n"));
        assertFalse(names("element a:\n    check sample_pyx.f(x)\n"));
        assertFalse(names(""));
    }

    @Test
    void aStringOpenOverLinesHidesTheNameWhereverTheFileIsCut() {
        // the prefix up to the name's line leaves the string open: the whole file decides
        assertFalse(names("element a:\n    ref r: string = 'one\nsample_py.f() two'\n"));
        assertFalse(names("element a:\n    ref r: string = \"x\n\nsample_py.f()\n\"\n    check files.exists(r, 'a')\n"));
        assertTrue(names("element a:\n    ref r: string = 'one\ntwo'\n    check sample_py.f()\n"));
    }

    @Test
    void aNameFoundLateInALargeFileIsFound() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++) sb.append("## sample_py. is not code\nelement e").append(i).append(":\n");
        assertFalse(names(sb.toString()));
        sb.append("element last:\n    check sample_py.f()\n");
        assertTrue(names(sb.toString()));
    }

    @Test
    void theSameAnswerAsLexingTheWholeFileForEveryCut() {
        String[] pieces = {"element a:\n", "    check sample_py.f()\n", "## sample_py.f\n", "    ref r: string = '",
            "sample_py.x", "'\n", "\"", "import sample_py\n", "    # note sample_py.g\n", "\n", "from files import x\n",
            "sample_py", ".", "  "};
        java.util.Random random = new java.util.Random(17);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(30);
            for (int i = 0; i < n; i++) sb.append(pieces[random.nextInt(pieces.length)]);
            String text = sb.toString();
            SourceText source = new SourceText("a.hie", text);
            boolean whole = false;
            java.util.List<org.hielements.syntax.Token> tokens = org.hielements.syntax.Lexer.lex(source).tokens();
            for (int i = 0; i < tokens.size(); i++) {
                org.hielements.syntax.Token t = tokens.get(i);
                if (t.kind() != org.hielements.syntax.TokenKind.IDENTIFIER || !"sample_py".equals(t.text())) continue;
                whole |= i + 1 < tokens.size() && tokens.get(i + 1).kind() == org.hielements.syntax.TokenKind.DOT;
                whole |= i > 0 && (tokens.get(i - 1).kind() == org.hielements.syntax.TokenKind.IMPORT
                        || tokens.get(i - 1).kind() == org.hielements.syntax.TokenKind.FROM);
            }
            org.junit.jupiter.api.Assertions.assertEquals(whole, names(text), text);
        }
    }
}
