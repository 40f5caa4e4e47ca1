package org.hielements.library.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A glob with the semantics of Rust's {@code glob} 0.3 crate as upstream uses it: {@code *} and {@code ?} stay within
 * one path segment and match dot files, {@code [abc]}, {@code [a-z]}, {@code [!x]} classes ({@code ]} first in a class
 * is literal), and {@code **} as a whole segment matches the current directory and any depth of subdirectories (so a
 * trailing {@code **} matches directories only). Invalid: an unclosed {@code [}, {@code ***}, and {@code **} that is
 * not a whole segment ({@code a**}, {@code **a}). Case-sensitive. Matches workspace-relative path segments.
 */
final class GlobPattern {
    private static final Object RECURSIVE = new Object();

    /** Each element is {@link #RECURSIVE} or a compiled segment regex. */
    private final List<Object> parts;

    private GlobPattern(List<Object> parts) {
        this.parts = parts;
    }

    /** Compiles normalized pattern segments (no {@code .}/{@code ..}); empty when the pattern is invalid. */
    static Optional<GlobPattern> compile(List<String> segments) {
        List<Object> parts = new ArrayList<>(segments.size());
        for (String seg : segments) {
            if (seg.equals("**")) {
                parts.add(RECURSIVE);
                continue;
            }
            if (seg.contains("**")) return Optional.empty();
            Pattern p = segmentRegex(seg);
            if (p == null) return Optional.empty();
            parts.add(p);
        }
        return Optional.of(new GlobPattern(parts));
    }

    private static Pattern segmentRegex(String seg) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < seg.length()) {
            int cp = seg.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp == '*') {
                re.append(".*");
                i += len;
            } else if (cp == '?') {
                re.append('.');
                i += len;
            } else if (cp == '[') {
                int j = i + 1;
                boolean negated = j < seg.length() && seg.charAt(j) == '!';
                if (negated) j++;
                List<int[]> ranges = new ArrayList<>();
                boolean first = true;
                boolean closed = false;
                while (j < seg.length()) {
                    int c = seg.codePointAt(j);
                    if (c == ']' && !first) {
                        closed = true;
                        j++;
                        break;
                    }
                    first = false;
                    int cl = Character.charCount(c);
                    int next = j + cl;
                    if (next + 1 < seg.length() && seg.charAt(next) == '-' && seg.charAt(next + 1) != ']') {
                        int hi = seg.codePointAt(next + 1);
                        ranges.add(new int[] {c, hi});
                        j = next + 1 + Character.charCount(hi);
                    } else {
                        ranges.add(new int[] {c, c});
                        j = next;
                    }
                }
                if (!closed) return null;
                re.append('[');
                if (negated) re.append('^');
                for (int[] r : ranges) {
                    re.append(hex(r[0]));
                    if (r[1] != r[0]) re.append('-').append(hex(r[1]));
                }
                re.append(']');
                i = j;
            } else {
                re.append(Pattern.quote(new String(Character.toChars(cp))));
                i += len;
            }
        }
        try {
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        } catch (RuntimeException e) {   // e.g. a reversed range [z-a]
            return null;
        }
    }

    private static String hex(int cp) {
        return "\\x{" + Integer.toHexString(cp) + "}";
    }

    /** Whether the entry at {@code segments} (a directory when {@code directory}) matches. */
    boolean matches(List<String> segments, boolean directory) {
        return match(0, segments, 0, directory);
    }

    private boolean match(int pi, List<String> segs, int si, boolean directory) {
        if (pi == parts.size()) return si == segs.size();
        Object part = parts.get(pi);
        if (part == RECURSIVE) {
            if (pi == parts.size() - 1) return directory;   // a trailing ** matches directories only
            for (int k = si; k <= segs.size(); k++) {
                if (match(pi + 1, segs, k, directory)) return true;
            }
            return false;
        }
        if (si == segs.size()) return false;
        return ((Pattern) part).matcher(segs.get(si)).matches() && match(pi + 1, segs, si + 1, directory);
    }
}
