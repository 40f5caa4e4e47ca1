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
 * <p>Positions are UTF-16 offsets into the text. Never throws; linear in the text. Stored in parallel arrays, the
 * form the reader walks (a file of 10,000 tokens is four small arrays, not 10,000 objects).
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

    /** The hard keywords of Python 3, by length. */
    private static final String[][] KEYWORDS = {{}, {}, {"as", "if", "in", "is", "or"},
        {"and", "def", "del", "for", "not", "try"}, {"None", "True", "elif", "else", "from", "pass", "with"},
        {"False", "async", "await", "break", "class", "raise", "while", "yield"},
        {"assert", "except", "global", "import", "lambda", "return"}, {"finally"}, {"continue", "nonlocal"}};

    /** How deep f-string fields may nest before the rest of a string is read as plain text. */
    private static final int MAX_FIELD_NESTING = 32;

    private static final String[] OPS3 = {"**=", "//=", ">>=", "<<=", "..."};
    private static final String[] OPS2 = {"->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>", "+=", "-=",
            "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<>"};

    final String text;
    private int size;
    private byte[] kinds;
    private byte[] flags;
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
    private final boolean hasCarriageReturn;
    /** Cached results of {@link #lineEnd} and {@link #nextBackslash} (the lexer only moves forward). */
    private int nextNewline = -1;
    private int nextBackslash = -1;

    private PythonTokens(String text) {
        this.text = text;
        this.n = text.length();
        this.hasCarriageReturn = text.indexOf('\r') >= 0;
        int cap = Math.max(16, n / 4);     // about one token per four characters in real code
        kinds = new byte[cap];
        flags = new byte[cap];
        starts = new int[cap];
        ends = new int[cap];
        groups = new int[cap];
        depths = new int[cap];
    }

    /** Tokenizes {@code text}. */
    static PythonTokens of(String text) {
        PythonTokens t = new PythonTokens(text);
        t.run();
        return t;
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

    boolean has(int i, byte flag) {
        return (flags[i] & flag) != 0;
    }

    String text(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /** Whether token {@code i} exists and is the operator {@code op}. */
    boolean isOp(int i, String op) {
        if (i < 0 || i >= size || kinds[i] != OP) return false;
        if (op.length() == 1) return ends[i] - starts[i] == 1 && text.charAt(starts[i]) == op.charAt(0);
        return matches(i, op);
    }

    /** Whether token {@code i} is one of {@code ( [ {}. */
    boolean isOpening(int i) {
        if (i < 0 || i >= size || kinds[i] != OP || ends[i] - starts[i] != 1) return false;
        char c = text.charAt(starts[i]);
        return c == '(' || c == '[' || c == '{';
    }

    /** Whether token {@code i} is one of {@code ) ] }}. */
    boolean isClosing(int i) {
        if (i < 0 || i >= size || kinds[i] != OP || ends[i] - starts[i] != 1) return false;
        char c = text.charAt(starts[i]);
        return c == ')' || c == ']' || c == '}';
    }

    /** Whether token {@code i} is a name that is not a hard keyword. */
    boolean isIdentifier(int i) {
        return i >= 0 && i < size && kinds[i] == NAME && (flags[i] & KEYWORD) == 0;
    }

    /** Whether token {@code i} exists and is the name (or keyword) {@code name}. */
    boolean isName(int i, String name) {
        return i >= 0 && i < size && kinds[i] == NAME && matches(i, name);
    }

    /** Whether token {@code i} exists and is the keyword {@code keyword}. */
    boolean isKeyword(int i, String keyword) {
        return i >= 0 && i < size && (flags[i] & KEYWORD) != 0 && matches(i, keyword);
    }

    boolean isKind(int i, byte kind) {
        return i >= 0 && i < size && kinds[i] == kind;
    }

    private boolean matches(int i, String s) {
        return ends[i] - starts[i] == s.length() && text.startsWith(s, starts[i]);
    }

    // ---------------------------------------------------------------- lexing

    private void run() {
        if (n > 0 && text.charAt(0) == '\uFEFF') pos = 1;
        physicalLineStart = pos;
        code(0, false, false);
    }

    private int emit(byte kind, int start, int end, int group) {
        if (size == kinds.length) grow();
        byte f = 0;
        if (group == 0 && kind != NEWLINE) {
            if (!lineHasTokens) {
                f = LINE_START;
                if (start == physicalLineStart) f |= COLUMN0;
            }
            lineHasTokens = true;
        }
        kinds[size] = kind;
        flags[size] = f;
        starts[size] = start;
        ends[size] = end;
        groups[size] = group;
        depths[size] = group == 0 ? depth : 0;
        return size++;
    }

    private void grow() {
        int cap = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, cap);
        flags = Arrays.copyOf(flags, cap);
        starts = Arrays.copyOf(starts, cap);
        ends = Arrays.copyOf(ends, cap);
        groups = Arrays.copyOf(groups, cap);
        depths = Arrays.copyOf(depths, cap);
    }

    private boolean newlineAt(int p) {
        if (p >= n) return false;
        char c = text.charAt(p);
        return c == '\n' || c == '\r';
    }

    private int afterNewline(int p) {
        if (text.charAt(p) == '\r' && p + 1 < n && text.charAt(p + 1) == '\n') return p + 2;
        return p + 1;
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
        char c = text.charAt(pos);
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
        if (field && fieldDepth == 0) {
            if (c == '}' || c == ':') return false;
            if (c == '!' && !(pos + 1 < n && text.charAt(pos + 1) == '=')) return false;
        }
        if (c < 128 ? ASCII_START[c] : identifierStart(text.codePointAt(pos))) {
            name(group);
            return true;
        }
        if (digit(c) || (c == '.' && pos + 1 < n && digit(text.charAt(pos + 1)))) {
            int s = pos;
            number();
            emit(NUMBER, s, pos, group);
            return true;
        }
        if (c == '\'' || c == '"') {
            string(pos, group);
            return true;
        }
        operator(c, group, field);
        return true;
    }

    private boolean lineBreak(boolean field, boolean triple) {
        if (field) {
            if (!triple && fieldDepth == 0) return false;
            pos = afterNewline(pos);
            return true;
        }
        if (depth == 0 && lineHasTokens) {
            emit(NEWLINE, pos, pos, 0);
            lineHasTokens = false;
        }
        pos = afterNewline(pos);
        physicalLineStart = pos;
        return true;
    }

    /** A name, or the prefix of a string ({@code rb"..."}). */
    private void name(int group) {
        int s = pos;
        pos += Character.charCount(text.codePointAt(pos));
        while (pos < n) {
            char a = text.charAt(pos);
            if (a < 128) {
                if (!ASCII_PART[a]) break;
                pos++;
                continue;
            }
            int q = text.codePointAt(pos);
            if (!identifierPart(q)) break;
            pos += Character.charCount(q);
        }
        if (pos < n && (text.charAt(pos) == '\'' || text.charAt(pos) == '"') && stringPrefix(s, pos)) {
            string(s, group);
        } else {
            int token = emit(NAME, s, pos, group);
            if (keyword(s, pos)) flags[token] |= KEYWORD;
        }
    }

    private void operator(char c, int group, boolean field) {
        int len = operatorLength();
        emit(OP, pos, pos + len, group);
        if (c == '(' || c == '[' || c == '{') {
            if (field) fieldDepth++;
            else depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (field) fieldDepth = Math.max(0, fieldDepth - 1);
            else depth = Math.max(0, depth - 1);
        }
        pos += len;
    }

    private boolean keyword(int s, int e) {
        int len = e - s;
        if (len >= KEYWORDS.length) return false;
        for (String k : KEYWORDS[len]) {
            if (text.startsWith(k, s)) return true;
        }
        return false;
    }

    private static final boolean[] ASCII_PART = new boolean[128];
    private static final boolean[] ASCII_START = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_START[c] = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            ASCII_PART[c] = ASCII_START[c] || (c >= '0' && c <= '9');
        }
    }

    /** The next line break at or after {@code p} (or the end of the text), found with {@code indexOf}. */
    private int lineEnd(int p) {
        if (p >= nextNewline) {
            int lf = text.indexOf('\n', p);
            int end = lf < 0 ? n : lf;
            if (hasCarriageReturn) {
                for (int k = p; k < end; k++) {
                    if (text.charAt(k) == '\r') {
                        end = k;
                        break;
                    }
                }
            }
            nextNewline = end;
        }
        return nextNewline;
    }

    /** The next backslash at or after {@code p} (or the end of the text). */
    private int nextBackslash(int p) {
        if (p > nextBackslash) {
            int b = text.indexOf('\\', p);
            nextBackslash = b < 0 ? n : b;
        }
        return nextBackslash;
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
        if (len == 1) return "rRbBuUfFtT".indexOf(text.charAt(s)) >= 0;
        if (len != 2) return false;
        char a = Character.toLowerCase(text.charAt(s));
        char b = Character.toLowerCase(text.charAt(s + 1));
        if (a == 'r') return b == 'b' || b == 'f' || b == 't';
        if (b == 'r') return a == 'b' || a == 'f' || a == 't';
        return false;
    }

    private void number() {
        char c = text.charAt(pos);
        if (c == '0' && pos + 1 < n && "xXoObB".indexOf(text.charAt(pos + 1)) >= 0) {
            pos += 2;
            while (pos < n && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
            return;
        }
        while (pos < n && (digit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        if (pos < n && text.charAt(pos) == '.') {
            pos++;
            while (pos < n && (digit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        }
        if (pos < n && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < n && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            if (pos < n && digit(text.charAt(pos))) {
                while (pos < n && (digit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
            } else {
                pos = save;
            }
        }
        if (pos < n && (text.charAt(pos) == 'j' || text.charAt(pos) == 'J')) pos++;
    }

    private int operatorLength() {
        char c = text.charAt(pos);
        switch (c) {
            case '(', ')', '[', ']', '{', '}', ',', ';', '~' -> {
                return 1;
            }
            default -> {
            }
        }
        if (pos + 1 < n && "*/<>.".indexOf(c) >= 0) {
            for (String op : OPS3) {
                if (text.startsWith(op, pos)) return 3;
            }
        }
        if (pos + 1 < n && "-:=!<>*/+%&|^@".indexOf(c) >= 0) {
            for (String op : OPS2) {
                if (text.startsWith(op, pos)) return 2;
            }
        }
        return Character.isHighSurrogate(c) && pos + 1 < n ? 2 : 1;
    }

    /** A string literal starting at {@code start} (its prefix); {@code pos} is at the opening quote. */
    private void string(int start, int group) {
        boolean raw = false;
        boolean formatted = false;
        for (int i = start; i < pos; i++) {
            char p = Character.toLowerCase(text.charAt(i));
            raw |= p == 'r';
            formatted |= p == 'f' || p == 't';
        }
        char q = text.charAt(pos);
        boolean triple = pos + 2 < n && text.charAt(pos + 1) == q && text.charAt(pos + 2) == q;
        int token = emit(STRING, start, start, group);
        pos += triple ? 3 : 1;
        body(q, triple, raw, formatted);
        ends[token] = pos;
    }

    /** The inside of a string, up to and past its closing quotes (or to the line end of an unterminated one). */
    private void body(char q, boolean triple, boolean raw, boolean formatted) {
        if (!formatted) {
            plainBody(q, triple);
            return;
        }
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= n) {
                    pos++;
                    continue;
                }
                char d = text.charAt(pos + 1);
                if (formatted && (d == '{' || d == '}')) {
                    pos++;
                    continue;
                }
                if (formatted && !raw && d == 'N' && pos + 2 < n && text.charAt(pos + 2) == '{') {
                    int close = pos + 3;
                    while (close < n && text.charAt(close) != '}' && !newlineAt(close) && text.charAt(close) != q) {
                        close++;
                    }
                    pos = close < n && text.charAt(close) == '}' ? close + 1 : pos + 2;
                    continue;
                }
                pos = newlineAt(pos + 1) ? afterNewline(pos + 1) : pos + 2;
                continue;
            }
            if (c == q) {
                if (!triple) {
                    pos++;
                    return;
                }
                if (pos + 2 < n && text.charAt(pos + 1) == q && text.charAt(pos + 2) == q) {
                    pos += 3;
                    return;
                }
                pos++;
                continue;
            }
            if ((c == '\n' || c == '\r') && !triple) return;
            if (formatted && c == '{') {
                if (pos + 1 < n && text.charAt(pos + 1) == '{') {
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

    /** The inside of a string without fields, found with {@code indexOf}: quotes, backslashes, line ends. */
    private void plainBody(char q, boolean triple) {
        while (pos < n) {
            int quote = text.indexOf(q, pos);
            int stop = quote < 0 ? n : quote;
            if (!triple) {
                int nl = lineEnd(pos);
                if (nl < stop) {
                    int bs = nextBackslash(pos);
                    if (bs < nl) {
                        pos = newlineAt(bs + 1) ? afterNewline(bs + 1) : bs + 2;
                        continue;
                    }
                    pos = nl;          // unterminated: the string ends at the line end
                    return;
                }
            }
            int bs = nextBackslash(pos);
            if (bs < stop) {
                pos = bs + 1 < n && newlineAt(bs + 1) ? afterNewline(bs + 1) : bs + 2;
                continue;
            }
            if (quote < 0) {
                pos = n;
                return;
            }
            if (!triple) {
                pos = quote + 1;
                return;
            }
            if (quote + 2 < n && text.charAt(quote + 1) == q && text.charAt(quote + 2) == q) {
                pos = quote + 3;
                return;
            }
            pos = quote + 1;
        }
    }

    /** A replacement field after its {@code {}: expression, conversion, format spec (which may hold fields), {@code }}. */
    private void field(char q, boolean triple) {
        if (fieldNesting >= MAX_FIELD_NESTING) return;
        fieldNesting++;
        code(nextGroup++, true, triple);
        if (pos < n && text.charAt(pos) == '!') {
            pos++;
            while (pos < n && Character.isLetter(text.charAt(pos))) pos++;
        }
        if (pos < n && text.charAt(pos) == ':') {
            pos++;
            while (pos < n) {
                char c = text.charAt(pos);
                if (c == '}' || c == q || ((c == '\n' || c == '\r') && !triple)) break;
                pos++;
                if (c == '{') field(q, triple);
            }
        }
        if (pos < n && text.charAt(pos) == '}') pos++;
        fieldNesting--;
    }
}
