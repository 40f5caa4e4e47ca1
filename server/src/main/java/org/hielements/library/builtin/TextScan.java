package org.hielements.library.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers that reproduce Rust's string functions the upstream checks rely on. */
final class TextScan {
    private TextScan() {
    }

    /** Rust's {@code str::lines}: split on {@code \n}, drop one trailing {@code \r} per line, no final empty line. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            out.add(line);
            if (nl < 0) break;
            start = nl + 1;
        }
        return out;
    }

    /** Rust's {@code s.split(sep).nth(1)}: the text between the first and the second {@code sep}; null when absent. */
    static String secondPiece(String s, String sep) {
        int i = s.indexOf(sep);
        if (i < 0) return null;
        String rest = s.substring(i + sep.length());
        int j = rest.indexOf(sep);
        return j < 0 ? rest : rest.substring(0, j);
    }

    /** Rust's {@code s.split(c).next()} for any of {@code chars}: the text before the first of them. */
    static String beforeAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return s.substring(0, i);
        }
        return s;
    }

    /** The stem of a file name as Rust's {@code Path::file_stem}: the name without its last extension. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Whether {@code pattern} matches somewhere in {@code text}, as {@code pattern.matcher(text).find()}, for a pattern
     * every match of which begins with {@code literal} (after zero-width assertions such as {@code \b}): the match is
     * tried only where the literal occurs ({@link String#indexOf}), with transparent bounds so that the assertions see
     * the text before it. A regex's own search tries every position, and a word boundary asks the character classes of
     * two characters at each: some thirty times slower over a large repository.
     */
    static boolean find(Pattern pattern, String literal, String text) {
        return find(pattern, literal, text, at -> true);
    }

    /** As {@link #find(Pattern, String, String)}, counting only a match whose start {@code accept}s. */
    static boolean find(Pattern pattern, String literal, String text, java.util.function.IntPredicate accept) {
        int at = text.indexOf(literal);
        if (at < 0) return false;
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (; at >= 0; at = text.indexOf(literal, at + 1)) {
            m.region(at, text.length());
            if (m.lookingAt() && accept.test(at)) return true;
        }
        return false;
    }
}
