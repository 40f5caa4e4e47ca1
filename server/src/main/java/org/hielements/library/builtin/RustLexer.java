package org.hielements.library.builtin;

/**
 * Tokens of Rust source text, enough to read paths: identifiers (raw identifiers {@code r#use} marked as such),
 * lifetimes, literals, {@code ::}, {@code ->}, {@code =>} and single punctuation characters. Comments (line, block
 * with nesting, doc comments), string literals (escaped, raw {@code r#"..."#}, byte {@code b"..."}, C
 * {@code c"..."} and their raw forms), char and byte literals ({@code 'x'}, {@code '\''}, {@code b'x'}) and numbers
 * are consumed as wholes, so nothing inside them is ever read as code; {@code 'a} without a closing quote is a
 * lifetime or label. Linear, never throws: an unterminated literal or comment runs to the end of the text.
 *
 * <p>Tokens are kept in parallel arrays (kind, start, end as UTF-16 offsets) to stay cheap on large workspaces.
 */
final class RustLexer {
    static final byte IDENT = 1;
    static final byte RAW_IDENT = 2;
    static final byte LIFETIME = 3;
    static final byte STRING = 4;
    static final byte CHAR = 5;
    static final byte NUMBER = 6;
    static final byte PUNCT = 7;
    static final byte PATH_SEP = 8;
    static final byte ARROW = 9;
    static final byte FAT_ARROW = 10;

    /** The tokens of one text. */
    static final class Tokens {
        final String text;
        final byte[] kind;
        final int[] start;
        final int[] end;
        final int count;
        /**
         * The comments (and a shebang line) as start/end pairs in order, {@code commentCount} pairs: with the string
         * and char literals, the text that is not code.
         */
        final int[] comments;
        final int commentCount;
        /** Whether a doc comment ({@code ///}, {@code //!}, {@code /** ... *}{@code /}, {@code /*! ... *}{@code /}) occurs. */
        final boolean docComment;

        private Tokens(String text, byte[] kind, int[] start, int[] end, int count, int[] comments, int commentCount,
                boolean docComment) {
            this.text = text;
            this.kind = kind;
            this.start = start;
            this.end = end;
            this.count = count;
            this.comments = comments;
            this.commentCount = commentCount;
            this.docComment = docComment;
        }

        /** Names already made, so a file's facts hold one string per distinct name. */
        private final java.util.HashMap<String, String> names = new java.util.HashMap<>();

        /** The name of an identifier token ({@code r#use} gives {@code use}). */
        String name(int i) {
            int s = kind[i] == RAW_IDENT ? start[i] + 2 : start[i];
            String n = text.substring(s, end[i]);
            String known = names.putIfAbsent(n, n);
            return known != null ? known : n;
        }

        /** Whether token {@code i} is the (non-raw) keyword or identifier {@code word}. */
        boolean isWord(int i, String word) {
            return i >= 0 && i < count && kind[i] == IDENT && end[i] - start[i] == word.length()
                    && text.startsWith(word, start[i]);
        }

        /** Whether token {@code i} is the punctuation character {@code c}. */
        boolean isPunct(int i, char c) {
            return i >= 0 && i < count && kind[i] == PUNCT && text.charAt(start[i]) == c;
        }

        boolean is(int i, byte k) {
            return i >= 0 && i < count && kind[i] == k;
        }

        boolean isIdent(int i) {
            return i >= 0 && i < count && (kind[i] == IDENT || kind[i] == RAW_IDENT);
        }

        /** The text of a string literal token without its quotes and prefix, escapes left as written. */
        String stringBody(int i) {
            String t = text.substring(start[i], end[i]);
            int open = t.indexOf('"');
            int close = t.lastIndexOf('"');
            return open >= 0 && close > open ? t.substring(open + 1, close) : "";
        }
    }

    private final String text;
    private final int length;
    private byte[] kind;
    private int[] start;
    private int[] end;
    private int count;
    private int[] comments = new int[8];
    private int commentCount;
    private boolean docComment;

    /**
     * Token arrays of at most this many tokens are kept per thread and reused by the next {@link #reading} on the
     * thread (a few hundred KB): lexing a large workspace allocated more than twice its text in token arrays, which
     * made a run of the JVM's launcher collect garbage.
     */
    private static final int SPARE_TOKENS = 1 << 16;
    private static final ThreadLocal<Tokens> SPARE = new ThreadLocal<>();

    private RustLexer(String text, Tokens spare) {
        this.text = text;
        this.length = text.length();
        int capacity = Math.max(16, length / 4);
        if (spare != null && spare.kind.length >= capacity) {
            kind = spare.kind;
            start = spare.start;
            end = spare.end;
        } else {
            kind = new byte[capacity];
            start = new int[capacity];
            end = new int[capacity];
        }
    }

    static Tokens lex(String text) {
        RustLexer l = new RustLexer(text, null);
        l.run();
        return new Tokens(text, l.kind, l.start, l.end, l.count, l.comments, l.commentCount, l.docComment);
    }

    /**
     * As {@link #lex}, into arrays that the next call on this thread reuses: for a reader that is done with the
     * tokens before it reads another text (and keeps none of them).
     */
    static Tokens reading(String text) {
        Tokens spare = SPARE.get();
        SPARE.remove();                    // a reader within a reader gets arrays of its own
        RustLexer l = new RustLexer(text, spare);
        l.run();
        Tokens t = new Tokens(text, l.kind, l.start, l.end, l.count, l.comments, l.commentCount, l.docComment);
        if (t.kind.length <= SPARE_TOKENS) SPARE.set(t);
        return t;
    }

    private void add(byte k, int s, int e) {
        if (count == kind.length) {
            int n = count * 2;
            kind = java.util.Arrays.copyOf(kind, n);
            start = java.util.Arrays.copyOf(start, n);
            end = java.util.Arrays.copyOf(end, n);
        }
        kind[count] = k;
        start[count] = s;
        end[count] = e;
        count++;
    }

    private void comment(int s, int e) {
        if (2 * commentCount == comments.length) comments = java.util.Arrays.copyOf(comments, comments.length * 2);
        comments[2 * commentCount] = s;
        comments[2 * commentCount + 1] = e;
        commentCount++;
    }

    private char at(int i) {
        return i < length ? text.charAt(i) : '\0';
    }

    private void run() {
        int i = 0;
        // a shebang line (not an inner attribute #![...]) is not code
        if (text.startsWith("#!") && !text.startsWith("#![")) {
            int nl = text.indexOf('\n');
            i = nl < 0 ? length : nl;
            comment(0, i);
        }
        while (i < length) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && at(i + 1) == '/') {
                int nl = text.indexOf('\n', i);
                int e = nl < 0 ? length : nl;
                // `///` (not `////`) and `//!` are doc comments
                docComment |= (at(i + 2) == '/' && at(i + 3) != '/') || at(i + 2) == '!';
                comment(i, e);
                i = e;
            } else if (c == '/' && at(i + 1) == '*') {
                int e = blockComment(i);
                // `/**` (not `/***` nor the empty `/**/`) and `/*!` are doc comments
                docComment |= (at(i + 2) == '*' && at(i + 3) != '*' && at(i + 3) != '/') || at(i + 2) == '!';
                comment(i, e);
                i = e;
            } else if (c == '"') {
                int e = quoted(i + 1, '"');
                add(STRING, i, e);
                i = e;
            } else if (c == '\'') {
                i = quote(i);
            } else if (c >= '0' && c <= '9') {
                i = number(i);
            } else if (identStart(c) || Character.isHighSurrogate(c) && identStart(text.codePointAt(i))) {
                i = identOrPrefixedLiteral(i);
            } else if (c == ':' && at(i + 1) == ':') {
                add(PATH_SEP, i, i + 2);
                i += 2;
            } else if (c == '-' && at(i + 1) == '>') {
                add(ARROW, i, i + 2);
                i += 2;
            } else if (c == '=' && at(i + 1) == '>') {
                add(FAT_ARROW, i, i + 2);
                i += 2;
            } else {
                int n = Character.charCount(text.codePointAt(i));
                add(PUNCT, i, i + n);
                i += n;
            }
        }
    }

    private static boolean identStart(int c) {
        return c == '_' || (c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                : Character.isUnicodeIdentifierStart(c));
    }

    private static boolean identPart(int c) {
        return c == '_' || (c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                : Character.isUnicodeIdentifierPart(c));
    }

    private int identEnd(int i) {
        while (i < length) {
            int cp = text.codePointAt(i);
            if (!identPart(cp)) break;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** A block comment from {@code i} ({@code /*}), nested ones included; returns the offset after it. */
    private int blockComment(int i) {
        int depth = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '/' && at(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && at(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) return i;
            } else {
                i++;
            }
        }
        return length;
    }

    /** The offset after an escaped literal whose body starts at {@code i} and ends with {@code close}. */
    private int quoted(int i, char close) {
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == close) {
                return i + 1;
            } else {
                i++;
            }
        }
        return length;
    }

    /** A raw string body after {@code "} opened with {@code hashes} {@code #}s; returns the offset after it. */
    private int raw(int i, int hashes) {
        while (i < length) {
            int q = text.indexOf('"', i);
            if (q < 0) return length;
            int k = 0;
            while (k < hashes && at(q + 1 + k) == '#') k++;
            if (k == hashes) return q + 1 + hashes;
            i = q + 1;
        }
        return length;
    }

    /** At {@code '}: a char literal ({@code 'x'}, {@code '\n'}, {@code '\\u{..}'}) or a lifetime / label. */
    private int quote(int i) {
        char n = at(i + 1);
        if (n == '\\') {
            int e = quoted(i + 1, '\'');
            add(CHAR, i, e);
            return e;
        }
        if (i + 1 < length) {
            int cp = text.codePointAt(i + 1);
            int after = i + 1 + Character.charCount(cp);
            if (at(after) == '\'' && cp != '\n') {
                add(CHAR, i, after + 1);
                return after + 1;
            }
            if (identStart(cp)) {
                int e = identEnd(after);
                add(LIFETIME, i, e);
                return e;
            }
        }
        add(PUNCT, i, i + 1);
        return i + 1;
    }

    /** A number: digits, letters (suffixes, hex, exponents) and underscores, with a fraction when a digit follows {@code .}. */
    private int number(int i) {
        int s = i;
        while (i < length) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
                i++;
            } else if (c == '.' && at(i + 1) >= '0' && at(i + 1) <= '9') {
                i++;
            } else {
                break;
            }
        }
        add(NUMBER, s, i);
        return i;
    }

    /**
     * An identifier, a raw identifier ({@code r#name}), or a literal with a prefix: {@code b"..."}, {@code b'x'},
     * {@code br"..."}, {@code r#"..."#}, {@code c"..."}, {@code cr"..."}.
     */
    private int identOrPrefixedLiteral(int i) {
        int e = identEnd(i);
        int len = e - i;
        char next = at(e);
        if (len <= 2) {
            String p = text.substring(i, e);
            boolean rawPrefix = p.equals("r") || p.equals("br") || p.equals("cr");
            if (rawPrefix && (next == '"' || next == '#')) {
                int j = e;
                int hashes = 0;
                while (at(j) == '#') {
                    hashes++;
                    j++;
                }
                if (at(j) == '"') {
                    int end = raw(j + 1, hashes);
                    add(STRING, i, end);
                    return end;
                }
                if (p.equals("r") && hashes == 1 && identStart(at(j))) {
                    int end = identEnd(j);
                    add(RAW_IDENT, i, end);
                    return end;
                }
            }
            if ((p.equals("b") || p.equals("c")) && next == '"') {
                int end = quoted(e + 1, '"');
                add(STRING, i, end);
                return end;
            }
            if (p.equals("b") && next == '\'') {
                int end = quoted(e + 1, '\'');
                add(CHAR, i, end);
                return end;
            }
        }
        add(IDENT, i, e);
        return e;
    }
}
