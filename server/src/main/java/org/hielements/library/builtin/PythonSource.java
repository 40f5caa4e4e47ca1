package org.hielements.library.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one Python file says, read from its tokens ({@link PythonTokens}) once and kept: its {@code import} and
 * {@code from ... import} statements wherever they are (module level, in functions, under {@code if TYPE_CHECKING:},
 * in {@code try}, after {@code ;} or {@code :} on one line), its {@code def} and {@code class} statements, its
 * module-level names, and its references: every dotted chain of names used as code ({@code json.dumps},
 * {@code self.logger.info}), never a name in a comment, a string or a docstring, never a name the file binds
 * ({@code def f}, a parameter, {@code as x}) or writes in an import statement.
 *
 * <p>Nothing here depends on where the file lies: relative imports are kept as written ({@link Import#level()}) and
 * resolved per run against the file's module name ({@link PythonProject}), so a file's facts can be kept across runs
 * for as long as its text is the same ({@link PythonSources}).
 */
final class PythonSource {
    /** A file that could not be read: no facts. */
    static final PythonSource EMPTY = new PythonSource(List.of(), List.of(), new String[0], 0, Uses.NONE);

    /** A chain follows a {@code .} of something that is not a name ({@code f().x}, {@code "s".join}). */
    static final byte ATTRIBUTE = 1;
    /** A chain is followed by {@code (}. */
    static final byte CALLED = 2;
    /** A chain is followed by {@code =} (assigned, or a keyword argument). */
    static final byte ASSIGNED = 4;

    /** Token marks of the reader: a name the file binds; a name inside a chain already read. */
    private static final byte BINDING = PythonTokens.MARK1;
    private static final byte IN_CHAIN = PythonTokens.MARK2;

    /** {@code name} or {@code name as asName} of an import statement ({@code asName} null when absent). */
    record Alias(String name, String asName) {
    }

    /**
     * One import statement, as written: {@code import a.b as x, c} ({@code from} false, {@code level} 0,
     * {@code module} null), {@code from ..ctx import Y} ({@code level} 2, {@code module} "ctx"), {@code from . import
     * x} ({@code module} null), {@code from m import *} ({@code star}). {@code start} and {@code end} span the
     * statement from its keyword to its last token.
     */
    record Import(int start, int end, boolean from, int level, String module, List<Alias> names, boolean star) {
    }

    /**
     * A {@code def} or {@code class} statement: its name, whether it is at module level, where it starts (its
     * {@code async}, {@code def} or {@code class}) and where its header ends (its {@code :}); for a function, the
     * tokens of its return annotation (empty when it has none; the content of a string annotation is read as
     * tokens too, {@code -> "User"} being the type {@code User}).
     */
    record Definition(boolean isClass, String name, boolean topLevel, int start, int end, List<String> returns) {
    }

    private final List<Import> imports;
    private final List<Definition> definitions;
    /** Names defined at module level, in the order of the text (a name may repeat). */
    private final String[] topLevelNames;
    private final int length;
    private final Uses uses;

    private PythonSource(List<Import> imports, List<Definition> definitions, String[] topLevelNames, int length,
            Uses uses) {
        this.imports = imports;
        this.definitions = definitions;
        this.topLevelNames = topLevelNames;
        this.length = length;
        this.uses = uses;
    }

    List<Import> imports() {
        return imports;
    }

    List<Definition> definitions() {
        return definitions;
    }

    /** Names a module-level statement defines: {@code def}, {@code class}, {@code x = ...}, {@code x: T = ...}. */
    Set<String> topLevelNames() {
        return new LinkedHashSet<>(Arrays.asList(topLevelNames));
    }

    /** The references of the file (read with its other facts, in the same pass over its tokens). */
    Uses uses() {
        return uses;
    }

    /**
     * The references of the file whose text is {@code text}: those read with the facts when it is the text they were
     * read from (same length), else read now.
     */
    Uses uses(String text) {
        if (text.length() == length) return uses;
        return new Reader(PythonTokens.reading(text)).read().uses;
    }

    /**
     * The references of a file: every chain of names joined by {@code .} that is code ({@code json.dumps},
     * {@code self.logger.info}), with its start and whether it follows a {@code .} of something that is not a name
     * ({@link #ATTRIBUTE}), is called ({@link #CALLED}) or assigned ({@link #ASSIGNED}).
     *
     * <p>A chain is kept as its span in the file's text (which these references hold), and as a string only when it
     * is written with spaces or line breaks between its names ({@code a . b}): a few bytes per reference.
     */
    static final class Uses {
        static final Uses NONE = new Uses("", new int[0], new int[0], new byte[0], null);

        private final String source;
        private final int[] starts;
        private final int[] ends;
        private final byte[] flags;
        /** Null, or per chain its names joined by single dots when they are not written so (else null). */
        private final String[] spelled;

        Uses(String source, int[] starts, int[] ends, byte[] flags, String[] spelled) {
            this.source = source;
            this.starts = starts;
            this.ends = ends;
            this.flags = flags;
            this.spelled = spelled;
        }

        int count() {
            return starts.length;
        }

        String text(int i) {
            if (spelled != null && spelled[i] != null) return spelled[i];
            return source.substring(starts[i], ends[i]);
        }

        int start(int i) {
            return starts[i];
        }

        boolean has(int i, byte flag) {
            return (flags[i] & flag) != 0;
        }

        /**
         * Whether a chain uses {@code target} (dotted names) as a call or an object: it appears in a chain at name
         * boundaries (anywhere: {@code self.logger.info} uses {@code logger}) followed by {@code .} or, at the
         * chain's end, by {@code (}.
         */
        boolean usesAsCallOrObject(String target) {
            if (!dottedName(target)) return false;
            boolean inText = source.indexOf(target) >= 0;      // else only a chain written with spaces can hold it
            if (!inText && spelled == null) return false;
            for (int i = 0; i < starts.length; i++) {
                if (spelled != null && spelled[i] != null) {
                    if (usesIn(spelled[i], 0, spelled[i].length(), target, flags[i])) return true;
                } else if (inText && usesIn(source, starts[i], ends[i], target, flags[i])) {
                    return true;
                }
            }
            return false;
        }

        private static boolean usesIn(String c, int s, int e, String target, byte f) {
            int len = target.length();
            char first = target.charAt(0);
            for (int at = s; at + len <= e; at++) {
                if (c.charAt(at) != first || !c.startsWith(target, at)) continue;
                int end = at + len;
                if (at > s && c.charAt(at - 1) != '.') continue;
                if (end < e && c.charAt(end) != '.') continue;
                if (end < e || (f & CALLED) != 0) return true;
            }
            return false;
        }

        /** Whether a chain ends with {@code target} (dotted names, at a name boundary) and is called. */
        boolean calls(String target) {
            if (!dottedName(target)) return false;
            boolean inText = source.indexOf(target) >= 0;
            if (!inText && spelled == null) return false;
            for (int i = 0; i < starts.length; i++) {
                if ((flags[i] & CALLED) == 0) continue;
                if (spelled != null && spelled[i] != null) {
                    if (endsWithName(spelled[i], 0, spelled[i].length(), target)) return true;
                } else if (inText && endsWithName(source, starts[i], ends[i], target)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean endsWithName(String c, int s, int e, String target) {
            int len = target.length();
            return e - s >= len && c.startsWith(target, e - len) && (e - s == len || c.charAt(e - len - 1) == '.');
        }
    }

    /** Names joined by single dots ({@code a}, {@code a.b}): what a chain can hold. */
    static boolean dottedName(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || "()[]{},;:'\"#=".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** Whether {@code type}'s tokens appear, in a row, among those of the return annotation of {@code d}. */
    static boolean returns(Definition d, List<String> type) {
        List<String> ann = d.returns();
        if (ann.isEmpty()) return false;
        for (int at = 0; at + type.size() <= ann.size(); at++) {
            if (ann.subList(at, at + type.size()).equals(type)) return true;
        }
        return false;
    }

    /** The tokens of a type name as written in a check ({@code 'Optional[dict]'}: Optional, [, dict, ]). */
    static List<String> typeTokens(String type) {
        PythonTokens t = PythonTokens.of(type);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.kind(i) != PythonTokens.NEWLINE) out.add(t.text(i));
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    /** Reads the facts of one file's text, its references included. Never throws. */
    static PythonSource read(String text) {
        return new Reader(PythonTokens.reading(text)).read();
    }

    private static final class Reader {
        private final PythonTokens t;
        private final List<Import> imports = new ArrayList<>();
        private final List<Definition> definitions = new ArrayList<>();
        private String[] topLevelNames = new String[8];
        private int topLevelCount;
        /** The names of the import statement being read (copied into its {@link Import}). */
        private final List<Alias> aliases = new ArrayList<>();

        Reader(PythonTokens t) {
            this.t = t;
        }

        PythonSource read() {
            int prev = -1;
            int i = 0;
            while (i < t.size()) {
                if (t.group(i) != 0) {
                    i++;
                } else if (!t.has(i, PythonTokens.KEYWORD)) {
                    if (t.has(i, PythonTokens.COLUMN0)) topLevelAssignment(i);
                    prev = i++;
                } else {
                    int last = keyword(i, prev);
                    prev = last;
                    i = last + 1;
                }
            }
            return new PythonSource(List.copyOf(imports), List.copyOf(definitions),
                    Arrays.copyOf(topLevelNames, topLevelCount), t.text.length(), chains());
        }

        /** {@code x = ...} or {@code x: T = ...} at column 0. */
        private void topLevelAssignment(int i) {
            if (t.kind(i) == PythonTokens.NAME && (t.isOp(i + 1, '=') || t.isOp(i + 1, ':'))) addTopLevel(t.text(i));
        }

        private void addTopLevel(String name) {
            if (topLevelCount == topLevelNames.length) topLevelNames = Arrays.copyOf(topLevelNames, topLevelCount * 2);
            topLevelNames[topLevelCount++] = name;
        }

        /** The statement or clause a keyword at {@code i} starts; returns the index of the last token it took. */
        private int keyword(int i, int prev) {
            int k = t.code(i);
            if (k == PythonTokens.K_IMPORT) {
                if (statementStart(prev)) return importStatement(i);
            } else if (k == PythonTokens.K_FROM) {
                int last = statementStart(prev) ? fromStatement(i) : -1;
                if (last >= 0) return last;
            } else if (k == PythonTokens.K_DEF) {
                definition(i, false);
            } else if (k == PythonTokens.K_CLASS) {
                definition(i, true);
            } else if (k == PythonTokens.K_LAMBDA) {
                lambdaParameters(i);
            } else if (k == PythonTokens.K_AS || k == PythonTokens.K_GLOBAL || k == PythonTokens.K_NONLOCAL) {
                boundNames(i, k == PythonTokens.K_AS);
            }
            return i;
        }

        /** Whether a token after {@code prev} starts a statement: the file's first, or after a line end, ; or :. */
        private boolean statementStart(int prev) {
            return prev < 0 || t.kind(prev) == PythonTokens.NEWLINE || t.isOp(prev, ';')
                    || (t.isOp(prev, ':') && t.depth(prev) == 0);
        }

        /** The names after {@code as} (one), {@code global} or {@code nonlocal} (a list) at {@code i}: bindings. */
        private void boundNames(int i, boolean as) {
            for (int j = i + 1; t.isKind(j, PythonTokens.NAME); j += 2) {
                if (t.isOp(j + 1, '.') || t.isOp(j + 1, '[')) break;   // `as self.x`: a use of self
                t.mark(j, BINDING);
                if (as || !t.isOp(j + 1, ',')) break;
            }
        }

        /** {@code import a.b as x, c}: returns the index of its last token. */
        private int importStatement(int at) {
            List<Alias> names = aliases;
            names.clear();
            int j = at + 1;
            int last = at;
            while (t.isIdentifier(j)) {
                int first = j;
                last = dottedEnd(j);
                String name = dotted(first, last);
                j = last + 1;
                String as = null;
                if (t.isKeyword(j, PythonTokens.K_AS) && t.isKind(j + 1, PythonTokens.NAME)) {
                    as = t.text(j + 1);
                    last = j + 1;
                    j += 2;
                }
                names.add(new Alias(name, as));
                if (!t.isOp(j, ',')) break;
                j++;
            }
            markBinding(at, last);
            if (!names.isEmpty()) imports.add(new Import(t.start(at), t.end(last), false, 0, null, List.copyOf(names), false));
            return last;
        }

        /** {@code from ..m import a as b, (c, d), *}: the index of its last token, or -1 when it is none. */
        private int fromStatement(int at) {
            int j = at + 1;
            int level = 0;
            while (t.isOp(j, '.') || t.isOp(j, PythonTokens.ELLIPSIS)) {
                level += t.end(j) - t.start(j);
                j++;
            }
            String module = null;
            if (t.isKind(j, PythonTokens.NAME) && !t.isKeyword(j, PythonTokens.K_IMPORT)) {
                int first = j;
                j = dottedEnd(j);
                module = dotted(first, j);
                j++;
            }
            if (!t.isKeyword(j, PythonTokens.K_IMPORT) || (module == null && level == 0)) return -1;
            int last = j;
            j++;
            List<Alias> names = aliases;
            names.clear();
            boolean star = false;
            if (t.isOp(j, '*')) {
                star = true;
                last = j;
            } else {
                boolean paren = t.isOp(j, '(');
                if (paren) {
                    last = j;
                    j++;
                }
                while (t.isIdentifier(j)) {
                    String name = t.text(j);
                    last = j;
                    j++;
                    String as = null;
                    if (t.isKeyword(j, PythonTokens.K_AS) && t.isKind(j + 1, PythonTokens.NAME)) {
                        as = t.text(j + 1);
                        last = j + 1;
                        j += 2;
                    }
                    names.add(new Alias(name, as));
                    if (!t.isOp(j, ',')) break;
                    last = j;
                    j++;
                }
                if (paren && t.isOp(j, ')')) last = j;
            }
            markBinding(at, last);
            imports.add(new Import(t.start(at), t.end(last), true, level, module, List.copyOf(names), star));
            return last;
        }

        /** The last name of the dotted name that starts with the name at {@code first} ({@code a.b.c}: c). */
        private int dottedEnd(int first) {
            int j = first;
            while (t.isOp(j + 1, '.') && t.isKind(j + 2, PythonTokens.NAME)) j += 2;
            return j;
        }

        /** The names {@code first}, {@code first + 2}, ..., {@code last} joined by single dots. */
        private String dotted(int first, int last) {
            int length = (last - first) / 2;
            for (int k = first; k <= last; k += 2) length += t.end(k) - t.start(k);
            if (t.end(last) - t.start(first) == length) return t.text(first, last);   // written so
            return spelled(first, last);
        }

        /** As {@link #dotted}, for names written with spaces or line breaks around their dots. */
        private String spelled(int first, int last) {
            StringBuilder b = new StringBuilder(t.text(first));
            for (int k = first + 2; k <= last; k += 2) b.append('.').append(t.text(k));
            return b.toString();
        }

        private void markBinding(int from, int to) {
            for (int k = from; k <= to; k++) t.mark(k, BINDING);
        }

        /** {@code [async] def name(params) -> annotation:} or {@code class Name(...):}. */
        private void definition(int at, boolean isClass) {
            int nameAt = at + 1;
            if (!t.isKind(nameAt, PythonTokens.NAME) || t.group(nameAt) != 0) return;
            t.mark(nameAt, BINDING);
            int first = !isClass && t.isKeyword(at - 1, PythonTokens.K_ASYNC) && t.group(at - 1) == 0 ? at - 1 : at;
            boolean topLevel = t.has(first, PythonTokens.COLUMN0);
            String name = t.text(nameAt);
            int j = nameAt + 1;
            if (isClass) {
                if (!t.isOp(j, ':') && !t.isOp(j, '(') && !t.isOp(j, '[')) return;
                int end = headerEnd(j);
                definitions.add(new Definition(true, name, topLevel, t.start(first), t.end(end), List.of()));
                if (topLevel) addTopLevel(name);
                return;
            }
            if (t.isOp(j, '[')) j = matching(j) + 1;     // def f[T](...) (3.12)
            if (!t.isOp(j, '(')) return;
            int close = parameters(j);
            List<String> returns = List.of();
            int end = close;
            if (t.isOp(close + 1, PythonTokens.ARROW)) {
                List<String> ann = new ArrayList<>();
                int k = close + 2;
                int d = 0;
                while (k < t.size() && t.group(k) == 0 && t.kind(k) != PythonTokens.NEWLINE
                        && !(d == 0 && t.isOp(k, ':'))) {
                    if (t.isOpening(k)) d++;
                    if (t.isClosing(k)) d--;
                    annotationToken(k, ann);
                    k++;
                }
                while (k < t.size() && t.group(k) != 0) k++;
                returns = List.copyOf(ann);
                end = k < t.size() && t.isOp(k, ':') ? k : k - 1;
            } else if (t.isOp(close + 1, ':')) {
                end = close + 1;
            }
            definitions.add(new Definition(false, name, topLevel, t.start(first), t.end(Math.max(end, nameAt)),
                    returns));
            if (topLevel) addTopLevel(name);
        }

        private void annotationToken(int k, List<String> out) {
            if (t.group(k) != 0) return;
            if (t.kind(k) == PythonTokens.STRING) {
                String s = t.text(k);
                int q = 0;
                while (q < s.length() && s.charAt(q) != '\'' && s.charAt(q) != '"') q++;
                String prefix = s.substring(0, q).toLowerCase();
                if (prefix.isEmpty() || prefix.equals("u") || prefix.equals("r")) {
                    int quotes = s.startsWith("\"\"\"", q) || s.startsWith("'''", q) ? 3 : 1;
                    int endQuotes = s.length() - q >= 2 * quotes ? quotes : 0;
                    out.addAll(typeTokens(s.substring(q + quotes, Math.max(q + quotes, s.length() - endQuotes))));
                    return;
                }
            }
            out.add(t.text(k));
        }

        /** The index of the token closing the bracket at {@code open} (or the last token of the group). */
        private int matching(int open) {
            int d = 0;
            int k = open;
            for (; k < t.size(); k++) {
                if (t.group(k) != t.group(open)) continue;
                if (t.isOpening(k)) d++;
                else if (t.isClosing(k)) {
                    d--;
                    if (d == 0) return k;
                }
            }
            return k - 1;
        }

        /** The end of a header: its {@code :} at bracket depth 0 (or the last token before the line ends). */
        private int headerEnd(int from) {
            int d = 0;
            int k = from;
            for (; k < t.size(); k++) {
                if (t.group(k) != 0) continue;
                if (t.kind(k) == PythonTokens.NEWLINE) return k - 1;
                if (t.isOpening(k)) d++;
                else if (t.isClosing(k)) d--;
                else if (d <= 0 && t.isOp(k, ':')) return k;
            }
            return k - 1;
        }

        /** Marks the parameter names of {@code (...)} at {@code open} as bindings; returns the closing index. */
        private int parameters(int open) {
            int close = matching(open);
            int d = 0;
            for (int k = open + 1; k < close; k++) {
                if (t.group(k) != 0) continue;
                if (t.isOpening(k)) d++;
                else if (t.isClosing(k)) d--;
                else if (d == 0 && t.kind(k) == PythonTokens.NAME && parameterBefore(k, open)
                        && (t.isOp(k + 1, ',') || t.isOp(k + 1, ')') || t.isOp(k + 1, ':') || t.isOp(k + 1, '='))) {
                    t.mark(k, BINDING);
                }
            }
            return close;
        }

        /** After {@code (} or {@code ,}, or after a {@code *}/{@code **} marker that itself follows one. */
        private boolean parameterBefore(int k, int open) {
            if (k - 1 == open || t.isOp(k - 1, ',')) return true;
            return (t.isOp(k - 1, '*') || t.isOp(k - 1, PythonTokens.DOUBLE_STAR)) && (k - 2 == open || t.isOp(k - 2, ','));
        }

        /** {@code lambda a, b=1, *c: ...}: marks the parameter names. */
        private void lambdaParameters(int at) {
            int g = t.group(at);
            for (int k = at + 1; k < t.size() && t.group(k) == g && !t.isOp(k, ':'); k++) {
                boolean marker = (t.isOp(k - 1, '*') || t.isOp(k - 1, PythonTokens.DOUBLE_STAR)) && (k - 2 == at || t.isOp(k - 2, ','));
                if (t.kind(k) == PythonTokens.NAME && (k - 1 == at || t.isOp(k - 1, ',') || marker)) {
                    t.mark(k, BINDING);
                }
                if (t.kind(k) == PythonTokens.NEWLINE) break;
            }
        }

        /** Every chain of names joined by {@code .} that is code, not a binding. */
        private int[] chainStarts;
        private int[] chainEnds;
        private byte[] chainFlags;
        private String[] chainSpelled;
        private int chainCount;

        private Uses chains() {
            int cap = Math.max(16, t.size() / 4);
            chainStarts = new int[cap];
            chainEnds = new int[cap];
            chainFlags = new byte[cap];
            for (int i = 0; i < t.size(); i++) {
                if (t.isIdentifier(i) && !t.has(i, BINDING) && !t.has(i, IN_CHAIN)) chain(i);
            }
            int n = chainCount;
            return new Uses(t.text, Arrays.copyOf(chainStarts, n), Arrays.copyOf(chainEnds, n),
                    Arrays.copyOf(chainFlags, n), chainSpelled == null ? null : Arrays.copyOf(chainSpelled, n));
        }

        /** The chain that starts with the name at {@code i}. */
        private void chain(int i) {
            int g = t.group(i);
            byte f = 0;
            if (i > 0 && t.group(i - 1) == g && t.isOp(i - 1, '.')) f |= ATTRIBUTE;
            int j = i;
            int length = t.end(i) - t.start(i);
            while (j + 2 < t.size() && t.group(j + 1) == g && t.group(j + 2) == g && t.isOp(j + 1, '.')
                    && t.kind(j + 2) == PythonTokens.NAME) {
                j += 2;
                length += 1 + t.end(j) - t.start(j);
                t.mark(j, IN_CHAIN);
            }
            if (j + 1 < t.size() && t.group(j + 1) == g) {
                if (t.isOp(j + 1, '(')) f |= CALLED;
                else if (t.isOp(j + 1, '=') && (g == 0 || (j + 2 < t.size() && t.group(j + 2) == g))) {
                    f |= ASSIGNED;      // not f"{x=}", which shows x
                }
            }
            if (chainCount == chainStarts.length) {
                int cap = chainCount * 2;
                chainStarts = Arrays.copyOf(chainStarts, cap);
                chainEnds = Arrays.copyOf(chainEnds, cap);
                chainFlags = Arrays.copyOf(chainFlags, cap);
                if (chainSpelled != null) chainSpelled = Arrays.copyOf(chainSpelled, cap);
            }
            if (t.end(j) - t.start(i) != length) {         // written with spaces: spelled out
                if (chainSpelled == null) chainSpelled = new String[chainStarts.length];
                chainSpelled[chainCount] = spelled(i, j);
            }
            chainStarts[chainCount] = t.start(i);
            chainEnds[chainCount] = t.end(j);
            chainFlags[chainCount] = f;
            chainCount++;
        }
    }
}
