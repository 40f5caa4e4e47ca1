package org.hielements.syntax;

import org.hielements.text.Span;

import org.hielements.text.SourceText;

import java.util.ArrayList;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;

/**
 * Formats a {@code .hie} text by changing whitespace only: each line is indented by its block depth (one indentation
 * unit per level), spaces between tokens are normalised (one after a comma and around {@code =}, none inside
 * parentheses or around a dot), trailing whitespace goes, runs of blank lines become one, and the text ends with one
 * line break. Comments are kept as written, trailing ones at their column; a string or comment that spans lines keeps
 * those lines untouched. The line break style of the text (LF or CRLF) is kept, and a byte order mark.
 *
 * <p>A text with lexical or syntax errors is not formatted (its blocks are not known for sure). The result is checked
 * before it is returned: it must give the same tokens (indentation blocks included) and the same comments, and nothing
 * but whitespace may differ; otherwise nothing is formatted. Formatting a formatted text changes nothing.
 */
public final class Formatter {
    /** The formatted text, or why the text was left alone. */
    public record Result(String text, String refusal) {
        public boolean formatted() {
            return text != null;
        }
    }

    private Formatter() {}

    /** Formats with {@code indentUnit} (for example four spaces, or a tab) per block level. */
    public static Result format(String text, String indentUnit) {
        if (indentUnit.isEmpty() || !indentUnit.isBlank() || indentUnit.indexOf('\n') >= 0
                || indentUnit.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the indentation unit must be spaces or tabs");
        }
        boolean bom = text.startsWith("\uFEFF");
        String body = bom ? text.substring(1) : text;
        SourceText source = new SourceText("formatting", body);
        Lexer.Result lexed = Lexer.lex(source);
        ParseResult parsed = Parser.parse(source, lexed);
        if (parsed.diagnostics().stream().anyMatch(Diagnostic::isError)) {
            return new Result(null, "not formatted: the file has syntax errors");
        }
        String formatted = new Formatter.Run(source, lexed, indentUnit, lineBreak(body)).run();
        String refusal = differs(body, lexed, formatted);
        if (refusal != null) return new Result(null, refusal);
        return new Result(bom ? "\uFEFF" + formatted : formatted, null);
    }

    /** The file's first line break (CRLF, LF or a lone CR), used for every line of the result. */
    private static String lineBreak(String text) {
        int i = SourceText.nextLineBreak(text, 0);
        if (i >= text.length()) return "\n";
        return text.substring(i, SourceText.afterLineBreak(text, i));
    }

    /** Why {@code formatted} is not the same program as {@code original}, or null when it is. */
    private static String differs(String original, Lexer.Result before, String formatted) {
        SourceText out = new SourceText("formatted", formatted);
        Lexer.Result after = Lexer.lex(out);
        if (Parser.parse(out, after).diagnostics().stream().anyMatch(Diagnostic::isError)
                || !sameTokens(before.tokens(), after.tokens())
                || !commentTexts(original, before).equals(commentTexts(formatted, after))
                || !withoutWhitespace(original).equals(withoutWhitespace(formatted))) {
            return "not formatted: the formatter could not keep this file's meaning exactly (please report it)";
        }
        return null;
    }

    private static boolean sameTokens(List<Token> a, List<Token> b) {
        return shape(a).equals(shape(b));
    }

    /**
     * The tokens as the parser sees them, without blank lines: each token's kind and text, marked when it starts a
     * line; the indentation blocks in order; line breaks only as those marks.
     */
    private static List<String> shape(List<Token> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        boolean lineStart = true;
        for (Token t : tokens) {
            switch (t.kind()) {
                case NEWLINE -> lineStart = true;
                case INDENT, DEDENT, EOF -> out.add(t.kind().name());
                default -> {
                    String text = t.kind() == TokenKind.DOC_COMMENT ? t.text().stripTrailing() : t.text();
                    out.add((lineStart ? "^" : "") + t.kind() + ":" + text);
                    lineStart = false;
                }
            }
        }
        return out;
    }

    private static List<String> commentTexts(String text, Lexer.Result lexed) {
        List<String> out = new ArrayList<>();
        for (Span c : lexed.comments()) out.add(text.substring(c.start(), c.end()).stripTrailing());
        return out;
    }

    private static String withoutWhitespace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) sb.append(c); // as String#stripTrailing, which comments go through
        }
        return sb.toString();
    }

    /** One formatting of one text. */
    private static final class Run {
        private final SourceText source;
        private final String s;
        private final Lexer.Result lexed;
        private final String unit;
        private final String newline;
        private final int lines;

        /** Per line: untouched, because a string or comment spans it. */
        private final boolean[] verbatim;
        /** Per line: the tokens and comments on it, in order (empty for a blank line). */
        private final List<List<Item>> items = new ArrayList<>();
        /** Per line: its block depth. */
        private final int[] depth;

        /** A token or a comment on a line. */
        private record Item(int start, int end, TokenKind kind) {
            /** A comment that makes no token ({@code #}, {@code ###...###}), or a doc comment. */
            boolean isAnyComment() {
                return kind == null || kind == TokenKind.DOC_COMMENT;
            }
        }

        Run(SourceText source, Lexer.Result lexed, String unit, String newline) {
            this.source = source;
            this.s = source.text();
            this.lexed = lexed;
            this.unit = unit;
            this.newline = newline;
            this.lines = source.lineCount();
            this.verbatim = new boolean[lines];
            this.depth = new int[lines];
            for (int i = 0; i < lines; i++) items.add(new ArrayList<>());
        }

        String run() {
            collect();
            StringBuilder out = new StringBuilder(s.length() + 64);
            int blankRun = 0;
            boolean any = false;
            for (int line = 0; line < lines; line++) {
                List<Item> its = items.get(line);
                if (!verbatim[line] && its.isEmpty()) {
                    blankRun++;
                    continue;
                }
                if (blankRun > 0 && any) out.append(newline);
                blankRun = 0;
                any = true;
                if (verbatim[line]) {
                    // exactly as written, with its own line break (a string may hold a CR LF in an LF file)
                    out.append(s, source.lineStart(line), line + 1 < lines ? source.lineStart(line + 1) : s.length());
                } else {
                    out.append(unit.repeat(depth[line])).append(join(its)).append(newline);
                }
            }
            return out.toString();
        }

        /**
         * Reads every token and comment into its line, marks the lines a token or comment spans, and gives each line
         * its block depth. The lexer puts each INDENT and DEDENT at the start of the line where the depth changes,
         * comment lines included (a comment stays in the block it is indented in), so a line's depth is the count of
         * those up to its start.
         */
        private void collect() {
            int[] change = new int[lines + 1];
            for (Token t : lexed.tokens()) {
                switch (t.kind()) {
                    case INDENT -> change[lineOf(t)]++;
                    case DEDENT -> change[lineOf(t)]--;
                    case NEWLINE, EOF -> { }
                    default -> place(t.start(), t.end(), t.kind());
                }
            }
            for (Span c : lexed.comments()) place(c.start(), c.end(), null);
            for (List<Item> its : items) its.sort((a, b) -> Integer.compare(a.start(), b.start()));
            int level = 0;
            for (int line = 0; line < lines; line++) {
                level += change[line];
                depth[line] = Math.max(0, level);
            }
            // a last line of nothing but spaces, with no line break after it, is indentation the lexer reads (it can
            // open or keep open a block): it stays
            int last = lines - 1;
            if (last >= 0 && items.get(last).isEmpty() && source.lineStart(last) < s.length()) verbatim[last] = true;
        }

        /** The line an INDENT or DEDENT applies from: its own, or the next when it comes at the end of the text. */
        private int lineOf(Token t) {
            int line = source.line(t.start());
            return t.start() == source.lineStart(line) ? line : line + 1;
        }

        /** Adds an item to its line, or marks the lines it spans verbatim. */
        private void place(int start, int end, TokenKind kind) {
            int first = source.line(start);
            int last = source.line(Math.max(start, end - 1));
            if (first != last) {
                for (int l = first; l <= last; l++) verbatim[l] = true;
            } else {
                items.get(first).add(new Item(start, end, kind));
            }
        }

        private String join(List<Item> its) {
            StringBuilder sb = new StringBuilder();
            Item prev = null;
            for (Item it : its) {
                String text = s.substring(it.start(), it.end());
                if (it.isAnyComment()) text = text.stripTrailing();
                if (prev != null) {
                    String gap = s.substring(prev.end(), it.start());
                    if (it.isAnyComment() || prev.isAnyComment()) {
                        sb.append(gap.isEmpty() && it.isAnyComment() ? " " : gap); // comments keep their columns
                    } else {
                        sb.append(space(prev.kind(), it.kind(), !gap.isEmpty()) ? " " : "");
                    }
                }
                sb.append(text);
                prev = it;
            }
            return sb.toString();
        }

        /** Whether one space goes between two tokens ({@code spaced}: whether there was whitespace). */
        private static boolean space(TokenKind a, TokenKind b, boolean spaced) {
            if (a == TokenKind.COMMA || a == TokenKind.EQUALS || b == TokenKind.EQUALS) return true;
            if (b == TokenKind.COMMA || b == TokenKind.RPAREN || b == TokenKind.RBRACKET || b == TokenKind.DOT
                    || b == TokenKind.COLON) {
                return false;
            }
            if (a == TokenKind.LPAREN || a == TokenKind.LBRACKET || a == TokenKind.DOT) return false;
            if ((b == TokenKind.LPAREN || b == TokenKind.LBRACKET) && (a == TokenKind.IDENTIFIER || a.isKeyword())) {
                return false; // a call, a list type such as scope[]
            }
            if (a == TokenKind.COLON || b == TokenKind.LBRACE) return true;
            return spaced;
        }
    }
}
