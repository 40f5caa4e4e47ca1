package org.hielements.syntax;

import org.hielements.text.Span;

import org.hielements.text.SourceText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {
    private static Lexer.Result lex(String text) {
        return Lexer.lex(new SourceText("t", text));
    }

    /** The tokens as "Kind" or "Kind(text)", space-separated, without the final Eof. */
    private static String kinds(String text) {
        List<Token> toks = lex(text).tokens();
        assertEquals(TokenKind.EOF, toks.get(toks.size() - 1).kind());
        return toks.subList(0, toks.size() - 1).stream()
                .map(t -> switch (t.kind()) {
                    case IDENTIFIER, NUMBER, STRING_SINGLE, STRING_DOUBLE, DOC_COMMENT -> t.kind().debugName() + "("
                            + t.text() + ")";
                    default -> t.kind().debugName();
                })
                .collect(Collectors.joining(" "));
    }

    private static List<String> diags(String text) {
        return lex(text).diagnostics().stream().map(d -> d.code() + " " + d.message()).toList();
    }

    @Test
    void keywordsIdentifiersAndPunctuation() {
        assertEquals("Element Identifier(elements) Identifier(scope_x) Scope Colon Equals Dot Comma LParen RParen "
                + "LBracket RBracket LBrace RBrace LAngle RAngle Star ConnectionCheck ConnectionPoint True False",
                kinds("element elements scope_x scope : = . , ( ) [ ] { } < > * connection_check connection_point "
                        + "true false"));
        for (TokenKind k : TokenKind.values()) {
            if (k.isKeyword()) assertEquals(k, TokenKind.keyword(k.text()));
        }
        assertEquals(TokenKind.IDENTIFIER, lex("Element").tokens().get(0).kind()); // case-sensitive
    }

    @Test
    void numbers() {
        assertEquals("Number(1) Dot", kinds("1."));
        assertEquals("Number(1) Identifier(e5)", kinds("1e5"));
        assertEquals("Number(1.5) Dot Number(2)", kinds("1.5.2"));
        assertEquals("Number(-5) Number(-2.718)", kinds("-5 -2.718"));
        assertEquals(List.of("E017 Unexpected character '-'"), diags("- 5"));
        assertEquals("Number(5)", kinds("- 5"));
    }

    @Test
    void strings() {
        assertEquals("StringSingle(a'b\\q) StringDouble(x\"y\ty)", kinds("'a\\'b\\q' \"x\\\"y\\ty\""));
        assertEquals("StringSingle(a\nb)", kinds("'a\nb'"));
        assertEquals("StringSingle(it's \"ok\")", kinds("'it\\'s \"ok\"'"));
        assertEquals(List.of("E018 Unterminated string"), diags("x = 'abc\ny = 1\n"));
        assertEquals("Identifier(x) Equals StringSingle(abc) Newline Identifier(y) Equals Number(1) Newline",
                kinds("x = 'abc\ny = 1\n"));
        assertEquals(List.of("E018 Unterminated string"), diags("\"abc\\"));
    }

    @Test
    void manyUnterminatedStringsStayLinear() {
        // every line: '\' (E017) then a string whose scan for a closing quote would run to the end of the file
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 50_000; i++) b.append("\\\"abc\n");
        long t0 = System.nanoTime();
        Lexer.Result r = lex(b.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // capped: the first 1,000, then one note counting the rest; the parser still knows where each one is
        assertEquals(1_001, r.diagnostics().size());
        assertEquals("E018", r.diagnostics().get(999).code());
        assertEquals(99_000, org.hielements.diagnostics.DiagnosticCap.leftOutBy(r.diagnostics().get(1_000)));
        assertEquals(100_000, r.errorStarts().length);
        // linear: a few ms; a rescan to the end of the file for each string would take many seconds
        assertTrue(ms < 5_000, "took " + ms + " ms");
    }

    @Test
    void comments() {
        assertEquals("Identifier(a) Newline DocComment(## doc) Newline Identifier(b)",
                kinds("a # comment\n## doc\nb"));
        // a doc token keeps no \r
        assertEquals("DocComment(## doc) Newline", kinds("## doc\r\n"));
        // block comments: skipped, and may span lines; a ### ... ### inside a line is a doc comment (maximal munch)
        assertEquals("Identifier(a) Newline Newline Identifier(b)", kinds("a\n###\nblock\n###\nb"));
        assertEquals("Identifier(s) DocComment(### c ### = x)", kinds("s ### c ### = x"));
        assertEquals("Identifier(a) Newline Newline Identifier(b)", kinds("a\n######\nb")); // a tie: block comment
        assertEquals("Identifier(a) Newline DocComment(###### ) Newline Identifier(b)", kinds("a\n###### \nb"));
        assertEquals("DocComment(################)", kinds("################"));
        assertEquals("DocComment(### Title)", kinds("### Title"));
    }

    @Test
    void brokenBlockComment() {
        assertEquals(List.of("E019 Unterminated block comment"), diags("###\nnever closed\nelement a\n"));
        assertEquals("", kinds("###\nnever closed\nelement a\n"));
        List<String> hash = diags("###\nnote # x\n###\nelement a\n");
        assertEquals(List.of("E019 Unterminated block comment: a block comment ends at the first '###' and cannot "
                + "contain '#'"), hash);
        assertEquals("Newline Element Identifier(a) Newline", kinds("###\nnote # x\n###\nelement a\n"));
    }

    @Test
    void unexpectedCharacters() {
        assertEquals(List.of("E017 Unexpected character '!'", "E017 Unexpected character ';'"), diags("a != b;"));
        assertEquals("Identifier(a) Equals Identifier(b)", kinds("a != b;"));
        assertEquals(List.of(), diags("a\rb")); // a lone CR ends a line, as in LSP (LineEndingsTest)
        assertEquals("Identifier(a) Newline Identifier(b)", kinds("a\rb"));
        assertEquals(List.of("E017 Unexpected character '\\u00A0'"), diags("a\u00a0b"));
        assertEquals(List.of("E017 Unexpected character 'é'"), diags("café"));
        assertEquals(List.of(), diags("\uFEFFelement a")); // a byte order mark is skipped
    }

    @Test
    void indentation() {
        assertEquals("Identifier(a) Colon Newline Indent Identifier(b) Newline Indent Identifier(c) Newline "
                        + "Dedent Dedent Identifier(d)",
                kinds("a:\n    b\n        c\nd"));
        // a dedent to a width that is not on the stack joins the enclosing level
        assertEquals("Identifier(a) Newline Indent Identifier(b) Newline Indent Identifier(c) Newline Dedent "
                + "Identifier(d) Dedent", kinds("a\n    b\n        c\n      d"));
        // blank and whitespace-only lines change nothing
        assertEquals("Identifier(a) Newline Indent Identifier(b) Newline Newline Newline Identifier(c) Dedent",
                kinds("a\n    b\n\n      \n    c"));
    }

    @Test
    void commentLinesNeverChangeIndentation() {
        // a comment at column 0 inside a block: the block stays open
        assertEquals("Identifier(a) Colon Newline Indent Identifier(b) Newline Newline Identifier(c) Dedent",
                kinds("a:\n    b\n# c0\n    c"));
        // a deeper doc comment stays in the block it is in
        assertEquals("Identifier(a) Colon Newline Indent Identifier(b) Newline DocComment(## deep) Newline "
                + "Identifier(c) Dedent", kinds("a:\n    b\n            ## deep\n    c"));
        // docs at the outer level after a block come after the DEDENT; deeper ones before it
        assertEquals("Identifier(a) Colon Newline Indent Identifier(b) Newline DocComment(## in) Newline Dedent "
                + "DocComment(## out) Newline Identifier(c)", kinds("a:\n    b\n    ## in\n## out\nc"));
        // docs before a deeper first line: the INDENT comes before the deeper ones
        assertEquals("Identifier(a) Colon Newline DocComment(## out) Newline Indent DocComment(## in) Newline "
                + "Identifier(b) Dedent", kinds("a:\n## out\n    ## in\n    b"));
        // a block of comments only after ':' is an empty block
        assertEquals("Identifier(a) Colon Newline Indent Newline Dedent Identifier(b)", kinds("a:\n    # todo\nb"));
        assertEquals("Identifier(a) Colon Newline Indent Newline Dedent", kinds("a:\n    # todo\n"));
        // ... but not after a line that does not end in ':'
        assertEquals("Identifier(a) Newline Newline Identifier(b)", kinds("a\n    # todo\nb"));
    }

    @Test
    void tokensCarryTheirOffsets() {
        List<Token> toks = lex("element a:\n    scope s = f.g('x')").tokens();
        Token s = toks.stream().filter(t -> "s".equals(t.text())).findFirst().orElseThrow();
        assertEquals(21, s.start());
        assertEquals(22, s.end());
        Token str = toks.stream().filter(t -> t.kind() == TokenKind.STRING_SINGLE).findFirst().orElseThrow();
        assertEquals(new Span(29, 32), str.span());
        Token indent = toks.stream().filter(t -> t.kind() == TokenKind.INDENT).findFirst().orElseThrow();
        assertEquals(new Span(11, 15), indent.span());
    }
}
