package org.hielements.library.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    static final PythonSource EMPTY = new PythonSource(List.of(), List.of(), Set.of(), 0, Uses.NONE);

    /** A chain follows a {@code .} of something that is not a name ({@code f().x}, {@code "s".join}). */
    static final byte ATTRIBUTE = 1;
    /** A chain is followed by {@code (}. */
    static final byte CALLED = 2;
    /** A chain is followed by {@code =} (assigned, or a keyword argument). */
    static final byte ASSIGNED = 4;

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
    private final Set<String> topLevelNames;
    private final int length;
    private volatile Uses uses;

    private PythonSource(List<Import> imports, List<Definition> definitions, Set<String> topLevelNames, int length,
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
        return topLevelNames;
    }

    /**
     * The references of the file, read from {@code text} (the text these facts were read from) the first time a
     * check needs them and kept with the facts: a run whose checks only look at imports never builds them.
     */
    Uses uses(String text) {
        Uses u = uses;
        if (u != null) return u;
        if (text.length() != length) return new Reader(PythonTokens.of(text), true).read().uses;   // not ours
        u = new Reader(PythonTokens.of(text), true).read().uses;
        uses = u;
        return u;
    }

    /**
     * The references of a file: every chain of names joined by {@code .} that is code ({@code json.dumps},
     * {@code self.logger.info}), with its start and whether it follows a {@code .} of something that is not a name
     * ({@link #ATTRIBUTE}), is called ({@link #CALLED}) or assigned ({@link #ASSIGNED}).
     */
    static final class Uses {
        static final Uses NONE = new Uses(new String[0], new int[0], new byte[0]);

        private final String[] texts;
        private final int[] starts;
        private final byte[] flags;

        Uses(String[] texts, int[] starts, byte[] flags) {
            this.texts = texts;
            this.starts = starts;
            this.flags = flags;
        }

        int count() {
            return texts.length;
        }

        String text(int i) {
            return texts[i];
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
            for (int i = 0; i < texts.length; i++) {
                String c = texts[i];
                for (int at = c.indexOf(target); at >= 0; at = c.indexOf(target, at + 1)) {
                    int end = at + target.length();
                    if (at > 0 && c.charAt(at - 1) != '.') continue;
                    if (end < c.length() && c.charAt(end) != '.') continue;
                    if (end < c.length() || (flags[i] & CALLED) != 0) return true;
                }
            }
            return false;
        }

        /** Whether a chain ends with {@code target} (dotted names, at a name boundary) and is called. */
        boolean calls(String target) {
            if (!dottedName(target)) return false;
            for (int i = 0; i < texts.length; i++) {
                if ((flags[i] & CALLED) == 0) continue;
                String c = texts[i];
                if (c.endsWith(target) && (c.length() == target.length()
                        || c.charAt(c.length() - target.length() - 1) == '.')) {
                    return true;
                }
            }
            return false;
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

    /** Reads the facts of one file's text (its references later, on demand: {@link #uses}). Never throws. */
    static PythonSource read(String text) {
        return new Reader(PythonTokens.of(text), false).read();
    }

    private static final class Reader {
        private final PythonTokens t;
        private final boolean[] binding;
        private final List<Import> imports = new ArrayList<>();
        private final List<Definition> definitions = new ArrayList<>();
        private final Set<String> topLevel = new LinkedHashSet<>();
        private final boolean withUses;

        Reader(PythonTokens t, boolean withUses) {
            this.t = t;
            this.binding = new boolean[t.size()];
            this.withUses = withUses;
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
            return new PythonSource(List.copyOf(imports), List.copyOf(definitions), Set.copyOf(topLevel),
                    t.text.length(), withUses ? chains() : null);
        }

        /** {@code x = ...} or {@code x: T = ...} at column 0. */
        private void topLevelAssignment(int i) {
            if (t.kind(i) == PythonTokens.NAME && (t.isOp(i + 1, "=") || t.isOp(i + 1, ":"))) topLevel.add(t.text(i));
        }

        /** The statement or clause a keyword at {@code i} starts; returns the index of the last token it took. */
        private int keyword(int i, int prev) {
            boolean statementStart = prev < 0 || t.kind(prev) == PythonTokens.NEWLINE || t.isOp(prev, ";")
                    || (t.isOp(prev, ":") && t.depth(prev) == 0);
            if (statementStart && t.isName(i, "import")) return importStatement(i);
            if (statementStart && t.isName(i, "from")) {
                int last = fromStatement(i);
                if (last >= 0) return last;
            }
            if (t.isName(i, "def")) definition(i, false);
            else if (t.isName(i, "class")) definition(i, true);
            else if (t.isName(i, "lambda")) lambdaParameters(i);
            else if (t.isName(i, "as") || t.isName(i, "global") || t.isName(i, "nonlocal")) {
                for (int j = i + 1; t.isKind(j, PythonTokens.NAME); j += 2) {
                    if (t.isOp(j + 1, ".") || t.isOp(j + 1, "[")) break;   // `as self.x`: a use of self
                    binding[j] = true;
                    if (t.isName(i, "as") || !t.isOp(j + 1, ",")) break;
                }
            }
            return i;
        }

        /** {@code import a.b as x, c}: returns the index of its last token. */
        private int importStatement(int at) {
            List<Alias> names = new ArrayList<>();
            int j = at + 1;
            int last = at;
            while (t.isIdentifier(j)) {
                StringBuilder name = new StringBuilder(t.text(j));
                last = j;
                j++;
                while (t.isOp(j, ".") && t.isKind(j + 1, PythonTokens.NAME)) {
                    name.append('.').append(t.text(j + 1));
                    last = j + 1;
                    j += 2;
                }
                String as = null;
                if (t.isName(j, "as") && t.isKind(j + 1, PythonTokens.NAME)) {
                    as = t.text(j + 1);
                    last = j + 1;
                    j += 2;
                }
                names.add(new Alias(name.toString(), as));
                if (!t.isOp(j, ",")) break;
                j++;
            }
            markBinding(at, last);
            if (!names.isEmpty()) imports.add(new Import(t.start(at), t.end(last), false, 0, null, names, false));
            return last;
        }

        /** {@code from ..m import a as b, (c, d), *}: the index of its last token, or -1 when it is none. */
        private int fromStatement(int at) {
            int j = at + 1;
            int level = 0;
            while (t.isOp(j, ".") || t.isOp(j, "...")) {
                level += t.end(j) - t.start(j);
                j++;
            }
            String module = null;
            if (t.isKind(j, PythonTokens.NAME) && !t.isName(j, "import")) {
                StringBuilder m = new StringBuilder(t.text(j));
                j++;
                while (t.isOp(j, ".") && t.isKind(j + 1, PythonTokens.NAME)) {
                    m.append('.').append(t.text(j + 1));
                    j += 2;
                }
                module = m.toString();
            }
            if (!t.isName(j, "import") || (module == null && level == 0)) return -1;
            int last = j;
            j++;
            List<Alias> names = new ArrayList<>();
            boolean star = false;
            if (t.isOp(j, "*")) {
                star = true;
                last = j;
            } else {
                boolean paren = t.isOp(j, "(");
                if (paren) {
                    last = j;
                    j++;
                }
                while (t.isIdentifier(j)) {
                    String name = t.text(j);
                    last = j;
                    j++;
                    String as = null;
                    if (t.isName(j, "as") && t.isKind(j + 1, PythonTokens.NAME)) {
                        as = t.text(j + 1);
                        last = j + 1;
                        j += 2;
                    }
                    names.add(new Alias(name, as));
                    if (!t.isOp(j, ",")) break;
                    last = j;
                    j++;
                }
                if (paren && t.isOp(j, ")")) last = j;
            }
            markBinding(at, last);
            imports.add(new Import(t.start(at), t.end(last), true, level, module, names, star));
            return last;
        }

        private void markBinding(int from, int to) {
            for (int k = from; k <= to; k++) binding[k] = true;
        }

        /** {@code [async] def name(params) -> annotation:} or {@code class Name(...):}. */
        private void definition(int at, boolean isClass) {
            int nameAt = at + 1;
            if (!t.isKind(nameAt, PythonTokens.NAME) || t.group(nameAt) != 0) return;
            binding[nameAt] = true;
            int first = !isClass && t.isName(at - 1, "async") && t.group(at - 1) == 0 ? at - 1 : at;
            boolean topLevel = t.has(first, PythonTokens.COLUMN0);
            String name = t.text(nameAt);
            int j = nameAt + 1;
            if (isClass) {
                if (!t.isOp(j, ":") && !t.isOp(j, "(") && !t.isOp(j, "[")) return;
                int end = headerEnd(j);
                definitions.add(new Definition(true, name, topLevel, t.start(first), t.end(end), List.of()));
                if (topLevel) this.topLevel.add(name);
                return;
            }
            if (t.isOp(j, "[")) j = matching(j) + 1;     // def f[T](...) (3.12)
            if (!t.isOp(j, "(")) return;
            int close = parameters(j);
            List<String> returns = List.of();
            int end = close;
            if (t.isOp(close + 1, "->")) {
                List<String> ann = new ArrayList<>();
                int k = close + 2;
                int d = 0;
                while (k < t.size() && t.group(k) == 0 && t.kind(k) != PythonTokens.NEWLINE
                        && !(d == 0 && t.isOp(k, ":"))) {
                    if (t.isOpening(k)) d++;
                    if (t.isClosing(k)) d--;
                    annotationToken(k, ann);
                    k++;
                }
                while (k < t.size() && t.group(k) != 0) k++;
                returns = List.copyOf(ann);
                end = k < t.size() && t.isOp(k, ":") ? k : k - 1;
            } else if (t.isOp(close + 1, ":")) {
                end = close + 1;
            }
            definitions.add(new Definition(false, name, topLevel, t.start(first), t.end(Math.max(end, nameAt)),
                    returns));
            if (topLevel) this.topLevel.add(name);
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
                else if (d <= 0 && t.isOp(k, ":")) return k;
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
                        && (t.isOp(k + 1, ",") || t.isOp(k + 1, ")") || t.isOp(k + 1, ":") || t.isOp(k + 1, "="))) {
                    binding[k] = true;
                }
            }
            return close;
        }

        /** After {@code (} or {@code ,}, or after a {@code *}/{@code **} marker that itself follows one. */
        private boolean parameterBefore(int k, int open) {
            if (k - 1 == open || t.isOp(k - 1, ",")) return true;
            return (t.isOp(k - 1, "*") || t.isOp(k - 1, "**")) && (k - 2 == open || t.isOp(k - 2, ","));
        }

        /** {@code lambda a, b=1, *c: ...}: marks the parameter names. */
        private void lambdaParameters(int at) {
            int g = t.group(at);
            for (int k = at + 1; k < t.size() && t.group(k) == g && !t.isOp(k, ":"); k++) {
                boolean marker = (t.isOp(k - 1, "*") || t.isOp(k - 1, "**")) && (k - 2 == at || t.isOp(k - 2, ","));
                if (t.kind(k) == PythonTokens.NAME && (k - 1 == at || t.isOp(k - 1, ",") || marker)) {
                    binding[k] = true;
                }
                if (t.kind(k) == PythonTokens.NEWLINE) break;
            }
        }

        /** Every chain of names joined by {@code .} that is code, not a binding. */
        private String[] chainTexts;
        private int[] chainStarts;
        private byte[] chainFlags;
        private int chainCount;
        private Map<String, String> interned;
        private boolean[] inChain;

        private Uses chains() {
            chainTexts = new String[16];
            chainStarts = new int[16];
            chainFlags = new byte[16];
            interned = new HashMap<>();
            inChain = new boolean[t.size()];
            for (int i = 0; i < t.size(); i++) {
                if (t.isIdentifier(i) && !binding[i] && !inChain[i]) chain(i);
            }
            int n = chainCount;
            return new Uses(Arrays.copyOf(chainTexts, n), Arrays.copyOf(chainStarts, n), Arrays.copyOf(chainFlags, n));
        }

        /** The chain that starts with the name at {@code i}. */
        private void chain(int i) {
            int g = t.group(i);
            byte f = 0;
            if (i > 0 && t.group(i - 1) == g && t.isOp(i - 1, ".")) f |= ATTRIBUTE;
            int j = i;
            int length = t.end(i) - t.start(i);
            while (j + 2 < t.size() && t.group(j + 1) == g && t.group(j + 2) == g && t.isOp(j + 1, ".")
                    && t.kind(j + 2) == PythonTokens.NAME) {
                j += 2;
                length += 1 + t.end(j) - t.start(j);
                inChain[j] = true;
            }
            String s;
            if (t.end(j) - t.start(i) == length) {
                s = t.text.substring(t.start(i), t.end(j));      // written without spaces: one piece
            } else {
                StringBuilder chain = new StringBuilder(t.text(i));
                for (int k = i + 2; k <= j; k += 2) chain.append('.').append(t.text(k));
                s = chain.toString();
            }
            if (j + 1 < t.size() && t.group(j + 1) == g) {
                if (t.isOp(j + 1, "(")) f |= CALLED;
                else if (t.isOp(j + 1, "=") && (g == 0 || (j + 2 < t.size() && t.group(j + 2) == g))) {
                    f |= ASSIGNED;      // not f"{x=}", which shows x
                }
            }
            if (chainCount == chainTexts.length) {
                int cap = chainCount * 2;
                chainTexts = Arrays.copyOf(chainTexts, cap);
                chainStarts = Arrays.copyOf(chainStarts, cap);
                chainFlags = Arrays.copyOf(chainFlags, cap);
            }
            String known = interned.putIfAbsent(s, s);
            chainTexts[chainCount] = known != null ? known : s;
            chainStarts[chainCount] = t.start(i);
            chainFlags[chainCount] = f;
            chainCount++;
        }
    }
}
