package org.hielements.syntax;

import org.hielements.text.Position;

import org.hielements.text.SourceText;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * LANGUAGE.md §1 change #4: tokens after multi-line strings, block comments, tabs, CRLF and non-ASCII text carry the
 * right line and column: 0-based line and UTF-16 character inside the program, 1-based line and code-point column
 * for the command line.
 */
class PositionsTest {
    /** The token of the given kind and text, n-th occurrence (0-based). */
    private static Token token(String text, TokenKind kind, String tokenText, int n) {
        List<Token> toks = Lexer.lex(new SourceText("t", text)).tokens().stream()
                .filter(t -> t.kind() == kind && (tokenText == null || tokenText.equals(t.text()))).toList();
        return toks.get(n);
    }

    private static Position pos(String text, Token t) {
        return new SourceText("t", text).position(t.start());
    }

    @Test
    void afterAMultiLineString() {
        String text = "element a:\n    scope s = f.g('one\ntwo\nthree')\n    scope t = f.g('x')\n";
        assertEquals(new Position(4, 10), pos(text, token(text, TokenKind.IDENTIFIER, "t", 0)));
        ParseResult r = Hie.parse(text + "    scope u = f.g('y') ## bad\n");
        assertEquals("6:24", Hie.at(r, 0));
    }

    @Test
    void afterABlockComment() {
        String text = "###\nA block\ncomment\n###\nelement b:\n    scope u = f.g('x')\n";
        assertEquals(new Position(4, 8), pos(text, token(text, TokenKind.IDENTIFIER, "b", 0)));
        String inline = "element a:\n    ### spans\n  two lines ### scope v = f.g('x')\n";
        // a block comment followed by tokens on its closing line: those tokens keep their real position
        int v = inline.indexOf(" v ") + 1;
        assertEquals(new Position(2, v - inline.indexOf("  two")), pos(inline, token(inline, TokenKind.IDENTIFIER, "v", 0)));
        assertEquals(new Position(2, 22), pos(inline, token(inline, TokenKind.IDENTIFIER, "v", 0)));
    }

    @Test
    void afterTabs() {
        String text = "element a:\n\tscope s = f.g('x') ## bad\n";
        assertEquals(new Position(1, 7), pos(text, token(text, TokenKind.IDENTIFIER, "s", 0)));
        ParseResult r = Hie.parse(text);
        assertEquals("2:21", Hie.at(r, 0)); // a tab is one column
    }

    @Test
    void afterCrlf() {
        String text = "element a:\r\n    scope s = f.g('x')\r\n\r\n    scope t = f.g('y') ## bad\r\n";
        assertEquals(new Position(3, 10), pos(text, token(text, TokenKind.IDENTIFIER, "t", 0)));
        ParseResult r = Hie.parse(text);
        assertEquals("4:24", Hie.at(r, 0));
        Diagnostic d = r.diagnostics().get(0);
        // the doc comment token ends before the \r
        assertEquals("## bad", text.substring(d.span().start(), d.span().end()));
    }

    @Test
    void afterNonAsciiAndSurrogatePairs() {
        String text = "element a:\n    scope s = f.g('日本 😀 é') ## bad\n    scope t = f.g('😀😀') ## bad\n";
        ParseResult r = Hie.parse(text);
        List<Diagnostic> ds = r.diagnostics();
        assertEquals(2, ds.size());
        SourceText src = r.source();
        int first = text.indexOf("##");
        int second = text.indexOf("##", first + 1);
        int line2 = text.indexOf('\n') + 1;
        int line3 = text.indexOf('\n', line2) + 1;
        assertEquals(first, ds.get(0).span().start());
        assertEquals(second, ds.get(1).span().start());
        // inside the program: UTF-16 characters (😀 counts 2)
        assertEquals(new Position(1, first - line2), src.position(ds.get(0).span().start()));
        assertEquals(new Position(2, second - line3), src.position(ds.get(1).span().start()));
        assertEquals(29, first - line2);
        assertEquals(26, second - line3);
        // on the command line: code points, 1-based (one pair before the first, two before the second)
        assertEquals("2:29", Hie.at(r, 0));
        assertEquals("3:25", Hie.at(r, 1));
        // the string values are decoded correctly
        ParseResult clean = Hie.ok(text.replace(" ## bad", ""));
        Ast.Call call = (Ast.Call) ((Ast.Scope) clean.file().elements().get(0).items().get(0)).value();
        assertEquals("日本 😀 é", ((Ast.StringLit) call.arguments().get(0)).value());
    }

    @Test
    void unexpectedNonAsciiCharacterIsOneDiagnosticCoveringTheWholeCharacter() {
        String text = "element a:\n    scope s😀 = f.g('x')\n";
        ParseResult r = Hie.expect(text, "E017 Unexpected character '😀'");
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(2, d.span().length());
        assertEquals("2:12", Hie.at(r, 0));
    }

    @Test
    void spansOfTreeNodes() {
        String text = "element a:\n    scope s = files.folder_selector('x')\n    element b {\n    }\n";
        ParseResult r = Hie.ok(text);
        Ast.Element a = r.file().elements().get(0);
        assertEquals("a", text.substring(a.name().span().start(), a.name().span().end()));
        Ast.Scope s = (Ast.Scope) a.items().get(0);
        assertEquals("scope s = files.folder_selector('x')", text.substring(s.span().start(), s.span().end()));
        assertEquals("files.folder_selector('x')", text.substring(s.value().span().start(), s.value().span().end()));
        Ast.Element b = (Ast.Element) a.items().get(1);
        assertEquals("element b {\n    }", text.substring(b.span().start(), b.span().end()));
        assertEquals("{", text.substring(b.block().open().start(), b.block().open().end()));
        assertEquals(":", text.substring(a.block().open().start(), a.block().open().end()));
        assertEquals(text.trim(), text.substring(a.span().start(), a.span().end()));
    }
}
