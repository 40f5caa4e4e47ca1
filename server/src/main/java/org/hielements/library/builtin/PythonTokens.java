package org.hielements.library.builtin;

import java.util.Arrays;

/**
 * The tokens of a Python source, read as Python's own tokenizer reads them, so that comments, strings and docstrings
 * are never taken for code. Names, numbers, strings (every quote form, triple-quoted included, with any prefix of
 * {@code r b u f t}, in any case and combination), operators and the ends of logical lines ({@link #NEWLINE}: a line
 * break outside brackets and not after a {@code \} continuation). Comments and white space give no token.
 *
 * <p>The replacement fields of f-strings and t-strings ({@code f"{json.dumps(x)}"}) are code: their tokens follow the
 * string's own token, each field in a group of its own ({@link #group}; 0 is the file's code), so that a reader never
 * joins a token of a field to one outside it. Nested quotes of Python 3.12 are read; a single-quoted string or field
 * that meets a line break ends there, so broken code costs one line, never the rest of the file.
 *
 * <p>Each operator and keyword token carries a code ({@link #code}): an operator of one character is that character,
 * a longer one {@link #opCode}, a hard keyword one of the {@code K_} constants; a reader compares codes, never text.
 *
 * <p>Positions are UTF-16 offsets into the text. Never throws; linear in the text. Shaped for a JVM that starts cold
 * (one {@code hielements check} compiles this code while it runs): the text is read from a {@code char[]}, the
 * tokens are stored in parallel arrays (a file of 10,000 tokens is a few small arrays, not 10,000 objects), and the
 * methods are small and free of strings and regular expressions.
 */
final class PythonTokens {
    static final byte NAME = 1;
    static final byte NUMBER = 2;
    static final byte STRING = 3;
    static final byte OP = 4;
    static final byte NEWLINE = 5;

    /** Flag: the first token of a logical line (group 0 only). */
    static final byte LINE_START = 1;
    /** Flag: the first token of a logical line, at column 0 (a module-level statement). */
    static final byte COLUMN0 = 2;
    /** Flag: a name that is a hard keyword ({@code import}, {@code def}, {@code None}, ...). */
    static final byte KEYWORD = 4;
    /** Flags a reader may set for its own use ({@link #mark}): the tokenizer never does. */
    static final byte MARK1 = 8;
    static final byte MARK2 = 16;

    /** The hard keywords of Python 3; a keyword's code is its index here plus one. */
    private static final String[] KEYWORDS = {"as", "if", "in", "is", "or", "and", "def", "del", "for", "not", "try",
        "None", "True", "elif", "else", "from", "pass", "with", "False", "async", "await", "break", "class", "raise",
        "while", "yield", "assert", "except", "global", "import", "lambda", "return", "finally", "continue",
        "nonlocal"};
    /** The keywords by first character (ASCII), with their codes. */
    private static final String[][] KEYWORDS_BY_FIRST = new String[128][];
    private static final int[][] CODES_BY_FIRST = new int[128][];

    static {
        for (int k = 0; k < KEYWORDS.length; k++) {
            char c = KEYWORDS[k].charAt(0);
            String[] ws = KEYWORDS_BY_FIRST[c] == null ? new String[0] : KEYWORDS_BY_FIRST[c];
            int[] cs = CODES_BY_FIRST[c] == null ? new int[0] : CODES_BY_FIRST[c];
            KEYWORDS_BY_FIRST[c] = Arrays.copyOf(ws, ws.length + 1);
            KEYWORDS_BY_FIRST[c][ws.length] = KEYWORDS[k];
            CODES_BY_FIRST[c] = Arrays.copyOf(cs, cs.length + 1);
            CODES_BY_FIRST[c][cs.length] = k + 1;
        }
    }

    static final int K_AS = keywordCode("as");
    static final int K_DEF = keywordCode("def");
    static final int K_FROM = keywordCode("from");
    static final int K_ASYNC = keywordCode("async");
    static final int K_CLASS = keywordCode("class");
    static final int K_GLOBAL = keywordCode("global");
    static final int K_IMPORT = keywordCode("import");
    static final int K_LAMBDA = keywordCode("lambda");
    static final int K_NONLOCAL = keywordCode("nonlocal");

    /** {@code ...} */
    static final int ELLIPSIS = opCode("...");
    /** {@code ->} */
    static final int ARROW = opCode("->");
    /** {@code **} */
    static final int DOUBLE_STAR = opCode("**");

    /** How deep f-string fields may nest before the rest of a string is read as plain text. */
    private static final int MAX_FIELD_NESTING = 32;

    /**
     * Token arrays this size or smaller are kept per thread and reused by the next {@link #reading} on the thread
     * (about 2 MB with the text's characters), so reading a repository allocates little beyond what it keeps.
     */
    private static final int SPARE_TOKENS = 1 << 16;
    private static final ThreadLocal<PythonTokens> SPARE = new ThreadLocal<>();
    /** Texts of at most this length are shared through {@link #RECENT}. */
    private static final int RECENT_LENGTH = 48;
    private static final int RECENT_SIZE = 4096;
    /** Per thread, texts lately made, by hash (a slot keeps the last one). */
    private static final ThreadLocal<String[]> RECENT = ThreadLocal.withInitial(() -> new String[RECENT_SIZE]);

    final String text;
    /** The text's characters; may be longer than the text (a reused buffer): {@link #n} is its end. */
    private final char[] cs;
    private final String[] recent = RECENT.get();
    private int size;
    private byte[] kinds;
    private byte[] flags;
    private int[] codes;
    private int[] starts;
    private int[] ends;
    private int[] groups;
    /** Bracket depth of the file's code before each token (0 for field tokens). */
    private int[] depths;

    // lexer state
    private final int n;
    private int pos;
    private int depth;
    private boolean lineHasTokens;
    private int physicalLineStart;
    private int nextGroup = 1;
    private int fieldNesting;
    /** Bracket depth inside the f-string field being read. */
    private int fieldDepth;

    private PythonTokens(String text, PythonTokens spare) {
        this.text = text;
        this.n = text.length();
        int cap = Math.max(16, n / 4);     // about one token per four characters in real code
        if (spare != null && spare.cs.length >= n) {
            cs = spare.cs;
            text.getChars(0, n, cs, 0);
        } else {
            cs = text.toCharArray();
        }
        if (spare != null && spare.kinds.length >= cap) {
            kinds = spare.kinds;
            flags = spare.flags;
            codes = spare.codes;
            starts = spare.starts;
            ends = spare.ends;
            groups = spare.groups;
            depths = spare.depths;
        } else {
            kinds = new byte[cap];
            flags = new byte[cap];
            codes = new int[cap];
            starts = new int[cap];
            ends = new int[cap];
            groups = new int[cap];
            depths = new int[cap];
        }
    }

    /** Tokenizes {@code text}. */
    static PythonTokens of(String text) {
        PythonTokens t = new PythonTokens(text, null);
        t.run();
        return t;
    }

    /**
     * Tokenizes {@code text} into arrays that the next call on this thread reuses: for a reader that is done with
     * the tokens before it reads another file (and never keeps them).
     */
    static PythonTokens reading(String text) {
        PythonTokens t = new PythonTokens(text, SPARE.get());
        t.run();
        if (t.kinds.length <= SPARE_TOKENS && t.cs.length <= 4 * SPARE_TOKENS) SPARE.set(t);
        return t;
    }

    /** The code of a hard keyword ({@code "import"}: {@link #K_IMPORT}); 0 for any other text. */
    static int keywordCode(String keyword) {
        for (int k = 0; k < KEYWORDS.length; k++) {
            if (KEYWORDS[k].equals(keyword)) return k + 1;
        }
        return 0;
    }

    /**
     * The code of an operator: one character is itself; two or three ASCII characters are {@code 0x10000} or
     * {@code 0x20000} plus their first two; anything else (a surrogate pair) is -1.
     */
    static int opCode(String op) {
        if (op.length() == 1) return op.charAt(0);
        if ((op.length() == 2 || op.length() == 3) && op.charAt(0) < 128 && op.charAt(1) < 128) {
            return (op.length() == 2 ? 0x10000 : 0x20000) | op.charAt(0) << 8 | op.charAt(1);
        }
        return -1;
    }

    int size() {
        return size;
    }

    byte kind(int i) {
        return kinds[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int group(int i) {
        return groups[i];
    }

    int depth(int i) {
        return depths[i];
    }

    /** An operator's code ({@link #opCode}), a keyword's ({@code K_}), 0 for any other token. */
    int code(int i) {
        return codes[i];
    }

    boolean has(int i, byte flag) {
        return (flags[i] & flag) != 0;
    }

    /** Sets {@link #MARK1} or {@link #MARK2} on token {@code i}. */
    void mark(int i, byte flag) {
        flags[i] |= flag;
    }

    String text(int i) {
        return slice(starts[i], ends[i]);
    }

    /** The text from the start of token {@code from} to the end of token {@code to}. */
    String text(int from, int to) {
        return slice(starts[from], ends[to]);
    }

    /**
     * The text at {@code [s, e)}; a short one is taken from the thread's recent texts when it is there, so that a
     * name that many files write ({@code self}, {@code os}, {@code int}) is one string, not one per file.
     */
    private String slice(int s, int e) {
        int len = e - s;
        if (len > RECENT_LENGTH) return text.substring(s, e);
        int h = 0;
        for (int k = s; k < e; k++) h = 31 * h + cs[k];
        String[] recent = this.recent;
        int slot = (h ^ (h >>> 11)) & (RECENT_SIZE - 1);
        String known = recent[slot];
        if (known != null && known.length() == len && known.hashCode() == h && sameText(known, s, 0)) return known;
        String made = text.substring(s, e);
        recent[slot] = made;
        return made;
    }

    /** Whether token {@code i} exists and is the operator {@code op}. */
    boolean isOp(int i, String op) {
        return isOp(i, opCode(op)) && ends[i] - starts[i] == op.length() && text.startsWith(op, starts[i]);
    }

    /** Whether token {@code i} exists and is the operator of code {@code code} ({@code '.'}, {@link #ELLIPSIS}). */
    boolean isOp(int i, int code) {
        return i >= 0 && i < size && kinds[i] == OP && codes[i] == code;
    }

    /** Whether token {@code i} is one of {@code ( [ {}. */
    boolean isOpening(int i) {
        if (i < 0 || i >= size || kinds[i] != OP) return false;
        int c = codes[i];
        return c == '(' || c == '[' || c == '{';
    }

    /** Whether token {@code i} is one of {@code ) ] }}. */
    boolean isClosing(int i) {
        if (i < 0 || i >= size || kinds[i] != OP) return false;
        int c = codes[i];
        return c == ')' || c == ']' || c == '}';
    }

    /** Whether token {@code i} is a name that is not a hard keyword. */
    boolean isIdentifier(int i) {
        return i >= 0 && i < size && kinds[i] == NAME && (flags[i] & KEYWORD) == 0;
    }

    /** Whether token {@code i} exists and is the keyword of code {@code keyword} ({@link #K_IMPORT}). */
    boolean isKeyword(int i, int keyword) {
        return i >= 0 && i < size && kinds[i] == NAME && codes[i] == keyword;
    }

    boolean isKind(int i, byte kind) {
        return i >= 0 && i < size && kinds[i] == kind;
    }

    // ---------------------------------------------------------------- lexing

    private void run() {
        if (n > 0 && cs[0] == '\uFEFF') pos = 1;
        physicalLineStart = pos;
        code(0, false, false);
    }

    private int emit(byte kind, int start, int end, int group, int code) {
        if (size == kinds.length) grow();
        byte f = 0;
        if (group == 0 && kind != NEWLINE) {
            if (!lineHasTokens) {
                f = LINE_START;
                if (start == physicalLineStart) f |= COLUMN0;
            }
            lineHasTokens = true;
        }
        int i = size++;
        kinds[i] = kind;
        flags[i] = f;
        codes[i] = code;
        starts[i] = start;
        ends[i] = end;
        groups[i] = group;
        depths[i] = group == 0 ? depth : 0;
        return i;
    }

    private void grow() {
        int cap = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, cap);
        flags = Arrays.copyOf(flags, cap);
        codes = Arrays.copyOf(codes, cap);
        starts = Arrays.copyOf(starts, cap);
        ends = Arrays.copyOf(ends, cap);
        groups = Arrays.copyOf(groups, cap);
        depths = Arrays.copyOf(depths, cap);
    }

    private boolean newlineAt(int p) {
        if (p >= n) return false;
        char c = cs[p];
        return c == '\n' || c == '\r';
    }

    private int afterNewline(int p) {
        if (cs[p] == '\r' && p + 1 < n && cs[p + 1] == '\n') return p + 2;
        return p + 1;
    }

    /** Past a backslash at {@code p} and what it escapes (a line break counts as one), never past the end. */
    private int afterEscape(int p) {
        if (newlineAt(p + 1)) return afterNewline(p + 1);
        return Math.min(n, p + 2);
    }

    /**
     * Reads code: the file's ({@code group 0}) or an f-string field's. A field stops before its end: a {@code }},
     * a {@code !} conversion or a {@code :} format spec at its own bracket depth 0, or a line break in a
     * single-quoted string.
     */
    private void code(int group, boolean field, boolean triple) {
        int outer = fieldDepth;
        fieldDepth = 0;
        while (pos < n && step(group, field, triple)) {
            // one token (or white space, a comment, a line end) per step: small methods the JIT compiles early
        }
        fieldDepth = outer;
    }

    /** Reads what is at {@code pos}; false at the end of a field. */
    private boolean step(int group, boolean field, boolean triple) {
        char c = cs[pos];
        if (c == ' ' || c == '\t' || c == '\f') {
            pos++;
            return true;
        }
        if (c == '\n' || c == '\r') return lineBreak(field, triple);
        if (c == '\\' && newlineAt(pos + 1)) {
            pos = afterNewline(pos + 1);
            if (!field) physicalLineStart = pos;
            return true;
        }
        if (c == '#' && (!field || triple)) {
            pos = lineEnd(pos);
            return true;
        }
        if (field && fieldDepth == 0 && fieldEnd(c)) return false;
        if (c < 128 ? ASCII_START[c] : identifierStart(Character.codePointAt(cs, pos, n))) {
            name(group);
        } else if (digit(c) || (c == '.' && pos + 1 < n && digit(cs[pos + 1]))) {
            int s = pos;
            number();
            emit(NUMBER, s, pos, group, 0);
        } else if (c == '\'' || c == '"') {
            string(pos, group);
        } else {
            operator(c, group, field);
        }
        return true;
    }

    /** At a field's own depth 0: {@code }}, a {@code :} format spec or a {@code !} conversion (not {@code !=}). */
    private boolean fieldEnd(char c) {
        return c == '}' || c == ':' || (c == '!' && !(pos + 1 < n && cs[pos + 1] == '='));
    }

    private boolean lineBreak(boolean field, boolean triple) {
        if (field) {
            if (!triple && fieldDepth == 0) return false;
            pos = afterNewline(pos);
            return true;
        }
        if (depth == 0 && lineHasTokens) {
            emit(NEWLINE, pos, pos, 0, 0);
            lineHasTokens = false;
        }
        pos = afterNewline(pos);
        physicalLineStart = pos;
        return true;
    }

    /** A name, or the prefix of a string ({@code rb"..."}). */
    private void name(int group) {
        int s = pos;
        pos++;
        while (pos < n) {
            char a = cs[pos];
            if (a >= 128 || !ASCII_PART[a]) break;
            pos++;
        }
        if (pos < n && cs[pos] >= 128 || Character.isHighSurrogate(cs[s])) nonAsciiName(s);
        if (pos < n && (cs[pos] == '\'' || cs[pos] == '"') && stringPrefix(s, pos)) {
            string(s, group);
        } else {
            int token = emit(NAME, s, pos, group, keyword(s, pos));
            if (codes[token] != 0) flags[token] |= KEYWORD;
        }
    }

    /** The rest of a name that holds characters beyond ASCII (read by code point), from its start {@code s}. */
    private void nonAsciiName(int s) {
        pos = s + Character.charCount(Character.codePointAt(cs, s, n));
        while (pos < n) {
            char a = cs[pos];
            if (a < 128) {
                if (!ASCII_PART[a]) break;
                pos++;
                continue;
            }
            int q = Character.codePointAt(cs, pos, n);
            if (!identifierPart(q)) break;
            pos += Character.charCount(q);
        }
    }

    private void operator(char c, int group, boolean field) {
        int len = operatorLength(c);
        int code = len == 1 ? c : len == 2 && c >= 128 ? -1 : (len == 2 ? 0x10000 : 0x20000) | c << 8 | cs[pos + 1];
        emit(OP, pos, pos + len, group, code);
        if (c == '(' || c == '[' || c == '{') {
            if (field) fieldDepth++;
            else depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (field) fieldDepth = Math.max(0, fieldDepth - 1);
            else depth = Math.max(0, depth - 1);
        }
        pos += len;
    }

    /** The code of the keyword at {@code [s, e)}, 0 when the name is none. */
    private int keyword(int s, int e) {
        int len = e - s;
        char first = cs[s];
        if (len < 2 || len > 8 || first >= 128) return 0;
        String[] candidates = KEYWORDS_BY_FIRST[first];
        if (candidates == null) return 0;
        for (int k = 0; k < candidates.length; k++) {
            if (candidates[k].length() == len && sameText(candidates[k], s, 1)) return CODES_BY_FIRST[first][k];
        }
        return 0;
    }

    /** Whether {@code w} from its index {@code from} on is the text at {@code s + from}. */
    private boolean sameText(String w, int s, int from) {
        for (int i = from; i < w.length(); i++) {
            if (cs[s + i] != w.charAt(i)) return false;
        }
        return true;
    }

    private static final boolean[] ASCII_PART = new boolean[128];
    private static final boolean[] ASCII_START = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_START[c] = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            ASCII_PART[c] = ASCII_START[c] || (c >= '0' && c <= '9');
        }
    }

    /** The next line break at or after {@code p} (or the end of the text). */
    private int lineEnd(int p) {
        while (p < n && cs[p] != '\n' && cs[p] != '\r') p++;
        return p;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean identifierStart(int cp) {
        return cp == '_' || (cp < 128 ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
                : Character.isUnicodeIdentifierStart(cp));
    }

    private static boolean identifierPart(int cp) {
        return cp == '_' || (cp < 128 ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                : Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp));
    }

    /** {@code r b u f t}, one of them or {@code r} with one of {@code b f t}, in any case and order. */
    private boolean stringPrefix(int s, int e) {
        int len = e - s;
        if (len == 1) {
            char a = cs[s];
            return a == 'r' || a == 'R' || a == 'b' || a == 'B' || a == 'u' || a == 'U' || a == 'f' || a == 'F'
                    || a == 't' || a == 'T';
        }
        if (len != 2) return false;
        char a = Character.toLowerCase(cs[s]);
        char b = Character.toLowerCase(cs[s + 1]);
        if (a == 'r') return b == 'b' || b == 'f' || b == 't';
        if (b == 'r') return a == 'b' || a == 'f' || a == 't';
        return false;
    }

    private void number() {
        char c = cs[pos];
        if (c == '0' && pos + 1 < n && radix(cs[pos + 1])) {
            pos += 2;
            while (pos < n && (Character.isLetterOrDigit(cs[pos]) || cs[pos] == '_')) pos++;
            return;
        }
        digits();
        if (pos < n && cs[pos] == '.') {
            pos++;
            digits();
        }
        if (pos < n && (cs[pos] == 'e' || cs[pos] == 'E')) {
            int save = pos;
            pos++;
            if (pos < n && (cs[pos] == '+' || cs[pos] == '-')) pos++;
            if (pos < n && digit(cs[pos])) {
                digits();
            } else {
                pos = save;
            }
        }
        if (pos < n && (cs[pos] == 'j' || cs[pos] == 'J')) pos++;
    }

    private static boolean radix(char c) {
        return c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B';
    }

    private void digits() {
        while (pos < n && (digit(cs[pos]) || cs[pos] == '_')) pos++;
    }

    /**
     * The length of the operator at {@code pos} (its first character {@code c}): {@code **= //= >>= <<= ...}, then
     * {@code -> :=}, {@code X=} for {@code X} in {@code -:=!<>*+/%&|^@}, {@code ** // << >> <>}, then one character
     * (a surrogate pair is one).
     */
    private int operatorLength(char c) {
        if (pos + 1 >= n) return 1;
        char d = cs[pos + 1];
        switch (c) {
            case '*', '/', '<', '>' -> {
                if (d == c) return pos + 2 < n && cs[pos + 2] == '=' ? 3 : 2;
                if (d == '=' || (c == '<' && d == '>')) return 2;
                return 1;
            }
            case '.' -> {
                return d == '.' && pos + 2 < n && cs[pos + 2] == '.' ? 3 : 1;
            }
            case '-' -> {
                return d == '>' || d == '=' ? 2 : 1;
            }
            case ':', '=', '!', '+', '%', '&', '|', '^', '@' -> {
                return d == '=' ? 2 : 1;
            }
            default -> {
                return Character.isHighSurrogate(c) ? 2 : 1;
            }
        }
    }

    /** A string literal starting at {@code start} (its prefix); {@code pos} is at the opening quote. */
    private void string(int start, int group) {
        boolean raw = false;
        boolean formatted = false;
        for (int i = start; i < pos; i++) {
            char p = Character.toLowerCase(cs[i]);
            raw |= p == 'r';
            formatted |= p == 'f' || p == 't';
        }
        char q = cs[pos];
        boolean triple = pos + 2 < n && cs[pos + 1] == q && cs[pos + 2] == q;
        int token = emit(STRING, start, start, group, 0);
        pos += triple ? 3 : 1;
        if (!formatted) {
            if (triple) tripleBody(q);
            else singleBody(q);
        } else {
            formattedBody(q, triple, raw);
        }
        ends[token] = pos;
    }

    /** The inside of a single-quoted string without fields, past its closing quote (or to an unescaped line end). */
    private void singleBody(char q) {
        while (pos < n) {
            char c = cs[pos];
            if (c == q) {
                pos++;
                return;
            }
            if (c == '\\') {
                pos = afterEscape(pos);
            } else if (c == '\n' || c == '\r') {
                return;          // unterminated: the string ends at the line end
            } else {
                pos++;
            }
        }
    }

    /** The inside of a triple-quoted string without fields, past its closing quotes (or to the end). */
    private void tripleBody(char q) {
        while (pos < n) {
            char c = cs[pos];
            if (c == '\\') {
                pos = afterEscape(pos);
            } else if (c == q && pos + 2 < n && cs[pos + 1] == q && cs[pos + 2] == q) {
                pos += 3;
                return;
            } else {
                pos++;
            }
        }
    }

    /** The inside of an f-string (or t-string), its fields read as code, up to and past its closing quotes. */
    private void formattedBody(char q, boolean triple, boolean raw) {
        while (pos < n) {
            char c = cs[pos];
            if (c == '\\') {
                escapeInFormatted(q, raw);
                continue;
            }
            if (c == q) {
                if (!triple) {
                    pos++;
                    return;
                }
                if (pos + 2 < n && cs[pos + 1] == q && cs[pos + 2] == q) {
                    pos += 3;
                    return;
                }
                pos++;
                continue;
            }
            if ((c == '\n' || c == '\r') && !triple) return;
            if (c == '{') {
                if (pos + 1 < n && cs[pos + 1] == '{') {
                    pos += 2;
                    continue;
                }
                pos++;
                field(q, triple);
                continue;
            }
            pos++;
        }
    }

    /** A backslash in an f-string: {@code \{} leaves the brace to the body, {@code \N{...}} is one escape. */
    private void escapeInFormatted(char q, boolean raw) {
        if (pos + 1 >= n) {
            pos++;
            return;
        }
        char d = cs[pos + 1];
        if (d == '{' || d == '}') {
            pos++;
            return;
        }
        if (!raw && d == 'N' && pos + 2 < n && cs[pos + 2] == '{') {
            int close = pos + 3;
            while (close < n && cs[close] != '}' && !newlineAt(close) && cs[close] != q) close++;
            pos = close < n && cs[close] == '}' ? close + 1 : pos + 2;
            return;
        }
        pos = afterEscape(pos);
    }

    /** A replacement field after its {@code {}: expression, conversion, format spec (which may hold fields), {@code }}. */
    private void field(char q, boolean triple) {
        if (fieldNesting >= MAX_FIELD_NESTING) return;
        fieldNesting++;
        code(nextGroup++, true, triple);
        if (pos < n && cs[pos] == '!') {
            pos++;
            while (pos < n && Character.isLetter(cs[pos])) pos++;
        }
        if (pos < n && cs[pos] == ':') {
            pos++;
            while (pos < n) {
                char c = cs[pos];
                if (c == '}' || c == q || ((c == '\n' || c == '\r') && !triple)) break;
                pos++;
                if (c == '{') field(q, triple);
            }
        }
        if (pos < n && cs[pos] == '}') pos++;
        fieldNesting--;
    }
}
