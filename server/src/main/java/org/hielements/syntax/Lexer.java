package org.hielements.syntax;

import org.hielements.text.Span;

import org.hielements.text.SourceText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.DiagnosticCap;

/**
 * Turns a {@code .hie} text into tokens, as upstream's lexer does (maximal munch, keywords, NEWLINE tokens,
 * INDENT/DEDENT computed at the start of every physical line, {@code ##} doc comments as tokens, {@code #} and
 * {@code ###...###} comments skipped), with the changes of LANGUAGE.md §1:
 * <ul>
 *   <li>a character that starts no token is <b>E017</b> (a run of them, blanks between them included, is one
 *       diagnostic) and lexing continues;</li>
 *   <li>a string with no closing quote is <b>E018</b> at the opening quote; the string then ends at the end of its
 *       line. A line holding only {@code ###} that opens no valid block comment is <b>E019</b> at the {@code ###};
 *       the broken comment then runs to the end of the line holding the next {@code ###} (or to the end of file);</li>
 *   <li>{@code -} directly before a digit is part of the number;</li>
 *   <li>a line holding only a comment or doc comment never changes indentation: the INDENT or DEDENTs the next real
 *       line causes are placed around the comment lines so that comments stay in the block they are indented in,
 *       and comments right after a line ending in {@code :} that are deeper than it, followed by a line that is
 *       not deeper, make an empty block (INDENT then DEDENT), as upstream.</li>
 * </ul>
 * A leading byte order mark is skipped. Positions are UTF-16 offsets; lines and columns come from {@link SourceText}.
 * Runs in linear time and never throws.
 */
public final class Lexer {
    /**
     * The tokens (always ending with one EOF), the lexical diagnostics, and the spans of the comments that make no
     * token ({@code #} and {@code ###...###}; a line comment's span stops before its line break), in source order.
     */
    public record Result(List<Token> tokens, List<Diagnostic> diagnostics, List<Span> comments, int[] errorStarts) {
        /** Without the starts of the errors (they are those of the diagnostics). */
        public Result(List<Token> tokens, List<Diagnostic> diagnostics, List<Span> comments) {
            this(tokens, diagnostics, comments,
                    diagnostics.stream().mapToInt(d -> d.span().start()).toArray());
        }
    }

    private static final int LINE = 0, DOC = 1, BLOCK = 2, BROKEN_BLOCK = 3;

    private final SourceText source;
    private final String s;
    private final int n;
    private final ArrayList<Token> tokens;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Where each lexical error starts, those left out by the cap too (the parser reports nothing more there). */
    private int[] errorStarts = new int[8];
    private int errorCount;
    private final DiagnosticCap.Overflow overflow = new DiagnosticCap.Overflow();
    private final List<Span> comments = new ArrayList<>();

    private int[] stack = new int[16];
    private int depth = 1; // stack[0] == 0

    /** Kind of the last token that is not NEWLINE, INDENT, DEDENT or a doc comment. */
    private TokenKind lastSignificant;

    // the current run of comment-only and blank lines, and the real line that ends it
    private int runEnd = -1;
    private int runTarget;
    private boolean runEmptyBodyEligible;
    private boolean runIndentDone;

    // a scan for a closing quote that failed from offset X fails from any later offset too
    private int noCloserSingle = Integer.MAX_VALUE;
    private int noCloserDouble = Integer.MAX_VALUE;

    // one-entry cache for comment(): the same comment is examined by the indentation pass and by the token pass
    private int cacheStart = -1;
    private int cacheKind;
    private int cacheEnd;
    private boolean cacheHashInside;

    private Lexer(SourceText source) {
        this.source = source;
        this.s = source.text();
        this.n = s.length();
        this.tokens = new ArrayList<>(Math.max(16, n / 3)); // about a token per 4 characters in typical files
    }

    public static Result lex(SourceText source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        Diagnostic note = lexer.overflow.note(source, lexer.diagnostics.size());
        if (note != null) lexer.diagnostics.add(note);
        return new Result(Collections.unmodifiableList(lexer.tokens), List.copyOf(lexer.diagnostics),
                Collections.unmodifiableList(lexer.comments), Arrays.copyOf(lexer.errorStarts, lexer.errorCount));
    }

    private void run() {
        int pos = n > 0 && s.charAt(0) == '\uFEFF' ? 1 : 0;
        boolean lineStart = true;
        while (true) {
            if (lineStart) {
                lineStart = false;
                indentation(pos);
            }
            while (pos < n && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) pos++;
            if (pos >= n) break;
            char c = s.charAt(pos);
            switch (c) {
                case '\n' -> {
                    emit(TokenKind.NEWLINE, pos, pos + 1, null);
                    pos++;
                    lineStart = true;
                }
                case '\r' -> { // CRLF, or a lone CR: a line break as LSP says (SourceText counts lines alike)
                    int end = SourceText.afterLineBreak(s, pos);
                    emit(TokenKind.NEWLINE, pos, end, null);
                    pos = end;
                    lineStart = true;
                }
                case '#' -> pos = comment(pos);
                case '\'', '"' -> pos = string(pos, c);
                case ':' -> pos = punct(TokenKind.COLON, pos);
                case '=' -> pos = punct(TokenKind.EQUALS, pos);
                case '.' -> pos = punct(TokenKind.DOT, pos);
                case ',' -> pos = punct(TokenKind.COMMA, pos);
                case '(' -> pos = punct(TokenKind.LPAREN, pos);
                case ')' -> pos = punct(TokenKind.RPAREN, pos);
                case '[' -> pos = punct(TokenKind.LBRACKET, pos);
                case ']' -> pos = punct(TokenKind.RBRACKET, pos);
                case '{' -> pos = punct(TokenKind.LBRACE, pos);
                case '}' -> pos = punct(TokenKind.RBRACE, pos);
                case '<' -> pos = punct(TokenKind.LANGLE, pos);
                case '>' -> pos = punct(TokenKind.RANGLE, pos);
                case '*' -> pos = punct(TokenKind.STAR, pos);
                default -> {
                    if (isDigit(c) || (c == '-' && pos + 1 < n && isDigit(s.charAt(pos + 1)))) {
                        pos = number(pos);
                    } else if (isIdentStart(c)) {
                        pos = identifier(pos);
                    } else {
                        pos = invalidRun(pos);
                    }
                }
            }
        }
        while (depth > 1) {
            depth--;
            emit(TokenKind.DEDENT, n, n, null);
        }
        emit(TokenKind.EOF, n, n, null);
    }

    // ------------------------------------------------------------------------------------------------ tokens

    private void emit(TokenKind kind, int start, int end, String text) {
        tokens.add(new Token(kind, start, end, text));
        switch (kind) {
            case NEWLINE, INDENT, DEDENT, DOC_COMMENT, EOF -> { }
            default -> lastSignificant = kind;
        }
    }

    private int punct(TokenKind kind, int pos) {
        emit(kind, pos, pos + 1, null);
        return pos + 1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private int number(int pos) {
        int p = pos;
        if (s.charAt(p) == '-') p++;
        while (p < n && isDigit(s.charAt(p))) p++;
        if (p + 1 < n && s.charAt(p) == '.' && isDigit(s.charAt(p + 1))) {
            p++;
            while (p < n && isDigit(s.charAt(p))) p++;
        }
        emit(TokenKind.NUMBER, pos, p, s.substring(pos, p));
        return p;
    }

    private int identifier(int pos) {
        int p = pos + 1;
        while (p < n && isIdentPart(s.charAt(p))) p++;
        String word = s.substring(pos, p);
        TokenKind kw = TokenKind.keyword(word);
        emit(kw != null ? kw : TokenKind.IDENTIFIER, pos, p, kw != null ? kw.text() : word);
        return p;
    }

    /** True if the character at {@code p} starts no token (and is no blank or line break). */
    private boolean startsNothing(int p) {
        char c = s.charAt(p);
        switch (c) {
            case ' ', '\t', '\n', '\r', '#', '\'', '"', ':', '=', '.', ',', '(', ')', '[', ']', '{', '}', '<', '>', '*':
                return false;
            case '-':
                return !(p + 1 < n && isDigit(s.charAt(p + 1)));
            default:
                return !(isDigit(c) || isIdentStart(c));
        }
    }

    /**
     * E017 for a run of characters that start no token, blanks between them included (a line of {@code @ @ @} is one
     * diagnostic); returns the offset after the run.
     */
    private int invalidRun(int pos) {
        int p = pos;
        while (true) {
            while (p < n && startsNothing(p)) p += Character.charCount(s.codePointAt(p));
            int q = p;
            while (q < n && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) q++;
            if (q == p || q >= n || !startsNothing(q)) break;
            p = q;
        }
        error(Code.E017, new Span(pos, p), pos);
        return p;
    }

    /**
     * A lexical error: kept as a diagnostic while fewer than {@link DiagnosticCap#PER_FILE} are, counted after that
     * (without making its message); {@code at} is E017's offending character.
     */
    private void error(Code code, Span span, int at) {
        if (errorCount == errorStarts.length) errorStarts = Arrays.copyOf(errorStarts, errorCount * 2);
        errorStarts[errorCount++] = span.start();
        if (diagnostics.size() >= DiagnosticCap.PER_FILE) {
            overflow.add(code.severity(), span);
            return;
        }
        Diagnostic d = code == Code.E017 ? Diagnostic.of(code, source, span, display(s.codePointAt(at)))
                : Diagnostic.of(code, source, span);
        if (code == Code.E019 && cacheHashInside) {
            d = new Diagnostic(d.code(), d.severity(),
                    d.message() + ": a block comment ends at the first '###' and cannot contain '#'",
                    source, d.span(), List.of());
        }
        diagnostics.add(d);
    }

    /** How a character is shown in a message: itself, or an escape for invisible ones. */
    static String display(int cp) {
        if (cp == '\r') return "\\r";
        if (cp == '\t') return "\\t";
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.FORMAT || (cp <= 0xFFFF && Character.isSurrogate((char) cp))) {
            return String.format("\\u%04X", cp);
        }
        return new String(Character.toChars(cp));
    }

    private int string(int pos, char quote) {
        TokenKind kind = quote == '\'' ? TokenKind.STRING_SINGLE : TokenKind.STRING_DOUBLE;
        int noCloser = quote == '\'' ? noCloserSingle : noCloserDouble;
        if (pos < noCloser) {
            StringBuilder value = new StringBuilder();
            int p = pos + 1;
            while (p < n) {
                char c = s.charAt(p);
                if (c == quote) {
                    emit(kind, pos, p + 1, value.toString());
                    return p + 1;
                }
                if (c == '\\' && p + 1 < n) {
                    escape(value, s.charAt(p + 1));
                    p += 2;
                } else {
                    value.append(c);
                    p++;
                }
            }
            if (quote == '\'') noCloserSingle = pos;
            else noCloserDouble = pos;
        }
        // unterminated: E018 at the opening quote; the string ends at the end of its line
        error(Code.E018, new Span(pos, pos + 1), pos);
        int end = SourceText.nextLineBreak(s, pos);
        StringBuilder value = new StringBuilder();
        int p = pos + 1;
        while (p < end) {
            char c = s.charAt(p);
            if (c == '\\' && p + 1 < end) {
                escape(value, s.charAt(p + 1));
                p += 2;
            } else {
                value.append(c);
                p++;
            }
        }
        emit(kind, pos, end, value.toString());
        return end;
    }

    /** Upstream's escapes: \n \t \r \\ \' \" are decoded, any other \x is kept as the two characters. */
    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case '\\' -> out.append('\\');
            case '\'' -> out.append('\'');
            case '"' -> out.append('"');
            default -> out.append('\\').append(c);
        }
    }

    // ------------------------------------------------------------------------------------------------ comments

    private int comment(int pos) {
        examineComment(pos, firstOnLine(pos));
        switch (cacheKind) {
            case DOC -> {
                int end = cacheEnd;
                if (end > pos && s.charAt(end - 1) == '\r') end--;
                emit(TokenKind.DOC_COMMENT, pos, end, s.substring(pos, end));
            }
            case BROKEN_BLOCK -> error(Code.E019, new Span(pos, pos + 3), pos);
            default -> {
                int end = cacheEnd;
                if (cacheKind == LINE && end > pos && s.charAt(end - 1) == '\r') end--;
                comments.add(new Span(pos, end));
            }
        }
        return cacheEnd;
    }

    private boolean firstOnLine(int pos) {
        int p = pos - 1;
        while (p >= 0 && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) p--;
        return p < 0 || SourceText.isLineBreak(s.charAt(p)) || (p == 0 && s.charAt(0) == '\uFEFF');
    }

    /**
     * Sets cacheKind/cacheEnd for the comment starting at {@code pos} (a '#'). Maximal munch between the doc comment
     * {@code ##[^\n]*} and the block comment {@code ###[^#]*###}; on a tie the block comment wins. A line holding
     * only {@code ###} that opens no valid block comment is a broken block comment (E019).
     */
    private void examineComment(int pos, boolean firstOnLine) {
        if (cacheStart == pos) return;
        cacheStart = pos;
        cacheHashInside = false;
        int lineEnd = SourceText.nextLineBreak(s, pos);
        if (s.startsWith("###", pos)) {
            int k = s.indexOf('#', pos + 3);
            int blockEnd = k >= 0 && s.startsWith("###", k) ? k + 3 : -1;
            if (blockEnd >= 0 && blockEnd >= lineEnd) {
                cacheKind = BLOCK;
                cacheEnd = blockEnd;
                return;
            }
            if (blockEnd < 0 && firstOnLine && blank(pos + 3, lineEnd)) {
                cacheKind = BROKEN_BLOCK;
                cacheHashInside = k >= 0;
                int next = lineEnd < n ? s.indexOf("###", lineEnd) : -1;
                cacheEnd = next < 0 ? n : SourceText.nextLineBreak(s, next);
                return;
            }
            cacheKind = DOC;
            cacheEnd = lineEnd;
            return;
        }
        cacheKind = s.startsWith("##", pos) ? DOC : LINE;
        cacheEnd = lineEnd;
    }

    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') return false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ indentation

    /** The first offset from {@code from} that is neither a space nor a tab. */
    private int skipIndent(int from) {
        int i = from;
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }

    /** Indentation width of {@code [from, to)}, spaces and tabs only: a space counts 1, a tab 4 (as upstream). */
    private int indentWidth(int from, int to) {
        int width = 0;
        for (int i = from; i < to; i++) width += s.charAt(i) == '\t' ? 4 : 1;
        return width;
    }

    /** Runs at the start of every physical line ({@code ls}: its first offset). */
    private void indentation(int ls) {
        int i = skipIndent(ls);
        int width = indentWidth(ls, i);
        if (i >= n) {
            // upstream processes a whitespace-only last line with no line break like any other line
            if (i > ls) realLine(width, ls, i);
            return;
        }
        char c = s.charAt(i);
        if (c == '\n' || c == '\r') return; // a blank line changes nothing
        if (c == '#' && commentOnly(i)) {
            commentLine(width, ls, i);
            return;
        }
        realLine(width, ls, i);
    }

    /** True if the comment starting at {@code i} (first on its line) is followed by nothing but the line break. */
    private boolean commentOnly(int i) {
        examineComment(i, true);
        int j = cacheEnd;
        while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) j++;
        return j >= n || SourceText.isLineBreak(s.charAt(j));
    }

    private void realLine(int width, int ls, int wsEnd) {
        runEnd = -1;
        if (width > stack[depth - 1]) {
            push(width);
            emit(TokenKind.INDENT, ls, wsEnd, null);
        } else {
            while (stack[depth - 1] > width) {
                depth--;
                emit(TokenKind.DEDENT, ls, wsEnd, null);
            }
        }
    }

    private void commentLine(int width, int ls, int wsEnd) {
        if (runEnd < 0 || ls >= runEnd) startRun(ls);
        int top = stack[depth - 1];
        if (!runIndentDone && width > top) {
            if (runTarget > top) {
                push(runTarget);
                emit(TokenKind.INDENT, ls, wsEnd, null);
                runIndentDone = true;
            } else if (runEmptyBodyEligible) {
                push(width);
                emit(TokenKind.INDENT, ls, wsEnd, null);
                runIndentDone = true;
            }
        }
        int keep = Math.max(width, runTarget);
        while (stack[depth - 1] > keep) {
            depth--;
            emit(TokenKind.DEDENT, ls, wsEnd, null);
        }
    }

    /** Finds the real line that ends the run of comment and blank lines starting at {@code ls}: its width. */
    private void startRun(int ls) {
        runEmptyBodyEligible = lastSignificant == TokenKind.COLON;
        runIndentDone = false;
        int p = ls;
        while (true) {
            int i = skipIndent(p);
            int width = indentWidth(p, i);
            if (i >= n) {
                runTarget = i > p ? width : 0;
                runEnd = i > p ? p : n;
                return;
            }
            char c = s.charAt(i);
            if (SourceText.isLineBreak(c)) {
                p = SourceText.afterLineBreak(s, i);
                continue;
            }
            if (c == '#' && commentOnly(i)) {
                int j = SourceText.nextLineBreak(s, cacheEnd);
                if (j >= n) {
                    runTarget = 0;
                    runEnd = n;
                    return;
                }
                p = SourceText.afterLineBreak(s, j);
                continue;
            }
            runTarget = width;
            runEnd = p;
            return;
        }
    }

    private void push(int width) {
        if (depth == stack.length) stack = Arrays.copyOf(stack, depth * 2);
        stack[depth++] = width;
    }
}
