package org.hielements.service;

import java.util.List;
import java.util.logging.Logger;
import org.hielements.syntax.Formatter;
import org.hielements.text.Position;
import org.hielements.text.SourceText;

/**
 * Formatting a document ({@link Formatter}) as one edit covering only the lines that change, so that the editor keeps
 * the cursor and folds elsewhere. A file with syntax errors is left alone (no edit; the reason goes to the log).
 */
final class Formatting {
    private static final Logger LOG = Logger.getLogger(Formatting.class.getName());

    private Formatting() {}

    /**
     * @param tabSize spaces per level when {@code insertSpaces}, as the editor's formatting options say
     */
    static List<DocEdit> of(DocumentAnalysis a, int tabSize, boolean insertSpaces) {
        String unit = insertSpaces ? " ".repeat(Math.max(1, Math.min(tabSize, 16))) : "\t";
        SourceText source = a.source();
        Formatter.Result r = Formatter.format(source.text(), unit);
        if (!r.formatted()) {
            LOG.info(a.uri() + ": " + r.refusal());
            return List.of();
        }
        String before = source.text();
        String after = r.text();
        if (before.equals(after)) return List.of();
        // the lines both texts share at the start and at the end stay untouched
        SourceText target = new SourceText(source.name(), after);
        int oldLines = source.lineCount();
        int newLines = target.lineCount();
        int head = 0;
        while (head < oldLines && head < newLines && line(source, head).equals(line(target, head))) head++;
        int tail = 0;
        while (tail < oldLines - head && tail < newLines - head
                && line(source, oldLines - 1 - tail).equals(line(target, newLines - 1 - tail))) {
            tail++;
        }
        int oldStart = source.lineStart(head);
        int oldEnd = tail == 0 ? before.length() : source.lineStart(oldLines - tail);
        int newStart = target.lineStart(head);
        int newEnd = tail == 0 ? after.length() : target.lineStart(newLines - tail);
        Position from = source.position(oldStart);
        Position to = source.position(oldEnd);
        return List.of(new DocEdit(new Range(from, to), after.substring(newStart, newEnd)));
    }

    /** A line with its line break. */
    private static String line(SourceText s, int line) {
        int end = line + 1 < s.lineCount() ? s.lineStart(line + 1) : s.text().length();
        return s.text().substring(s.lineStart(line), end);
    }
}
