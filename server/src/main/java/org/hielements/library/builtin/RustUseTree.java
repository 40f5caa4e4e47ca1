package org.hielements.library.builtin;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands the tree of one {@code use} declaration into the paths it imports: {@code use crate::{pathutil::x, y as z,
 * w::{self, *}};} gives {@code crate::pathutil::x} (bound as {@code x}), {@code crate::y} (bound as {@code z}),
 * {@code crate::w} (bound as {@code w}) and the glob {@code crate::w::*}. A leading {@code ::} marks the path global.
 * {@code as _} binds nothing. A malformed tree gives what was read before the problem; nesting deeper than
 * {@link #MAX_DEPTH} stops the expansion. Never throws.
 */
final class RustUseTree {
    static final int MAX_DEPTH = 64;

    /**
     * One imported path.
     *
     * @param segments the path, {@code self} of a group resolved ({@code a::{self}} is {@code a})
     * @param global   written with a leading {@code ::}
     * @param binding  the name it binds in scope (the last segment or the {@code as} name); null for a glob or {@code _}
     * @param glob     {@code path::*}
     */
    record Import(List<String> segments, boolean global, String binding, boolean glob) {
    }

    private final RustLexer.Tokens t;
    private final List<Import> out = new ArrayList<>();
    private boolean global;

    private RustUseTree(RustLexer.Tokens t) {
        this.t = t;
    }

    /** The expansion of the tree starting at token {@code from} (just after {@code use}) and where it stopped. */
    record Result(List<Import> imports, int end) {
    }

    static Result expand(RustLexer.Tokens t, int from) {
        RustUseTree u = new RustUseTree(t);
        int j = from;
        if (t.is(j, RustLexer.PATH_SEP)) {
            u.global = true;
            j++;
        }
        j = u.tree(j, List.of(), 0);
        return new Result(u.out, j);
    }

    /** One tree under {@code prefix}; returns the index after it. */
    private int tree(int j, List<String> prefix, int depth) {
        if (depth > MAX_DEPTH) return j;
        if (t.isPunct(j, '{')) return group(j, prefix, depth + 1);
        if (t.isPunct(j, '*')) {
            if (!prefix.isEmpty()) out.add(new Import(prefix, global, null, true));
            return j + 1;
        }
        List<String> segs = new ArrayList<>(prefix);
        while (true) {
            String seg = segment(j);
            if (seg == null) break;
            j += seg.equals("crate") && t.isPunct(j, '$') ? 2 : 1;
            segs.add(seg);
            if (!t.is(j, RustLexer.PATH_SEP)) break;
            if (t.isPunct(j + 1, '{')) return group(j + 1, List.copyOf(segs), depth + 1);
            if (t.isPunct(j + 1, '*')) {
                out.add(new Import(List.copyOf(segs), global, null, true));
                return j + 2;
            }
            if (segment(j + 1) == null) return j + 1;
            j++;
        }
        if (segs.size() == prefix.size()) return j;          // nothing read
        String binding = segs.get(segs.size() - 1);
        if (binding.equals("self") && segs.size() > 1) {     // a::{self} is a
            segs.remove(segs.size() - 1);
            binding = segs.get(segs.size() - 1);
        }
        if (t.isWord(j, "as") && t.isIdent(j + 1)) {
            String alias = t.name(j + 1);
            binding = alias.equals("_") ? null : alias;
            j += 2;
        }
        out.add(new Import(List.copyOf(segs), global, binding, false));
        return j;
    }

    /** A {@code {...}} group at {@code j}; returns the index after its {@code }}. */
    private int group(int j, List<String> prefix, int depth) {
        j++;
        while (j < t.count && !t.isPunct(j, '}')) {
            if (t.isPunct(j, ';')) return j;               // broken tree: stop at the statement's end
            int next = tree(j, prefix, depth);
            j = next == j ? j + 1 : next;
            if (t.isPunct(j, ',')) j++;
        }
        return Math.min(j + 1, t.count);
    }

    /** The segment at {@code j} ({@code $crate} read as {@code crate}), or null when it is not one. */
    private String segment(int j) {
        if (t.isIdent(j)) return t.name(j);
        if (t.isPunct(j, '$') && t.isWord(j + 1, "crate")) return "crate";
        return null;
    }
}
