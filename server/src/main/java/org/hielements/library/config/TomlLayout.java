package org.hielements.library.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hielements.text.SourceText;
import org.hielements.text.Span;
import org.tomlj.TomlPosition;

/**
 * The layout of a {@code hielements.toml} text, read line by line without a parser, so that it also works where the
 * text is broken: which {@code [libraries]} entry owns each line (by table headers and top-level keys, strings and
 * brackets tracked across lines), where each entry's name is written, and the conversion of tomlj's 1-based positions
 * (columns in code points) into spans of the text.
 */
final class TomlLayout {
    private final SourceText text;
    /** 0-based line to the entry owning it (null entries for lines owned by none). */
    private final String[] ownerOfLine;
    /** Each entry's name as first written: the {@code x} of {@code x = {...}} or the {@code [libraries.x]} header. */
    private final Map<String, Span> entrySpans = new LinkedHashMap<>();

    TomlLayout(SourceText text) {
        this.text = text;
        this.ownerOfLine = new String[text.lineCount()];
        scan();
    }

    /** The entry that owns a 1-based line, or null. */
    String ownerOfLine(int line1) {
        int i = line1 - 1;
        return i >= 0 && i < ownerOfLine.length ? ownerOfLine[i] : null;
    }

    /** Where entry {@code name} is first written, if the scanner saw it. */
    Span entrySpan(String name) {
        return entrySpans.get(name);
    }

    /** The offset of a tomlj position (1-based line, 1-based column in code points). */
    int offset(TomlPosition p) {
        if (p == null) return 0;
        int line = Math.max(0, Math.min(p.line() - 1, text.lineCount() - 1));
        int start = text.lineStart(line);
        int end = text.lineEnd(line);
        int o = start;
        String s = text.text();
        for (int c = 1; c < p.column() && o < end; c++) o += Character.charCount(s.codePointAt(o));
        return Math.min(o, end);
    }

    /** A span starting at a tomlj position, covering the key written there (or a table header). */
    Span keySpan(TomlPosition p) {
        int start = offset(p);
        return new Span(start, keyEnd(start));
    }

    /** A span of one character at a tomlj position (empty at the end of a line), for syntax errors. */
    Span pointSpan(TomlPosition p) {
        int start = offset(p);
        int lineEnd = text.lineEnd(text.line(start));
        return new Span(start, Math.min(lineEnd, start + 1));
    }

    private int keyEnd(int start) {
        String s = text.text();
        int lineEnd = text.lineEnd(text.line(start));
        int i = start;
        if (i < lineEnd && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0 || close >= lineEnd) return lineEnd;
            while (close + 1 < lineEnd && s.charAt(close + 1) == ']') close++;
            return close + 1;
        }
        while (i < lineEnd) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int close = s.indexOf(c, i + 1);
                i = close < 0 || close >= lineEnd ? lineEnd : close + 1;
            } else if (isBare(c)) {
                while (i < lineEnd && isBare(s.charAt(i))) i++;
            } else {
                break;
            }
            int j = i;
            while (j < lineEnd && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) j++;
            if (j < lineEnd && s.charAt(j) == '.') {
                i = j + 1;
                while (i < lineEnd && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
            } else {
                break;
            }
        }
        return Math.max(i, Math.min(start + 1, lineEnd));
    }

    private static boolean isBare(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    // ------------------------------------------------------------------ the line scanner

    private void scan() {
        String s = text.text();
        List<String> table = List.of();
        String owner = null;
        int depth = 0;          // open [ and { outside strings, across lines
        String multiline = null; // the delimiter of an open multi-line string
        for (int line = 0; line < text.lineCount(); line++) {
            int i = text.lineStart(line);
            int end = text.lineEnd(line);
            boolean statement = depth == 0 && multiline == null;
            if (statement) {
                int k = skipSpace(s, i, end);
                if (k < end && s.charAt(k) != '#') {
                    if (s.charAt(k) == '[') {
                        int headerStart = k;
                        int j = k + 1;
                        boolean array = j < end && s.charAt(j) == '[';
                        if (array) j++;
                        List<String> path = new ArrayList<>();
                        j = readKey(s, j, end, path);
                        table = path;
                        owner = path.size() >= 2 && path.get(0).equals("libraries") ? path.get(1) : null;
                        if (owner != null) entrySpans.putIfAbsent(owner, new Span(headerStart, keyEnd(headerStart)));
                        ownerOfLine[line] = owner;
                        i = j;
                    } else {
                        List<String> key = new ArrayList<>();
                        int j = readKey(s, k, end, key);
                        List<String> full = new ArrayList<>(table);
                        full.addAll(key);
                        String lineOwner = full.size() >= 2 && full.get(0).equals("libraries") ? full.get(1) : null;
                        if (lineOwner != null && !table.isEmpty() && table.size() == 1 && !key.isEmpty()) {
                            // [libraries] then `x = ...`: the first key segment names the entry
                            entrySpans.putIfAbsent(lineOwner, segmentSpan(s, k, end));
                        } else if (lineOwner != null && table.isEmpty() && key.size() >= 2) {
                            entrySpans.putIfAbsent(lineOwner, new Span(k, keyEnd(k)));
                        }
                        // an entry's own lines keep its table's owner; a top-level key inside [libraries] starts one
                        owner = table.size() >= 2 ? owner : lineOwner;
                        ownerOfLine[line] = lineOwner != null ? lineOwner : owner;
                        i = j;
                    }
                } else {
                    ownerOfLine[line] = owner;
                }
            } else {
                ownerOfLine[line] = owner;
            }
            // track brackets and strings through the rest of the line
            while (i < end) {
                if (multiline != null) {
                    int close = s.indexOf(multiline, i);
                    if (close < 0 || close >= end) {
                        i = end;
                    } else {
                        i = close + 3;
                        multiline = null;
                    }
                    continue;
                }
                char c = s.charAt(i);
                if (c == '#') break;
                if (c == '"' || c == '\'') {
                    String triple = String.valueOf(c).repeat(3);
                    if (s.startsWith(triple, i)) {
                        multiline = triple;
                        i += 3;
                        continue;
                    }
                    i = skipString(s, i, end);
                    continue;
                }
                if (c == '[' || c == '{') depth++;
                else if ((c == ']' || c == '}') && depth > 0) depth--;
                i++;
            }
        }
    }

    /** The first dotted-key segment at {@code k}, as a span. */
    private static Span segmentSpan(String s, int k, int end) {
        int i = k;
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            int close = s.indexOf(c, i + 1);
            i = close < 0 || close >= end ? end : close + 1;
        } else {
            while (i < end && isBare(s.charAt(i))) i++;
        }
        return new Span(k, Math.max(i, Math.min(k + 1, end)));
    }

    /** Reads a dotted key (bare or quoted segments) into {@code out}; returns the index after it. */
    private static int readKey(String s, int i, int end, List<String> out) {
        while (true) {
            i = skipSpace(s, i, end);
            if (i >= end) return i;
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                StringBuilder b = new StringBuilder();
                while (j < end && s.charAt(j) != c) {
                    if (c == '"' && s.charAt(j) == '\\' && j + 1 < end) j++;
                    b.append(s.charAt(j));
                    j++;
                }
                out.add(b.toString());
                i = Math.min(end, j + 1);
            } else if (isBare(c)) {
                int j = i;
                while (j < end && isBare(s.charAt(j))) j++;
                out.add(s.substring(i, j));
                i = j;
            } else {
                return i;
            }
            i = skipSpace(s, i, end);
            if (i < end && s.charAt(i) == '.') {
                i++;
            } else {
                return i;
            }
        }
    }

    private static int skipString(String s, int i, int end) {
        char q = s.charAt(i);
        int j = i + 1;
        while (j < end) {
            char c = s.charAt(j);
            if (q == '"' && c == '\\') {
                j += 2;
                continue;
            }
            if (c == q) return j + 1;
            j++;
        }
        return end;
    }

    private static int skipSpace(String s, int i, int end) {
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }
}
