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

    /** How deep f-string fields may nest before the rest of a string is read as plain text. */
    private static final int MAX_FIELD_NESTING = 32;

    private static final String[] OPS3 = {"**=", "//=", ">>=", "<<=", "..."};
    private static final String[] OPS2 = {"->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>", "+=", "-=",
            "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<>"};

    final String text;
    private int size;
    private byte[] kinds = new byte[64];
    private byte[] flags = new byte[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int[] groups = new int[64];
    /** Bracket depth of the file's code before each token (0 for field tokens). */
    private int[] depths = new int[64];

    // lexer state
    private final int n;
    private int pos;
    private int depth;
    private boolean lineHasTokens;
    private int physicalLineStart;
    private int nextGroup = 1;
    private int fieldNesting;

    private PythonTokens(String text) {
        this.text = text;
        this.n = text.length();
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
        return i >= 0 && i < size && kinds[i] == OP && matches(i, op);
    }

    /** Whether token {@code i} exists and is the name (or keyword) {@code name}. */
    boolean isName(int i, String name) {
        return i >= 0 && i < size && kinds[i] == NAME && matches(i, name);
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
        int localDepth = 0;
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
                continue;
            }
            if (c == '\\' && newlineAt(pos + 1)) {
                pos = afterNewline(pos + 1);
                if (!field) physicalLineStart = pos;
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (field) {
                    if (!triple && localDepth == 0) return;
                    pos = afterNewline(pos);
                    continue;
                }
                if (depth == 0 && lineHasTokens) {
                    emit(NEWLINE, pos, pos, 0);
                    lineHasTokens = false;
                }
                pos = afterNewline(pos);
                physicalLineStart = pos;
                continue;
            }
            if (c == '#' && (!field || triple)) {
                while (pos < n && !newlineAt(pos)) pos++;
                continue;
            }
            if (field && localDepth == 0) {
                if (c == '}' || c == ':') return;
                if (c == '!' && !(pos + 1 < n && text.charAt(pos + 1) == '=')) return;
            }
            int cp = text.codePointAt(pos);
            if (identifierStart(cp)) {
                int s = pos;
                pos += Character.charCount(cp);
                while (pos < n) {
                    int q = text.codePointAt(pos);
                    if (!identifierPart(q)) break;
                    pos += Character.charCount(q);
                }
                if (pos < n && (text.charAt(pos) == '\'' || text.charAt(pos) == '"') && stringPrefix(s, pos)) {
                    string(s, group);
                } else {
                    emit(NAME, s, pos, group);
                }
                continue;
            }
            if (digit(c) || (c == '.' && pos + 1 < n && digit(text.charAt(pos + 1)))) {
                int s = pos;
                number();
                emit(NUMBER, s, pos, group);
                continue;
            }
            if (c == '\'' || c == '"') {
                string(pos, group);
                continue;
            }
            int len = operatorLength();
            emit(OP, pos, pos + len, group);
            if (c == '(' || c == '[' || c == '{') {
                if (field) localDepth++;
                else depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (field) localDepth = Math.max(0, localDepth - 1);
                else depth = Math.max(0, depth - 1);
            }
            pos += len;
        }
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
        for (String op : OPS3) {
            if (text.startsWith(op, pos)) return 3;
        }
        for (String op : OPS2) {
            if (text.startsWith(op, pos)) return 2;
        }
        return Character.isHighSurrogate(text.charAt(pos)) && pos + 1 < n ? 2 : 1;
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
