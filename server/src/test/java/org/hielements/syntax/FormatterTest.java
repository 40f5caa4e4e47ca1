package org.hielements.syntax;

import org.hielements.text.Span;

import org.hielements.text.SourceText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Formatting changes whitespace only, is idempotent, keeps comments, and leaves broken files alone. */
class FormatterTest {
    private static final String FOUR = "    ";

    private static String format(String text) {
        Formatter.Result r = Formatter.format(text, FOUR);
        assertTrue(r.formatted(), () -> r.refusal() + "\n" + text);
        return r.text();
    }

    @Test
    void normalisesIndentationSpacingBlankLinesAndKeepsComments() {
        String messy = """


                # header
                import   files
                import python as py



                element  api :
                  ## the api
                  scope src<python>=files.folder_selector( "src" ,  "x" )   # trailing, aligned
                  ref port : integer=8080
                  # about web
                  element web:
                      scope h = py.module_selector ( 'web' )\t
                      check files.exists(h,'a')
                      # end of web
                  # end of api

                ###
                block   \s
                  comment
                ###
                element b {
                    scope q = files.folder_selector('q')
                }


                """;
        String expected = """
                # header
                import files
                import python as py

                element api:
                    ## the api
                    scope src<python> = files.folder_selector("src", "x")   # trailing, aligned
                    ref port: integer = 8080
                    # about web
                    element web:
                        scope h = py.module_selector('web')
                        check files.exists(h, 'a')
                        # end of web
                    # end of api

                ###
                block   \s
                  comment
                ###
                element b {
                    scope q = files.folder_selector('q')
                }
                """;
        assertEquals(expected, format(messy));
        assertEquals(expected, format(expected), "idempotent");
    }

    @Test
    void keepsCrlfAndTheByteOrderMarkAndUsesTheGivenUnit() {
        String text = "\uFEFFelement a:\r\n  scope s = files.folder_selector('s')  \r\n  element b:\r\n"
                + "    check files.exists(s,'x')\r\n";
        Formatter.Result r = Formatter.format(text, "\t");
        assertTrue(r.formatted(), r.refusal());
        assertEquals("\uFEFFelement a:\r\n\tscope s = files.folder_selector('s')\r\n\telement b:\r\n"
                + "\t\tcheck files.exists(s, 'x')\r\n", r.text());
    }

    @Test
    void commentsBetweenAndAfterTokensKeepTheirPlaces() {
        assertEquals("element a:  # after a colon\n    scope s = files.folder_selector('s')   # after\n",
                format("element a:  # after a colon   \n  scope s = files.folder_selector( 's' )   # after   \n"));
        assertEquals("element b:\n    scope s = f.g() # no gap before it\n",
                format("element b:\n      scope s = f.g ()# no gap before it\n"));
    }

    @Test
    void brokenFilesAreLeftAlone() {
        Formatter.Result r = Formatter.format("element a:\n    scope s = files.folder_selector(\n", FOUR);
        assertFalse(r.formatted());
        assertNull(r.text());
        assertTrue(r.refusal().contains("syntax errors"), r.refusal());
    }

    @Test
    void emptyAndBlankTextsFormatToNothing() {
        assertEquals("", format(""));
        assertEquals("", format("\n\n   \n"));
        assertEquals("# only a comment\n", format("   # only a comment   "));
    }

    static Stream<Path> corpus() throws IOException {
        return CorpusTest.corpus();
    }

    /** The upstream examples are formatted already, but for whitespace at the ends of lines. */
    @ParameterizedTest
    @MethodSource("corpus")
    void corpusFilesOnlyLoseTrailingWhitespace(Path file) throws IOException {
        String text = Files.readString(file);
        String formatted = format(text);
        assertEquals(formatted, format(formatted), "idempotent");
        List<String> expected = new ArrayList<>();
        boolean blank = true;
        for (String line : text.split("\n", -1)) {
            String l = line.stripTrailing();
            if (l.isEmpty() && blank) continue;
            blank = l.isEmpty();
            expected.add(l);
        }
        while (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) expected.remove(expected.size() - 1);
        if (verbatimBlockComments(text)) return; // block comment lines keep their trailing spaces
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        assertEquals(String.join(newline, expected) + newline, formatted);
    }

    private static boolean verbatimBlockComments(String text) {
        for (var c : Lexer.lex(new SourceText("x", text)).comments()) {
            if (text.substring(c.start(), c.end()).contains("\n") && text.substring(c.start(), c.end())
                    .lines().anyMatch(l -> !l.equals(l.stripTrailing()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whitespace noise (spaces between tokens, trailing spaces, more blank lines where there are some, a narrower or tab
     * indentation) added to
     * every corpus file formats back to the formatted file.
     */
    @ParameterizedTest
    @MethodSource("corpus")
    void whitespaceNoiseFormatsAway(Path file) throws IOException {
        String text = Files.readString(file);
        String formatted = format(text);
        Random random = new Random(file.getFileName().toString().hashCode());
        for (int round = 0; round < 20; round++) {
            String noisy = noise(text, random, round % 3);
            assertEquals(formatted, format(noisy), () -> "noisy input:\n" + noisy);
        }
    }

    private static final Set<TokenKind> PUNCTUATION = Set.of(TokenKind.EQUALS, TokenKind.COMMA, TokenKind.LPAREN,
            TokenKind.RPAREN, TokenKind.DOT, TokenKind.COLON, TokenKind.LBRACKET, TokenKind.RBRACKET);

    /** {@code indentation}: 0 as written, 1 halved, 2 tabs. */
    private static String noise(String text, Random random, int indentation) {
        SourceText source = new SourceText("x", text);
        Lexer.Result lexed = Lexer.lex(source);
        boolean[] spanned = new boolean[source.lineCount()];
        List<Span> multi = new ArrayList<>(lexed.comments());
        for (Token t : lexed.tokens()) multi.add(t.span());
        for (Span s : multi) {
            int a = source.line(s.start());
            int b = source.line(Math.max(s.start(), s.end() - 1));
            if (a != b) for (int l = a; l <= b; l++) spanned[l] = true;
        }
        // new gaps between adjacent tokens of a line
        StringBuilder out = new StringBuilder();
        int copied = 0;
        Token prev = null;
        for (Token t : lexed.tokens()) {
            TokenKind k = t.kind();
            if (k == TokenKind.NEWLINE || k == TokenKind.INDENT || k == TokenKind.DEDENT || k == TokenKind.EOF) {
                prev = k == TokenKind.NEWLINE ? null : prev;
                continue;
            }
            if (prev != null && k != TokenKind.DOC_COMMENT && source.line(prev.end()) == source.line(t.start())
                    && text.substring(prev.end(), t.start()).isBlank()) {
                boolean free = PUNCTUATION.contains(prev.kind()) || PUNCTUATION.contains(k);
                boolean had = prev.end() < t.start();
                String gap = free ? " ".repeat(random.nextInt(3)) : had ? " ".repeat(1 + random.nextInt(2)) : "";
                out.append(text, copied, prev.end()).append(gap);
                copied = t.start();
            }
            prev = t;
        }
        out.append(text.substring(copied));
        // lines: indentation, trailing spaces, blank lines (never inside a string or comment spanning lines)
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        String[] lines = out.toString().split(newline, -1);
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean free = i >= spanned.length || !spanned[i];
            if (free && line.isBlank() && random.nextInt(3) == 0) {
                result.append(" ".repeat(random.nextInt(5))).append(newline); // one more blank line where there is one
            }
            if (free && !line.isBlank()) {
                int w = 0;
                while (w < line.length() && line.charAt(w) == ' ') w++;
                String rest = line.substring(w);
                if (indentation == 1) line = " ".repeat(w / 2) + rest;
                else if (indentation == 2 && w % 4 == 0) line = "\t".repeat(w / 4) + rest;
                if (random.nextInt(4) == 0 && !rest.startsWith("#")) line += " ".repeat(1 + random.nextInt(3));
            }
            result.append(line);
            if (i < lines.length - 1) result.append(newline);
        }
        return result.toString();
    }

    /**
     * Random mutations of the corpus (those of the robustness test): formatting never throws, and what it formats is
     * idempotent; a text that parses without error is always formatted.
     */
    @Test
    void mutatedFilesAreFormattedIdempotentlyOrLeftAlone() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : corpus().toList()) seeds.add(Files.readAllBytes(p));
        Random random = new Random(7);
        int formatted = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] input = seeds.get(random.nextInt(seeds.size()));
            for (int k = 1 + random.nextInt(2); k > 0; k--) input = RobustnessTest.mutate(input, random);
            String text = new String(input, StandardCharsets.UTF_8);
            Formatter.Result r = Formatter.format(text, FOUR);
            boolean valid = !Parser.parse(new SourceText("x", text)).hasErrors();
            if (valid && !r.formatted()) Files.writeString(Path.of("/tmp/fail.hie"), text);
            if (valid) assertTrue(r.formatted(), () -> r.refusal() + " for a valid text:\n" + text);
            if (r.formatted()) {
                formatted++;
                String again = r.text();
                assertEquals(again, Formatter.format(again, FOUR).text(), () -> "not idempotent for:\n" + text);
            }
        }
        assertTrue(formatted > 200, "formatted " + formatted);
    }
}
