package org.hielements.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hielements.text.Position;
import org.hielements.text.SourceText;

/**
 * Where positions of a document's earlier version are after an edit: the diagnostics kept from an earlier version
 * (check outcomes of the last run, published again with every keystroke's syntax and semantic diagnostics) move with
 * the text they mark instead of staying on the line numbers of the version they were computed for.
 *
 * <p>Each change of an editor notification is one step. Typing, a pure insertion or a pure deletion is a
 * {@link Shift}: a position before the edited range stays, one after it moves by what the edit added or removed, one
 * inside it goes to the end of the inserted text. A change that replaces lines by other lines (a formatting edit, a
 * whole-document replacement of a client that sends the full text) is a {@link Realign}: the lines common to both
 * ends are skipped, and the lines between are matched by their text without white space (a minimal line diff), so a
 * statement whose indentation or spacing changed is found again on its new line, at its new indentation; a position
 * on a line that was removed goes to the next line that was kept. A realignment keeps a few numbers per changed
 * line, never the texts.
 */
final class EditMap {
    /** Lines compared by the diff beyond which a realignment gives up and maps as a {@link Shift}. */
    static final int MAX_DIFF_LINES = 50_000;
    /** The most differences the diff looks for before giving up (Myers' D). */
    static final int MAX_DIFF_COST = 1_000;

    /** One step of the map. */
    private sealed interface Step permits Shift, Realign {
        Position map(Position p);
    }

    /** An edit that moves what follows it: the replaced range (in the version before it) and the inserted text's shape. */
    private record Shift(Position start, Position end, int newLines, int lastLineLength) implements Step {
        @Override
        public Position map(Position p) {
            if (p.compareTo(start) < 0) return p;
            Position insertedEnd = new Position(start.line() + newLines,
                    newLines == 0 ? start.character() + lastLineLength : lastLineLength);
            if (p.compareTo(end) < 0) return insertedEnd;
            if (p.line() == end.line()) {
                return new Position(insertedEnd.line(), insertedEnd.character() + (p.character() - end.character()));
            }
            return new Position(p.line() + insertedEnd.line() - end.line(), p.character());
        }
    }

    /**
     * Old lines {@code [from, to)} became new lines {@code [newFrom, newTo)}; {@code target[i]} is the new line of old
     * line {@code from + i} (or {@code -1 - next} for a removed line, where {@code next} is the next kept new line);
     * {@code oldIndent}, {@code oldLength}, {@code newIndent}, {@code newLength} place a column on a kept line.
     */
    private record Realign(int from, int to, int newFrom, int newTo, int[] target, int[] oldIndent, int[] oldLength,
            int[] newIndent, int[] newLength) implements Step {
        @Override
        public Position map(Position p) {
            if (p.line() < from) return p;
            if (p.line() >= to) return new Position(p.line() + newTo - to, p.character());
            int i = p.line() - from;
            int t = target[i];
            if (t < 0) return new Position(-1 - t, 0);
            int c = p.character();
            int column;
            if (c >= oldLength[i]) {
                column = newLength[i];                                  // the end of the line stays its end
            } else if (c == oldIndent[i]) {
                column = newIndent[i];                                  // the first character of the line's text
            } else if (c < oldIndent[i]) {
                column = Math.min(c, newIndent[i]);                     // inside the indentation
            } else {
                column = Math.min(newLength[i], newIndent[i] + (c - oldIndent[i]));
            }
            return new Position(t, column);
        }
    }

    private final List<Step> steps;

    private EditMap(List<Step> steps) {
        this.steps = steps;
    }

    /** A map that moves nothing. */
    static EditMap identity() {
        return new EditMap(List.of());
    }

    /** Collects the steps of one notification, each given the text before and after its change. */
    static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        /**
         * A change that replaced {@code [start, end)} of {@code before} (offsets) by {@code inserted}, giving
         * {@code after}.
         */
        void change(SourceText before, int start, int end, String inserted, SourceText after) {
            boolean oldSpansLines = before.line(start) != before.line(end);
            boolean newSpansLines = inserted.indexOf('\n') >= 0 || inserted.indexOf('\r') >= 0;
            if (start == end || inserted.isEmpty() || (!oldSpansLines && !newSpansLines)) {
                steps.add(shift(before, start, end, inserted));
            } else {
                steps.add(realign(before, before.line(start), before.line(end) + 1, after, after.line(start),
                        after.line(start + inserted.length()) + 1, before, start, end, inserted));
            }
        }

        /** A replacement of the whole text. */
        void replaceAll(SourceText before, SourceText after) {
            steps.add(realign(before, 0, before.lineCount(), after, 0, after.lineCount(), before, 0,
                    before.text().length(), after.text()));
        }

        EditMap build() {
            return new EditMap(List.copyOf(steps));
        }
    }

    private static Shift shift(SourceText before, int start, int end, String inserted) {
        int newLines = 0;
        int lastBreak = -1;
        for (int i = 0; i < inserted.length(); i++) { // line breaks as LSP counts them: CRLF, LF, a lone CR
            char ch = inserted.charAt(i);
            if (ch == '\n' || (ch == '\r' && (i + 1 == inserted.length() || inserted.charAt(i + 1) != '\n'))) {
                newLines++;
                lastBreak = i;
            }
        }
        return new Shift(before.position(start), before.position(end), newLines, inserted.length() - lastBreak - 1);
    }

    /** The realignment of old lines {@code [from, to)} onto new lines {@code [newFrom, newTo)}. */
    private static Step realign(SourceText before, int from, int to, SourceText after, int newFrom, int newTo,
            SourceText fallbackText, int start, int end, String inserted) {
        // the lines both ends share exactly are not part of the change
        while (from < to && newFrom < newTo && sameLine(before, from, after, newFrom)) {
            from++;
            newFrom++;
        }
        while (from < to && newFrom < newTo && sameLine(before, to - 1, after, newTo - 1)) {
            to--;
            newTo--;
        }
        int n = to - from;
        int m = newTo - newFrom;
        if (n + m > MAX_DIFF_LINES) return shift(fallbackText, start, end, inserted);
        Map<String, Integer> ids = new HashMap<>();
        int[] a = keys(before, from, to, ids);
        int[] b = keys(after, newFrom, newTo, ids);
        int[] match = Diff.match(a, b, MAX_DIFF_COST);
        if (match == null) return shift(fallbackText, start, end, inserted);
        int[] target = new int[n];
        int[] oldIndent = new int[n];
        int[] oldLength = new int[n];
        int[] newIndent = new int[n];
        int[] newLength = new int[n];
        int next = newTo;
        for (int i = n - 1; i >= 0; i--) {
            if (match[i] >= 0) {
                int nl = newFrom + match[i];
                target[i] = nl;
                String o = line(before, from + i);
                String w = line(after, nl);
                oldIndent[i] = indent(o);
                oldLength[i] = o.length();
                newIndent[i] = indent(w);
                newLength[i] = w.length();
                next = nl;
            } else {
                target[i] = -1 - next;
            }
        }
        return new Realign(from, to, newFrom, newTo, target, oldIndent, oldLength, newIndent, newLength);
    }

    /** Each line's text without white space, as a number (equal texts, equal numbers). */
    private static int[] keys(SourceText s, int from, int to, Map<String, Integer> ids) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            String line = line(s, i);
            StringBuilder b = new StringBuilder(line.length());
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (!Character.isWhitespace(c)) b.append(c);
            }
            out[i - from] = ids.computeIfAbsent(b.toString(), x -> ids.size());
        }
        return out;
    }

    /**
     * Whether line {@code la} of {@code a} and line {@code lb} of {@code b} hold the same text, compared in place: a
     * client that sends the whole text with every keystroke makes every line be compared, so no line is copied.
     */
    private static boolean sameLine(SourceText a, int la, SourceText b, int lb) {
        int sa = a.lineStart(la);
        int sb = b.lineStart(lb);
        int n = a.lineEnd(la) - sa;
        return n == b.lineEnd(lb) - sb && a.text().regionMatches(sa, b.text(), sb, n);
    }

    private static String line(SourceText s, int line) {
        return s.text().substring(s.lineStart(line), s.lineEnd(line));
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        return i;
    }

    Position map(Position p) {
        for (Step s : steps) p = s.map(p);
        return p;
    }

    Range map(Range r) {
        return new Range(map(r.start()), map(r.end()));
    }

    /**
     * A diagnostic of the edited document at its new place (the same object when nothing of it moved); related
     * places in the same document move too.
     */
    DocumentDiagnostic map(DocumentDiagnostic d, String uri) {
        Range range = map(d.range());
        boolean moved = !range.equals(d.range());
        List<DocumentDiagnostic.Related> related = d.related();
        if (!related.isEmpty()) {
            List<DocumentDiagnostic.Related> out = new ArrayList<>(related.size());
            for (DocumentDiagnostic.Related r : related) {
                if (r.location().uri().equals(uri)) {
                    Range rr = map(r.location().range());
                    if (!rr.equals(r.location().range())) {
                        moved = true;
                        r = new DocumentDiagnostic.Related(new DocLocation(uri, rr), r.message());
                    }
                }
                out.add(r);
            }
            related = out;
        }
        return moved ? new DocumentDiagnostic(range, d.severity(), d.code(), d.message(), related, d.kind()) : d;
    }

    /** Myers' O((N+M)D) diff of two sequences of numbers: which element of {@code b} each element of {@code a} is. */
    static final class Diff {
        private Diff() {}

        /**
         * For each index of {@code a}, the index of {@code b} it is kept as, or -1 when it was removed; null when the
         * sequences differ in more than {@code maxCost} insertions and deletions.
         */
        static int[] match(int[] a, int[] b, int maxCost) {
            int n = a.length;
            int m = b.length;
            int max = Math.min(n + m, maxCost);
            int offset = max + 1;
            int[] v = new int[2 * max + 3];
            List<int[]> trace = new ArrayList<>();       // trace.get(d): v[-d-1 .. d+1] before round d
            int found = -1;
            for (int d = 0; d <= max; d++) {
                trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
                for (int k = -d; k <= d; k += 2) {
                    int x;
                    if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                        x = v[offset + k + 1];
                    } else {
                        x = v[offset + k - 1] + 1;
                    }
                    int y = x - k;
                    while (x < n && y < m && a[x] == b[y]) {
                        x++;
                        y++;
                    }
                    v[offset + k] = x;
                    if (x >= n && y >= m) {
                        found = d;
                        break;
                    }
                }
                if (found >= 0) break;
            }
            if (found < 0) return null;
            int[] out = new int[n];
            Arrays.fill(out, -1);
            int x = n;
            int y = m;
            for (int d = found; d > 0; d--) {
                int[] pv = trace.get(d);                  // index k + d + 1 holds v[k]
                int k = x - y;
                int prevK = (k == -d || (k != d && pv[k - 1 + d + 1] < pv[k + 1 + d + 1])) ? k + 1 : k - 1;
                int prevX = pv[prevK + d + 1];
                int prevY = prevX - prevK;
                while (x > prevX && y > prevY) {
                    out[--x] = --y;
                }
                x = prevX;
                y = prevY;
            }
            while (x > 0 && y > 0) out[--x] = --y;
            return out;
        }
    }
}
