package org.hielements.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * A source file's text and its line index: the one place where offsets become lines and columns.
 *
 * <p>Inside the program positions are 0-based lines and UTF-16 columns ({@link #position}); the command line prints
 * 1-based lines and columns counted in Unicode characters ({@link #cliLine}, {@link #cliColumn}). A line ends as LSP
 * says: at {@code \r\n}, {@code \n} or a lone {@code \r}; the line break is not part of the line's text. The lexer
 * ends lines at the same places ({@link #isLineBreak}).
 */
public final class SourceText {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    /**
     * @param name how the file is named to users: the path as given on the command line, or a URI in the editor
     * @param text the whole text
     */
    public SourceText(String name, String text) {
        this.name = Objects.requireNonNull(name);
        this.text = Objects.requireNonNull(text);
        int[] starts = new int[Math.max(16, text.length() / 24)];
        int n = 0;
        starts[n++] = 0;
        if (text.indexOf('\r') < 0) {
            // LF only (most files): String.indexOf scans far faster than a loop of charAt
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        } else {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                    starts[n++] = i + 1;
                }
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** 0-based line holding the offset (offsets past the end are clamped to the end). */
    public int line(int offset) {
        int o = clamp(offset);
        int i = Arrays.binarySearch(lineStarts, o);
        return i >= 0 ? i : -i - 2;
    }

    public int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
    }

    /** Offset of the end of the line's text, before its {@code \r\n}, {@code \n} or {@code \r}. */
    public int lineEnd(int line) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
        if (line + 1 < lineStarts.length && text.charAt(end) == '\n' && end > lineStart(line)
                && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** Whether {@code c} ends a line ({@code \n}, or {@code \r} alone or before {@code \n}): LSP's line breaks. */
    public static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    /** The offset of the first line break character at or after {@code from} in {@code text}, or its length. */
    public static int nextLineBreak(String text, int from) {
        for (int i = Math.max(0, from); i < text.length(); i++) {
            if (isLineBreak(text.charAt(i))) return i;
        }
        return text.length();
    }

    /** The offset after the line break starting at {@code at} ({@code \r\n} is one break). */
    public static int afterLineBreak(String text, int at) {
        return text.charAt(at) == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n' ? at + 2 : at + 1;
    }

    /** 0-based line and UTF-16 column of an offset. */
    public Position position(int offset) {
        int o = clamp(offset);
        int line = line(o);
        return new Position(line, o - lineStarts[line]);
    }

    /**
     * The offset of an LSP position. A line past the end gives the end of the text; a column past the end of its line
     * gives the end of that line.
     */
    public int offset(Position p) {
        if (p.line() < 0) return 0;
        if (p.line() >= lineStarts.length) return text.length();
        int start = lineStarts[p.line()];
        return Math.max(start, Math.min(start + Math.max(0, p.character()), lineEnd(p.line())));
    }

    /** 1-based line, for the command line. */
    public int cliLine(int offset) {
        return line(offset) + 1;
    }

    /** 1-based column in Unicode characters (code points), for the command line. */
    public int cliColumn(int offset) {
        int o = clamp(offset);
        int start = lineStarts[line(o)];
        return text.codePointCount(start, o) + 1;
    }

    /**
     * The offset of a 1-based line and 1-based column in Unicode characters (code points), as the command line prints
     * them (and as plugins name evidence places); a column past the end of its line gives the end of that line, a
     * line past the end of the text gives -1.
     */
    public int offsetOfCli(int line, int column) {
        if (line < 1 || line > lineStarts.length) return -1;
        int start = lineStarts[line - 1];
        int end = lineEnd(line - 1);
        int o = start;
        for (int k = 1; k < column && o < end; k++) o = text.offsetByCodePoints(o, 1);
        return Math.min(o, end);
    }

    /** 0-based offset from the start of the text in Unicode characters (code points), for the command line. */
    public int cliOffset(int offset) {
        return text.codePointCount(0, clamp(offset));
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, text.length()));
    }

    @Override
    public String toString() {
        return name;
    }
}
