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
    static final PythonSource EMPTY = new PythonSource(List.of(), List.of(), Set.of(), new String[0], new int[0],
            new byte[0], 0);

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
    private final String[] chainTexts;
    private final int[] chainStarts;
    private final byte[] chainFlags;
    private final int chains;

    private PythonSource(List<Import> imports, List<Definition> definitions, Set<String> topLevelNames,
            String[] chainTexts, int[] chainStarts, byte[] chainFlags, int chains) {
        this.imports = imports;
        this.definitions = definitions;
        this.topLevelNames = topLevelNames;
        this.chainTexts = chainTexts;
        this.chainStarts = chainStarts;
        this.chainFlags = chainFlags;
        this.chains = chains;
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

    int chainCount() {
        return chains;
    }

    String chainText(int i) {
        return chainTexts[i];
    }

    int chainStart(int i) {
        return chainStarts[i];
    }

    boolean chainHas(int i, byte flag) {
        return (chainFlags[i] & flag) != 0;
    }

    /** A rough size in bytes, for the cross-run cache's bound. */
    long weight() {
        long w = 64L + imports.size() * 96L + definitions.size() * 96L + topLevelNames.size() * 48L
                + chains * 13L;
        for (String s : chainTexts) {
            if (s != null) w += 40L + s.length();
        }
        return w;
    }

    // ---------------------------------------------------------------- queries

    /**
     * Whether a chain uses {@code target} (dotted segments) as a call or an object: the segments appear in a chain
     * at segment boundaries (anywhere: {@code self.logger.info} uses {@code logger}) followed by {@code .} or, at the
     * chain's end, by {@code (}.
     */
    boolean usesAsCallOrObject(String[] target) {
        for (int i = 0; i < chains; i++) {
            String[] segs = segments(chainTexts[i]);
            for (int at = 0; at + target.length <= segs.length; at++) {
                if (!segmentsAt(segs, at, target)) continue;
                if (at + target.length < segs.length) return true;
                if ((chainFlags[i] & CALLED) != 0) return true;
            }
        }
        return false;
    }

    /** Whether a chain ends with {@code target} (dotted segments, at a segment boundary) and is called. */
    boolean calls(String[] target) {
        for (int i = 0; i < chains; i++) {
            if ((chainFlags[i] & CALLED) == 0) continue;
            String[] segs = segments(chainTexts[i]);
            int at = segs.length - target.length;
            if (at >= 0 && segmentsAt(segs, at, target)) return true;
        }
        return false;
    }

    static String[] segments(String dotted) {
        return dotted.split("\\.", -1);
    }

    private static boolean segmentsAt(String[] segs, int at, String[] target) {
        for (int k = 0; k < target.length; k++) {
            if (!segs[at + k].equals(target[k])) return false;
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

    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield");

    static boolean keyword(String name) {
        return KEYWORDS.contains(name);
    }

    /** Reads the facts of one file's text. Never throws. */
    static PythonSource read(String text) {
        return new Reader(PythonTokens.of(text)).read();
    }

    private static final class Reader {
        private final PythonTokens t;
        private final boolean[] binding;
        private final List<Import> imports = new ArrayList<>();
        private final List<Definition> definitions = new ArrayList<>();
        private final Set<String> topLevel = new LinkedHashSet<>();

        Reader(PythonTokens t) {
            this.t = t;
            this.binding = new boolean[t.size()];
        }

        PythonSource read() {
            int prev = -1;
            int i = 0;
            while (i < t.size()) {
                if (t.group(i) != 0) {
                    i++;
                    continue;
                }
                boolean statementStart = prev < 0 || t.kind(prev) == PythonTokens.NEWLINE || t.isOp(prev, ";")
                        || (t.isOp(prev, ":") && t.depth(prev) == 0);
                if (statementStart && t.isName(i, "import")) {
                    int last = importStatement(i);
                    prev = last;
                    i = last + 1;
                    continue;
                }
                if (statementStart && t.isName(i, "from")) {
                    int last = fromStatement(i);
                    if (last >= 0) {
                        prev = last;
                        i = last + 1;
                        continue;
                    }
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
                } else if (t.has(i, PythonTokens.COLUMN0) && t.kind(i) == PythonTokens.NAME
                        && !keyword(t.text(i)) && (t.isOp(i + 1, "=") || t.isOp(i + 1, ":"))) {
                    topLevel.add(t.text(i));
                }
                prev = i;
                i++;
            }
            return chains();
        }

        /** {@code import a.b as x, c}: returns the index of its last token. */
        private int importStatement(int at) {
            List<Alias> names = new ArrayList<>();
            int j = at + 1;
            int last = at;
            while (t.isKind(j, PythonTokens.NAME) && !keyword(t.text(j))) {
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
                while (t.isKind(j, PythonTokens.NAME) && !keyword(t.text(j))) {
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
                    if (t.isOp(k, "(") || t.isOp(k, "[") || t.isOp(k, "{")) d++;
                    if (t.isOp(k, ")") || t.isOp(k, "]") || t.isOp(k, "}")) d--;
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
                if (t.isOp(k, "(") || t.isOp(k, "[") || t.isOp(k, "{")) d++;
                else if (t.isOp(k, ")") || t.isOp(k, "]") || t.isOp(k, "}")) {
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
                if (t.isOp(k, "(") || t.isOp(k, "[") || t.isOp(k, "{")) d++;
                else if (t.isOp(k, ")") || t.isOp(k, "]") || t.isOp(k, "}")) d--;
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
                if (t.isOp(k, "(") || t.isOp(k, "[") || t.isOp(k, "{")) d++;
                else if (t.isOp(k, ")") || t.isOp(k, "]") || t.isOp(k, "}")) d--;
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
        private PythonSource chains() {
            int cap = 16;
            String[] texts = new String[cap];
            int[] starts = new int[cap];
            byte[] flags = new byte[cap];
            int count = 0;
            Map<String, String> interned = new HashMap<>();
            boolean[] inChain = new boolean[t.size()];
            for (int i = 0; i < t.size(); i++) {
                if (t.kind(i) != PythonTokens.NAME || binding[i] || inChain[i]) continue;
                String first = t.text(i);
                if (keyword(first)) continue;
                int g = t.group(i);
                byte f = 0;
                if (i > 0 && t.group(i - 1) == g && t.isOp(i - 1, ".")) f |= ATTRIBUTE;
                StringBuilder chain = new StringBuilder(first);
                int j = i;
                while (j + 2 < t.size() && t.group(j + 1) == g && t.group(j + 2) == g && t.isOp(j + 1, ".")
                        && t.kind(j + 2) == PythonTokens.NAME) {
                    chain.append('.').append(t.text(j + 2));
                    j += 2;
                    inChain[j] = true;
                }
                if (j + 1 < t.size() && t.group(j + 1) == g) {
                    if (t.isOp(j + 1, "(")) f |= CALLED;
                    else if (t.isOp(j + 1, "=") && (g == 0 || (j + 2 < t.size() && t.group(j + 2) == g))) {
                        f |= ASSIGNED;      // not f"{x=}", which shows x
                    }
                }
                if (count == cap) {
                    cap *= 2;
                    texts = Arrays.copyOf(texts, cap);
                    starts = Arrays.copyOf(starts, cap);
                    flags = Arrays.copyOf(flags, cap);
                }
                String s = chain.toString();
                texts[count] = interned.computeIfAbsent(s, k -> k);
                starts[count] = t.start(i);
                flags[count] = f;
                count++;
            }
            return new PythonSource(List.copyOf(imports), List.copyOf(definitions), Set.copyOf(topLevel),
                    Arrays.copyOf(texts, count), Arrays.copyOf(starts, count), Arrays.copyOf(flags, count), count);
        }
    }
}
