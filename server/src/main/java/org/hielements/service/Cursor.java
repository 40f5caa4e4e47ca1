package org.hielements.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hielements.syntax.Ast;
import org.hielements.text.Position;
import org.hielements.text.SourceText;
import org.hielements.text.Span;
import org.hielements.syntax.Token;
import org.hielements.syntax.TokenKind;

/**
 * Where the cursor is, read from the tokens and the tree so that it works in broken code: the word being typed, the
 * tokens of the statement before it on its line, whether it is in a comment or string, and the chain of
 * declarations (element, pattern, requirement element, language) around it.
 */
final class Cursor {
    final DocumentAnalysis analysis;
    final SourceText source;
    /** Offset of the cursor (clamped into the text). */
    final int offset;
    /** Start of the identifier the cursor is in or right after ({@code offset} when none). */
    final int wordStart;
    /** End of that identifier (the cursor may be in its middle). */
    final int wordEnd;
    /** The identifier characters before the cursor. */
    final String prefix;
    /** Significant tokens of the cursor's line that end before the word being typed. */
    final List<Token> before;
    final boolean inCommentOrString;
    /** Declarations around the cursor, outermost first ({@link Ast.Element}, {@link Ast.Pattern}, ...). */
    final List<Object> enclosing;

    private Cursor(DocumentAnalysis analysis, int offset) {
        this.analysis = analysis;
        this.source = analysis.source();
        this.offset = offset;
        String text = source.text();
        int ws = offset;
        while (ws > 0 && isIdentPart(text.charAt(ws - 1))) ws--;
        int we = offset;
        while (we < text.length() && isIdentPart(text.charAt(we))) we++;
        this.wordStart = ws;
        this.wordEnd = we;
        this.prefix = text.substring(ws, offset);
        int line = source.line(offset);
        int lineStart = source.lineStart(line);
        this.inCommentOrString = commentOrString(text, lineStart, offset);
        this.before = tokensBetween(analysis.tokens(), lineStart, ws);
        this.enclosing = enclosing(analysis.ast(), source, offset);
    }

    static Cursor at(DocumentAnalysis analysis, Position position) {
        return new Cursor(analysis, analysis.source().offset(position));
    }

    static boolean isIdentPart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /** Kind of the i-th token from the end of {@link #before} (0 = last), or null. */
    TokenKind fromEnd(int i) {
        int k = before.size() - 1 - i;
        return k >= 0 ? before.get(k).kind() : null;
    }

    Token tokenFromEnd(int i) {
        int k = before.size() - 1 - i;
        return k >= 0 ? before.get(k) : null;
    }

    TokenKind first() {
        return before.isEmpty() ? null : before.get(0).kind();
    }

    boolean has(TokenKind kind) {
        for (Token t : before) {
            if (t.kind() == kind) return true;
        }
        return false;
    }

    int lastIndexOf(TokenKind kind) {
        for (int i = before.size() - 1; i >= 0; i--) {
            if (before.get(i).kind() == kind) return i;
        }
        return -1;
    }

    /** The innermost element, pattern or requirement-element body around the cursor; null at top level. */
    Object innermost() {
        return enclosing.isEmpty() ? null : enclosing.get(enclosing.size() - 1);
    }

    /** Whether the cursor is inside a pattern (at any depth). */
    boolean inPattern() {
        for (Object o : enclosing) {
            if (o instanceof Ast.Pattern) return true;
        }
        return false;
    }

    Span wordSpan() {
        return new Span(wordStart, wordEnd);
    }

    // -------------------------------------------------------------------------------------------- helpers

    private static boolean commentOrString(String text, int from, int to) {
        char quote = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                return true;
            }
        }
        return quote != 0;
    }

    private static List<Token> tokensBetween(List<Token> tokens, int from, int to) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).start() < from) lo = mid + 1;
            else hi = mid;
        }
        List<Token> out = new ArrayList<>();
        for (int i = lo; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.start() >= to || t.end() > to) break;
            switch (t.kind()) {
                case NEWLINE, INDENT, DEDENT, EOF, DOC_COMMENT -> {
                }
                default -> out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The declarations whose body holds {@code offset}: a brace block holds what lies after its '{' up to its '}' (to
     * the end of file when never closed); an indented block holds the lines after its header as long as every line
     * up to the cursor is indented deeper than the declaration (so the line being typed at the end of a block
     * belongs to it).
     */
    static List<Object> enclosing(Ast.File file, SourceText source, int offset) {
        List<Object> chain = new ArrayList<>();
        List<?> level = file.declarations();
        int cursorIndent = cursorIndent(source, offset);
        while (level != null) {
            Object candidate = null;
            for (Object o : level) {
                Span s = spanOf(o);
                if (s == null) continue;
                if (s.start() >= offset) break;
                candidate = o;
            }
            if (candidate == null || !holds(candidate, source, offset, cursorIndent)) break;
            chain.add(candidate);
            level = items(candidate);
        }
        return chain;
    }

    private static Span spanOf(Object o) {
        if (o instanceof Ast.Element e) return e.span();
        if (o instanceof Ast.Pattern p) return p.span();
        if (o instanceof Ast.Language l) return l.span();
        if (o instanceof Ast.Requirement r && r.spec() instanceof Ast.ElementSpec) return r.span();
        return null;
    }

    private static List<?> items(Object o) {
        if (o instanceof Ast.Element e) return e.items();
        if (o instanceof Ast.Pattern p) return p.items();
        if (o instanceof Ast.Requirement r && r.spec() instanceof Ast.ElementSpec es) return es.items();
        return null;
    }

    private static boolean holds(Object o, SourceText source, int offset, int cursorIndent) {
        Span span = spanOf(o);
        Ast.Block block;
        int bodyStart;
        if (o instanceof Ast.Element e) {
            block = e.block();
        } else if (o instanceof Ast.Pattern p) {
            block = p.block();
        } else if (o instanceof Ast.Requirement r && r.spec() instanceof Ast.ElementSpec es) {
            block = es.block();
        } else {
            block = null;
        }
        if (o instanceof Ast.Language l) {
            int headerEnd = source.lineEnd(source.line(l.span().start()));
            String header = source.text().substring(l.span().start(), headerEnd);
            int colon = header.indexOf(':');
            if (colon < 0) return false;
            bodyStart = l.span().start() + colon + 1;
        } else if (block == null) {
            return false;
        } else {
            bodyStart = block.open().end();
        }
        if (offset < bodyStart) return false;
        if (block != null && block.style() == Ast.BlockStyle.BRACES) {
            return !block.closed() || offset < block.span().end();
        }
        int headerLine = source.line(bodyStart);
        int cursorLine = source.line(offset);
        if (cursorLine == headerLine) return true;
        int declIndent = indentOf(source, source.line(span.start()));
        if (cursorIndent <= declIndent) return false;
        int from = Math.max(headerLine + 1, source.line(span.end()) + 1);
        for (int l = from; l < cursorLine; l++) {
            int s = source.lineStart(l);
            int e = source.lineEnd(l);
            String t = source.text().substring(s, e);
            if (t.isBlank() || t.stripLeading().startsWith("#")) continue;
            if (indentOf(source, l) <= declIndent) return false;
        }
        return true;
    }

    private static int cursorIndent(SourceText source, int offset) {
        int line = source.line(offset);
        int start = source.lineStart(line);
        String upToCursor = source.text().substring(start, offset);
        if (upToCursor.isBlank()) return width(upToCursor);
        return indentOf(source, line);
    }

    static int indentOf(SourceText source, int line) {
        int s = source.lineStart(line);
        int e = source.lineEnd(line);
        int i = s;
        while (i < e && (source.text().charAt(i) == ' ' || source.text().charAt(i) == '\t')) i++;
        return width(source.text().substring(s, i));
    }

    private static int width(String ws) {
        int w = 0;
        for (int i = 0; i < ws.length(); i++) w += ws.charAt(i) == '\t' ? 4 : 1;
        return w;
    }
}
