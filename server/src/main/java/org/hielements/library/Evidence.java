package org.hielements.library;

import java.nio.file.Path;
import java.util.Objects;

import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * A place in a workspace file that shows why a check failed: the offending import, the {@code use} path that makes a
 * forbidden dependency. A failing check names its first evidence in its message and carries all of them as related
 * places (JSON {@code related}, SARIF {@code relatedLocations}, LSP {@code relatedInformation}), so an editor jumps
 * to the code.
 *
 * @param file    the absolute path of the file
 * @param source  the file's text, named as the workspace displays it ({@code src/app/x.py}); the one position converter
 * @param span    the offending text inside {@code source}
 * @param excerpt what the place says, on one line ({@code from ..ctx import _AppCtxGlobals}), control characters
 *                replaced
 */
public record Evidence(Path file, SourceText source, Span span, String excerpt) {
    /** The longest excerpt kept; longer statements end with an ellipsis. */
    static final int MAX_EXCERPT = 160;

    public Evidence {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(excerpt, "excerpt");
        if (!file.isAbsolute()) throw new IllegalArgumentException("evidence file must be absolute: " + file);
    }

    /**
     * The evidence at {@code span} of {@code source}: its excerpt is the text of the span's lines with runs of white
     * space folded into one space (a statement spread over lines reads as one), cut at {@link #MAX_EXCERPT}.
     */
    public static Evidence of(Path file, SourceText source, Span span) {
        String text = source.text();
        int start = Math.max(0, Math.min(span.start(), text.length()));
        int end = Math.max(start, Math.min(span.end(), text.length()));
        return new Evidence(file, source, new Span(start, end), excerpt(text.substring(start, end)));
    }

    /** The 1-based line of the place, as the command line prints it. */
    public int line() {
        return source.cliLine(span.start());
    }

    /** The 1-based column of the place in Unicode characters, as the command line prints it. */
    public int column() {
        return source.cliColumn(span.start());
    }

    /** {@code src/app/x.py:23 from ..ctx import Y}: how a failure message names the place. */
    public String describe() {
        return source.name() + ":" + line() + " " + excerpt;
    }

    static String excerpt(String raw) {
        StringBuilder b = new StringBuilder(Math.min(raw.length(), MAX_EXCERPT + 1));
        boolean space = false;
        for (int i = 0; i < raw.length() && b.length() <= MAX_EXCERPT; i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) b.append(' ');
            space = false;
            b.append(Character.isISOControl(c) ? '\uFFFD' : c);
        }
        if (b.length() > MAX_EXCERPT) {
            b.setLength(MAX_EXCERPT);
            b.append('\u2026');
        }
        return b.toString();
    }
}
