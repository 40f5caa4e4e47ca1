package org.hielements.library.builtin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paths one Rust file names, read from its tokens ({@link RustLexer}), so comments, strings and char literals
 * never count. Three kinds:
 * <ul>
 *   <li>{@code use} declarations anywhere (module level, in functions, in inline modules), their trees expanded by
 *   {@link RustUseTree}; each import keeps the span of its whole declaration ({@code use a::{b, c}}) as evidence;</li>
 *   <li>{@code extern crate m [as n]};</li>
 *   <li>every other path of two or more segments ({@code m::f()}, {@code m::T}, {@code #[m::attr]},
 *   {@code m::mac!()}, {@code <m::T as n::Tr>::f}, {@code ::m::x}, {@code $crate::x}); a path continues over a
 *   turbofish ({@code a::b::<T>::c}). A segment after {@code .} (a method) or a macro variable {@code $x} starts no
 *   path; visibility paths ({@code pub(in crate::a)}) are not uses.</li>
 * </ul>
 * Each path records the inline modules it sits in ({@code mod tests { use super::*; }}), so that {@code self} and
 * {@code super} resolve from the right module. Also kept: the modules the file declares ({@code mod x;},
 * {@code mod x { ... }}). Depends on the text alone, so it can be kept while the text is unchanged.
 */
final class RustFileFacts {
    enum Origin { USE, EXTERN_CRATE, PATH }

    /**
     * A path written in the file.
     *
     * @param segments the segments as written ({@code r#type} as {@code type}, {@code $crate} as {@code crate})
     * @param global   written with a leading {@code ::}
     * @param origin   how it was written
     * @param binding  the name a {@code use} or {@code extern crate} binds (null for a glob, {@code _} or a path)
     * @param glob     a {@code use path::*}
     * @param inline   the inline modules around it, outermost first
     * @param start    the evidence span's start (the {@code use}/{@code extern} keyword, or the path's first token)
     * @param end      the evidence span's end (the declaration's last token before {@code ;}, or the path's end)
     */
    record PathRef(List<String> segments, boolean global, Origin origin, String binding, boolean glob,
                   List<String> inline, int start, int end) {
    }

    /** A module declared in the file: {@code mod name;} or {@code mod name { ... }}, inside the inline modules {@code inline}. */
    record ModDecl(String name, List<String> inline, boolean body) {
    }

    private static final Set<String> KEYWORDS = Set.of("as", "break", "const", "continue", "else", "enum", "extern",
            "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
            "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async",
            "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
            "unsized", "virtual", "yield", "try");
    private static final Set<String> VISIBILITY = Set.of("crate", "self", "super", "in");

    final List<PathRef> paths;
    final List<ModDecl> mods;
    private final Map<List<String>, Map<String, PathRef>> bindings;

    /** The text that is not code: comments, string and char literals, as start/end pairs in order. */
    private final int[] nonCode;
    /** Whether the file has a doc comment ({@code ///}, {@code //!}, {@code /**}, {@code /*!}). */
    final boolean docComments;

    private RustFileFacts(List<PathRef> paths, List<ModDecl> mods, int[] nonCode, boolean docComments) {
        this.paths = Collections.unmodifiableList(paths);
        this.mods = Collections.unmodifiableList(mods);
        this.nonCode = nonCode;
        this.docComments = docComments;
        Map<List<String>, Map<String, PathRef>> b = new HashMap<>();
        for (PathRef p : paths) {
            if (p.binding() != null) b.computeIfAbsent(p.inline(), k -> new HashMap<>()).putIfAbsent(p.binding(), p);
        }
        this.bindings = b;
    }

    /** The {@code use}/{@code extern crate} that binds {@code name} in the inline module {@code inline}, or null. */
    PathRef binding(List<String> inline, String name) {
        Map<String, PathRef> m = bindings.get(inline);
        return m == null ? null : m.get(name);
    }

    /** The glob imports ({@code use path::*}) made in the inline module {@code inline}. */
    List<PathRef> globs(List<String> inline) {
        List<PathRef> out = new ArrayList<>();
        for (PathRef p : paths) {
            if (p.glob() && p.inline().equals(inline)) out.add(p);
        }
        return out;
    }

    /** Whether the file declares the module {@code name} inside the inline modules {@code inline}. */
    boolean declaresModule(List<String> inline, String name) {
        for (ModDecl m : mods) {
            if (m.name().equals(name) && m.inline().equals(inline)) return true;
        }
        return false;
    }

    static RustFileFacts read(String text) {
        return new Reader(RustLexer.reading(text)).run();     // the tokens are done with when the facts are made
    }

    /**
     * Whether the text at {@code offset} is code: not inside a comment, a string or a char literal (so that an item
     * named in a comment or a string is never taken for one).
     */
    boolean inCode(int offset) {
        int lo = 0;
        int hi = nonCode.length / 2 - 1;
        while (lo <= hi) {                       // the last range starting at or before the offset
            int mid = (lo + hi) >>> 1;
            if (nonCode[2 * mid] <= offset) lo = mid + 1;
            else hi = mid - 1;
        }
        return hi < 0 || offset >= nonCode[2 * hi + 1];
    }

    /**
     * What the facts weigh in paths (about 200 bytes each), for {@link RustFactsCache}'s bound: the paths, and the
     * non-code ranges at 8 bytes a range.
     */
    long weight() {
        return paths.size() + nonCode.length / 50;
    }

    /** The comments and the string and char literals of {@code t}, merged in order. */
    private static int[] nonCode(RustLexer.Tokens t) {
        int literals = 0;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == RustLexer.STRING || t.kind[i] == RustLexer.CHAR) literals++;
        }
        int[] out = new int[2 * (literals + t.commentCount)];
        int n = 0;
        int c = 0;
        for (int i = 0; i <= t.count; i++) {
            boolean literal = i < t.count && (t.kind[i] == RustLexer.STRING || t.kind[i] == RustLexer.CHAR);
            if (!literal && i < t.count) continue;
            int until = i < t.count ? t.start[i] : Integer.MAX_VALUE;
            while (c < t.commentCount && t.comments[2 * c] < until) {      // the comments before this literal
                out[n++] = t.comments[2 * c];
                out[n++] = t.comments[2 * c + 1];
                c++;
            }
            if (i < t.count) {
                out[n++] = t.start[i];
                out[n++] = t.end[i];
            }
        }
        return out;
    }

    private static final class Reader {
        private final RustLexer.Tokens t;
        private final boolean[] consumed;
        private final List<PathRef> paths = new ArrayList<>();
        private final List<ModDecl> mods = new ArrayList<>();
        private final List<String> inlineNames = new ArrayList<>();
        private final List<Integer> inlineDepths = new ArrayList<>();
        private List<String> inline = List.of();
        private int depth;

        Reader(RustLexer.Tokens t) {
            this.t = t;
            this.consumed = new boolean[t.count];
        }

        RustFileFacts run() {
            int i = 0;
            while (i < t.count) {
                if (consumed[i]) {
                    i++;
                    continue;
                }
                byte k = t.kind[i];
                if (k == RustLexer.PUNCT) {
                    char c = t.text.charAt(t.start[i]);
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        if (!inlineDepths.isEmpty() && inlineDepths.get(inlineDepths.size() - 1) == depth) {
                            inlineDepths.remove(inlineDepths.size() - 1);
                            inlineNames.remove(inlineNames.size() - 1);
                            inline = List.copyOf(inlineNames);
                        }
                        depth--;
                    } else if (c == '$' && t.isWord(i + 1, "crate") && t.is(i + 2, RustLexer.PATH_SEP)
                            && !t.is(i - 1, RustLexer.PATH_SEP)) {
                        i = path(i);
                        continue;
                    }
                    i++;
                } else if (k == RustLexer.IDENT) {
                    i = word(i);
                } else if (k == RustLexer.RAW_IDENT) {
                    i = startsPath(i) ? path(i) : i + 1;
                } else if (k == RustLexer.PATH_SEP && t.isIdent(i + 1) && !precededByPathEnd(i)) {
                    i = path(i);
                } else {
                    i++;
                }
            }
            return new RustFileFacts(paths, mods, nonCode(t), t.docComment);
        }

        /**
         * At a plain identifier: a keyword that starts a declaration, or the first segment of a path. Most identifiers
         * are neither; they are passed over without allocating their names.
         */
        private int word(int i) {
            if (t.is(i + 1, RustLexer.PATH_SEP)) {
                if (t.isWord(i, "use")) return use(i);             // use ::std::x;
                if (KEYWORDS.contains(t.name(i))) return i + 1;
                return startsPath(i) ? path(i) : i + 1;
            }
            int len = t.end[i] - t.start[i];
            if (len < 3 || len > 6) return i + 1;
            switch (t.text.charAt(t.start[i])) {
                case 'u':
                    if (t.isWord(i, "use") && !t.isPunct(i + 1, '<')) return use(i);
                    return i + 1;
                case 'e':
                    if (t.isWord(i, "extern") && t.isWord(i + 1, "crate") && t.isIdent(i + 2)) return externCrate(i);
                    return i + 1;
                case 'm':
                    if (t.isWord(i, "mod")) return mod(i);
                    return i + 1;
                case 'p':
                    if (t.isWord(i, "pub") && t.isPunct(i + 1, '(') && t.is(i + 2, RustLexer.IDENT)
                            && VISIBILITY.contains(t.name(i + 2))) {
                        int j = i + 2;
                        while (j < t.count && !t.isPunct(j, ')')) j++;
                        return j + 1;
                    }
                    return i + 1;
                default:
                    return i + 1;
            }
        }

        /** {@code mod name;} or {@code mod name { ... }} at {@code i}. */
        private int mod(int i) {
            if (!t.isIdent(i + 1)) return i + 1;
            String name = t.name(i + 1);
            if (t.isPunct(i + 2, ';')) {
                mods.add(new ModDecl(name, inline, false));
                return i + 3;
            }
            if (t.isPunct(i + 2, '{')) {
                mods.add(new ModDecl(name, inline, true));
                inlineNames.add(name);
                inlineDepths.add(depth + 1);
                inline = List.copyOf(inlineNames);
                return i + 2;          // the brace itself is counted by the loop
            }
            return i + 1;
        }

        /** Whether the identifier at {@code i} begins a path of two or more segments. */
        private boolean startsPath(int i) {
            if (!t.is(i + 1, RustLexer.PATH_SEP)) return false;
            if (t.isPunct(i - 1, '.') || t.isPunct(i - 1, '$') || t.is(i - 1, RustLexer.PATH_SEP)) return false;
            return t.isIdent(i + 2) || t.isPunct(i + 2, '<') || (t.isPunct(i + 2, '$') && t.isWord(i + 3, "crate"));
        }

        /** {@code ::} at {@code i} continues a path when what precedes it ends one ({@code x::}, {@code T>::}). */
        private boolean precededByPathEnd(int i) {
            if (t.isIdent(i - 1)) return t.kind[i - 1] == RustLexer.RAW_IDENT || !KEYWORDS.contains(t.name(i - 1));
            return t.isPunct(i - 1, '>') || t.isPunct(i - 1, ')') || t.isPunct(i - 1, ']');
        }

        /** Reads a path starting at {@code i}; returns the index after it. */
        private int path(int i) {
            List<String> segs = new ArrayList<>();
            boolean global = false;
            int j = i;
            if (t.is(j, RustLexer.PATH_SEP)) {
                global = true;
                consumed[j] = true;
                j++;
            }
            int last = j;
            if (t.isPunct(j, '$')) {
                segs.add("crate");
                consumed[j] = true;
                consumed[j + 1] = true;
                last = j + 1;
                j += 2;
            } else {
                segs.add(t.name(j));
                consumed[j] = true;
                last = j;
                j++;
            }
            while (t.is(j, RustLexer.PATH_SEP)) {
                if (t.isIdent(j + 1)) {
                    consumed[j] = true;
                    consumed[j + 1] = true;
                    segs.add(t.name(j + 1));
                    last = j + 1;
                    j += 2;
                } else if (t.isPunct(j + 1, '<')) {
                    consumed[j] = true;
                    int close = closingAngle(j + 1);
                    if (close < 0 || !t.is(close + 1, RustLexer.PATH_SEP) || !t.isIdent(close + 2)) break;
                    // the generic arguments are read as code of their own; the path goes on after them
                    consumed[close + 1] = true;
                    consumed[close + 2] = true;
                    segs.add(t.name(close + 2));
                    last = close + 2;
                    j = close + 3;
                    record(segs, global, i, last);
                    return continueAfter(i, segs, global, j);
                } else {
                    break;
                }
            }
            record(segs, global, i, last);
            return i + 1;
        }

        /** After a turbofish segment, the path may go on ({@code a::<T>::b::c}); the record is replaced as it grows. */
        private int continueAfter(int start, List<String> segs, boolean global, int j) {
            int last = j - 1;
            while (t.is(j, RustLexer.PATH_SEP) && t.isIdent(j + 1)) {
                consumed[j] = true;
                consumed[j + 1] = true;
                segs.add(t.name(j + 1));
                last = j + 1;
                j += 2;
            }
            paths.set(paths.size() - 1, pathRef(segs, global, start, last));
            return start + 1;
        }

        private void record(List<String> segs, boolean global, int first, int last) {
            if (segs.size() < 2 && !global) return;
            paths.add(pathRef(segs, global, first, last));
        }

        private PathRef pathRef(List<String> segs, boolean global, int first, int last) {
            return new PathRef(List.copyOf(segs), global, Origin.PATH, null, false, inline, t.start[first], t.end[last]);
        }

        /** The {@code >} closing the {@code <} at {@code open}, or -1 (stops at {@code ;}, braces, or after 512 tokens). */
        private int closingAngle(int open) {
            int d = 0;
            for (int j = open; j < t.count && j < open + 512; j++) {
                if (t.kind[j] != RustLexer.PUNCT) continue;
                char c = t.text.charAt(t.start[j]);
                if (c == '<') {
                    d++;
                } else if (c == '>') {
                    if (--d == 0) return j;
                } else if (c == ';' || c == '{' || c == '}') {
                    return -1;
                }
            }
            return -1;
        }

        /** {@code use <tree>;} at {@code i}: every import of the tree, with the whole declaration as evidence. */
        private int use(int i) {
            RustUseTree.Result r = RustUseTree.expand(t, i + 1);
            int end = Math.max(i, r.end() - 1);
            while (end > i && t.isPunct(end, ';')) end--;
            for (RustUseTree.Import imp : r.imports()) {
                paths.add(new PathRef(imp.segments(), imp.global(), Origin.USE, imp.binding(), imp.glob(), inline,
                        t.start[i], t.end[end]));
            }
            return Math.max(r.end(), i + 1);
        }

        /** {@code extern crate m [as n];} at {@code i}. */
        private int externCrate(int i) {
            String name = t.name(i + 2);
            int last = i + 2;
            String binding = name;
            if (t.isWord(i + 3, "as") && t.isIdent(i + 4)) {
                binding = t.name(i + 4);
                if (binding.equals("_")) binding = null;
                last = i + 4;
            }
            paths.add(new PathRef(List.of(name), false, Origin.EXTERN_CRATE, binding, false, inline,
                    t.start[i], t.end[last]));
            return last + 1;
        }
    }
}
