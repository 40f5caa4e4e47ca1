package org.hielements.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.LibraryRegistry;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;

/**
 * Line breaks as LSP defines them ({@code \n}, {@code \r\n}, a lone {@code \r}) end lines alike for the lexer, the
 * parser and {@link SourceText}: every corpus file written with CR only, LF or CRLF gives the same tree, diagnostics
 * and model (a CR-only file used to lose its elements).
 */
class LineEndingsTest {
    private static List<String> corpus() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Hie.fixtures().resolve("corpus"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".hie")).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n"));
            }
        }
        assertTrue(out.size() >= 10);
        return out;
    }

    /** Each token as the editor sees it: kind, text, line and column of its start. */
    private static List<String> tokens(String text) {
        SourceText s = new SourceText("t.hie", text);
        List<String> out = new ArrayList<>();
        for (Token t : Lexer.lex(s).tokens()) {
            out.add(t.kind() + ":" + (t.kind() == TokenKind.NEWLINE ? "" : t.text()) + "@" + s.position(t.start()));
        }
        return out;
    }

    private static List<String> diagnostics(String text) {
        SourceText s = new SourceText("t.hie", text);
        List<String> out = new ArrayList<>();
        for (Diagnostic d : Parser.parse(s).diagnostics()) {
            out.add(d.code() + " " + s.position(d.span().start()) + " " + d.message());
        }
        return out;
    }

    private static List<String> model(String text) {
        SemanticModel m = new Analyzer(KnownLibraries.of(LibraryRegistry.withBuiltins()), p -> Optional.empty(), null)
                .analyze(Path.of("/ws/t.hie"), new SourceText("t.hie", text));
        List<String> out = new ArrayList<>();
        for (ElementSymbol e : m.elements()) out.add(e.path() + " " + e.members().size() + " members");
        for (Diagnostic d : m.diagnostics()) out.add(d.code() + " " + d.message());
        return out;
    }

    @Test
    void aCrOnlyFileIsTheSameProgramAsItsLfVersion() throws IOException {
        int elements = 0;
        for (String lf : corpus()) {
            String cr = lf.replace('\n', '\r');
            String crlf = lf.replace("\n", "\r\n");
            // one character per line break: the very same tree, spans included
            assertEquals(Parser.parse(new SourceText("t.hie", lf)).file(), Parser.parse(new SourceText("t.hie", cr))
                    .file());
            assertEquals(tokens(lf), tokens(cr));
            assertEquals(tokens(lf), tokens(crlf));
            assertEquals(diagnostics(lf), diagnostics(cr));
            assertEquals(diagnostics(lf), diagnostics(crlf));
            List<String> model = model(lf);
            assertEquals(model, model(cr));
            assertEquals(model, model(crlf));
            elements += model.size();
            SourceText a = new SourceText("a", lf);
            SourceText b = new SourceText("b", cr);
            SourceText c = new SourceText("c", crlf);
            assertEquals(a.lineCount(), b.lineCount());
            assertEquals(a.lineCount(), c.lineCount());
            for (int line = 0; line < a.lineCount(); line++) {
                String text = lf.substring(a.lineStart(line), a.lineEnd(line));
                assertEquals(text, cr.substring(b.lineStart(line), b.lineEnd(line)));
                assertEquals(text, crlf.substring(c.lineStart(line), c.lineEnd(line)));
            }
        }
        assertTrue(elements > 20, "the corpus declares elements: " + elements);
    }

    @Test
    void mixedLineBreaksCountAsLspCountsThem() {
        SourceText s = new SourceText("m", "a\rb\r\nc\nd\r");
        assertEquals(5, s.lineCount());
        assertEquals(List.of("a", "b", "c", "d", ""), List.of(line(s, 0), line(s, 1), line(s, 2), line(s, 3),
                line(s, 4)));
        assertEquals(List.of("IDENTIFIER:a@Position[line=0, character=0]", "NEWLINE:@Position[line=0, character=1]",
                "IDENTIFIER:b@Position[line=1, character=0]", "NEWLINE:@Position[line=1, character=1]",
                "IDENTIFIER:c@Position[line=2, character=0]", "NEWLINE:@Position[line=2, character=1]",
                "IDENTIFIER:d@Position[line=3, character=0]", "NEWLINE:@Position[line=3, character=1]",
                "EOF:null@Position[line=4, character=0]"), tokens("a\rb\r\nc\nd\r"));
    }

    private static String line(SourceText s, int line) {
        return s.text().substring(s.lineStart(line), s.lineEnd(line));
    }

    @Test
    void commentsStringsAndBlocksEndAtALoneCr() {
        String lf = "## doc\nelement a:\n    # note\n    scope s = files.folder_selector('x)\n"
                + "    check files.exists(s, 'y')\n###\nblock\n###\nelement b:\n    scope t = files.folder_selector('z')\n";
        String cr = lf.replace('\n', '\r');
        assertEquals(diagnostics(lf), diagnostics(cr));
        assertEquals(model(lf), model(cr));
        assertEquals(Lexer.lex(new SourceText("x", lf)).comments(), Lexer.lex(new SourceText("x", cr)).comments());
    }

    @Test
    void theFormatterKeepsACrOnlyFileCrOnly() {
        String lf = "element a:\n        scope s =   files.folder_selector('x')\n\n\n\nelement b:\n  scope t = files.folder_selector('y')\n";
        Formatter.Result f = Formatter.format(lf, "    ");
        Formatter.Result g = Formatter.format(lf.replace('\n', '\r'), "    ");
        assertTrue(f.formatted() && g.formatted(), f.refusal() + " / " + g.refusal());
        assertEquals(f.text().replace('\n', '\r'), g.text());
    }
}
