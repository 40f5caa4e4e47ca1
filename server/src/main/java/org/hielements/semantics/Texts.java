package org.hielements.semantics;

import org.hielements.text.Span;

/** Small text helpers for messages. */
final class Texts {
    private Texts() {}

    /** The text of {@code span}, each run of whitespace (line breaks included) replaced by one space. */
    static String collapse(String text, Span span) {
        int start = Math.max(0, Math.min(span.start(), text.length()));
        int end = Math.max(start, Math.min(span.end(), text.length()));
        StringBuilder sb = new StringBuilder(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && sb.length() > 0) sb.append(' ');
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The first line of the text of {@code span}, trimmed. */
    static String firstLine(String text, Span span) {
        int start = Math.max(0, Math.min(span.start(), text.length()));
        int end = Math.max(start, Math.min(span.end(), text.length()));
        int nl = org.hielements.text.SourceText.nextLineBreak(text, start);
        if (nl < end) end = nl;
        String s = text.substring(start, end).trim();
        if (s.endsWith(":") || s.endsWith("{")) s = s.substring(0, s.length() - 1).trim();
        return s;
    }

    /** Levenshtein distance, for "did you mean" suggestions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
