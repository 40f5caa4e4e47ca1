package org.hielements.syntax;

import org.hielements.text.Span;

import org.hielements.text.SourceText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.DiagnosticCap;
import org.hielements.syntax.Ast.Block;
import org.hielements.syntax.Ast.BlockStyle;
import org.hielements.syntax.Ast.Declaration;
import org.hielements.syntax.Ast.DocComment;
import org.hielements.syntax.Ast.Expr;
import org.hielements.syntax.Ast.Item;
import org.hielements.syntax.Ast.Name;
import org.hielements.syntax.Ast.QualifiedName;

/**
 * The hand-written recursive-descent parser of {@code .hie} files: the grammar upstream's parser accepts
 * (upstream-language.md §1), with the changes of LANGUAGE.md §1.
 *
 * <p>Recovery is per statement: a statement that cannot be parsed gives one diagnostic, the rest of its line is
 * skipped (bracket-aware: an open {@code (} or {@code [} carries the statement on to deeper continuation lines), and
 * parsing goes on in the same block. A broken statement stays in the tree when its name could be read: a scope or
 * ref then has a null value, a check a null expression, a binding a null value. A declaration whose header is broken
 * still gets its body parsed when the header line ends with {@code :} or {@code {} (or the next line is indented);
 * an element or pattern whose name could not be read is kept with an empty name so its body stays in the tree.
 * A parser diagnostic is left out when a lexical diagnostic (E017-E019) already lies inside the broken statement.
 *
 * <p>Linear time: bounded lookahead, no backtracking; every loop consumes a token. Nesting deeper than
 * {@value #MAX_DEPTH} levels (elements or expressions) is E020. Never throws on any input.
 */
public final class Parser {
    static final int MAX_DEPTH = 200;

    private enum BodyKind { ELEMENT, PATTERN, SPEC }

    /** Where a body is: inside a pattern (unbounded scopes and refs allowed), inside a requirement element. */
    private record Ctx(boolean inPattern, boolean inSpec) {
        static final Ctx TOP = new Ctx(false, false);
    }

    /** An error that abandons the current statement. No stack trace: it is control flow. */
    private static final class ParseError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Code code;
        final Token at;
        final Span span;
        final transient Object[] args;

        ParseError(Code code, Token at, Span span, Object... args) {
            super(code.id(), null, false, false);
            this.code = code;
            this.at = at;
            this.span = span;
            this.args = args;
        }
    }

    private final SourceText source;
    private final Token[] toks;
    private final int last;
    private final int[] lexErrorStarts;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final DiagnosticCap.Overflow overflow = new DiagnosticCap.Overflow();
    private int pos;
    private int lastEnd;
    private int depth;
    private boolean inBraces;

    private Parser(SourceText source, Lexer.Result lexed) {
        this.source = source;
        this.toks = lexed.tokens().toArray(new Token[0]);
        this.last = toks.length - 1;
        this.lexErrorStarts = lexed.errorStarts().clone();
        java.util.Arrays.sort(this.lexErrorStarts);
    }

    /** Parses a whole file: always a tree, and the lexical and syntax diagnostics in source order. */
    public static ParseResult parse(SourceText source) {
        return parse(source, Lexer.lex(source));
    }

    /**
     * Parses tokens the lexer already made of {@code source} (for a caller that keeps the tokens too: the parse
     * result does not hold them, so that the many parses a workspace keeps do not hold their tokens either).
     */
    public static ParseResult parse(SourceText source, Lexer.Result lexed) {
        Parser p = new Parser(source, lexed);
        Ast.File file = p.file();
        List<Diagnostic> all = new ArrayList<>(lexed.diagnostics());
        all.addAll(p.diagnostics);
        Diagnostic note = p.overflow.note(source, p.diagnostics.size());
        if (note != null) all.add(note);
        all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()));
        return new ParseResult(source, file, DiagnosticCap.cap(all));
    }

    // ------------------------------------------------------------------------------------------------ tokens

    private Token peek() {
        return toks[pos];
    }

    private Token peek(int k) {
        return toks[Math.min(pos + k, last)];
    }

    private boolean at(TokenKind k) {
        return toks[pos].kind() == k;
    }

    private Token advance() {
        Token t = toks[pos];
        if (pos < last) pos++;
        switch (t.kind()) {
            case NEWLINE, INDENT, DEDENT, DOC_COMMENT, EOF -> { }
            default -> lastEnd = t.end();
        }
        return t;
    }

    private Token expect(TokenKind k) {
        if (at(k)) return advance();
        throw error(Code.E007, peek(), k.describe(), found(peek()));
    }

    /**
     * A closing delimiter; without it: {@code Expected ')' to close the call opened at 3:12, found the end of the
     * line} (line and column of the opening one as the command line counts them).
     */
    private Token expectClosing(TokenKind k, Token open, String what) {
        if (at(k)) return advance();
        String where = source.cliLine(open.start()) + ":" + source.cliColumn(open.start());
        throw error(Code.E007, peek(), k.describe() + " to close " + what + " opened at " + where, found(peek()));
    }

    /**
     * A token in plain words for "found ...": {@code the name 'foo'}, {@code 'element'}, {@code the string 'x'},
     * {@code the end of the line}; long texts are cut, control characters never printed.
     */
    static String found(Token t) {
        return switch (t.kind()) {
            case IDENTIFIER -> "the name '" + clip(t.text()) + "'";
            case STRING_SINGLE, STRING_DOUBLE -> "the string '" + clip(t.text()) + "'";
            case NUMBER -> "the number " + clip(t.text());
            default -> t.kind().describe();
        };
    }

    private static String clip(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 40; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (b.length() < text.length()) b.append('\u2026');
        return b.toString();
    }

    /** The end of a statement: a line break (consumed), or a DEDENT, end of file, or in a brace block a '}'. */
    private void expectEnd() {
        switch (peek().kind()) {
            case NEWLINE -> advance();
            case DEDENT, EOF -> { }
            case RBRACE -> {
                if (!inBraces) throw error(Code.E008, peek(), found(peek()));
            }
            default -> throw error(Code.E008, peek(), found(peek()));
        }
    }

    private static ParseError error(Code code, Token at, Object... args) {
        return new ParseError(code, at, at.span(), args);
    }

    private Span from(Token start) {
        return new Span(start.start(), Math.max(start.end(), lastEnd));
    }

    private Name name() {
        Token t = peek();
        if (t.kind() == TokenKind.IDENTIFIER || t.kind().isSoftKeyword()) {
            advance();
            return new Name(t.text(), t.span());
        }
        throw error(Code.E004, t, found(t));
    }

    /**
     * A pattern name as written after {@code implements}: {@code P}, or {@code alias.P} for a pattern of an imported
     * file (docs/LANGUAGE.md §3). One name whose text holds the dots, spanning every segment.
     */
    private Name patternName() {
        Name first = name();
        if (!at(TokenKind.DOT)) return first;
        StringBuilder text = new StringBuilder(first.text());
        Name lastSegment = first;
        while (at(TokenKind.DOT)) {
            advance();
            lastSegment = name();
            text.append('.').append(lastSegment.text());
        }
        return new Name(text.toString(), first.span().cover(lastSegment.span()));
    }

    private QualifiedName qualifiedName() {
        List<Name> segments = new ArrayList<>();
        segments.add(name());
        while (at(TokenKind.DOT)) {
            advance();
            segments.add(name());
        }
        return new QualifiedName(segments, segments.get(0).span().cover(segments.get(segments.size() - 1).span()));
    }

    // ------------------------------------------------------------------------------------------------ errors

    private void report(Code code, Span span, int regionStart, int regionEnd, Object... args) {
        if (lexErrorIn(regionStart, regionEnd)) return;
        add(code, span, args);
    }

    private boolean lexErrorIn(int from, int to) {
        int lo = 0;
        int hi = lexErrorStarts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lexErrorStarts[mid] < from) lo = mid + 1;
            else hi = mid;
        }
        return lo < lexErrorStarts.length && lexErrorStarts[lo] <= to;
    }

    /** A statement starting at token index {@code start} is broken: skip the rest of it, then report once. */
    private void fail(ParseError e, int start) {
        skipStatement(start);
        int regionEnd = Math.max(e.at.end(), pos > 0 ? toks[pos - 1].end() : 0);
        report(e.code, e.span, toks[start].start(), regionEnd, e.args);
    }

    /** Reports an error at the current token as a broken statement starting there. */
    private void failHere(Code code, Object... args) {
        int start = pos;
        fail(error(code, peek(), args), start);
    }

    /**
     * Skips the rest of a broken statement that started at token index {@code start}: to the end of its line; on
     * over deeper (indented) continuation lines, which belong to it; and while a bracket opened in the statement is
     * open, over a following line that starts by closing it. Stops before a DEDENT out of the statement's level and
     * before a '}' that closes the enclosing brace block.
     */
    private void skipStatement(int start) {
        int parens = 0;
        int braces = 0;
        for (int i = start; i < pos; i++) {
            switch (toks[i].kind()) {
                case LPAREN, LBRACKET -> parens++;
                case RPAREN, RBRACKET -> parens = Math.max(0, parens - 1);
                case LBRACE -> braces++;
                case RBRACE -> braces = Math.max(0, braces - 1);
                default -> { }
            }
        }
        int balance = 0;
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case EOF -> {
                    return;
                }
                case LPAREN, LBRACKET -> {
                    parens++;
                    advance();
                }
                case RPAREN, RBRACKET -> {
                    parens = Math.max(0, parens - 1);
                    advance();
                }
                case LBRACE -> {
                    braces++;
                    advance();
                }
                case RBRACE -> {
                    if (braces > 0) braces--;
                    else if (inBraces) return;
                    advance();
                }
                case NEWLINE -> {
                    advance();
                    if (at(TokenKind.INDENT) || balance > 0) continue;
                    if ((parens > 0 || braces > 0) && closesBracket(peek())) continue;
                    return;
                }
                case INDENT -> {
                    balance++;
                    advance();
                }
                case DEDENT -> {
                    if (balance == 0) return;
                    balance--;
                    advance();
                    if (balance == 0 && !((parens > 0 || braces > 0) && closesBracket(peek()))) return;
                }
                default -> advance();
            }
        }
    }

    private static boolean closesBracket(Token t) {
        return t.kind() == TokenKind.RPAREN || t.kind() == TokenKind.RBRACKET || t.kind() == TokenKind.RBRACE;
    }

    /** Enters one more level of nesting; past {@link #MAX_DEPTH}: E020 and the statement is skipped. */
    private boolean enter(int start) {
        if (depth >= MAX_DEPTH) {
            fail(new ParseError(Code.E020, toks[start], toks[start].span(), MAX_DEPTH), start);
            return false;
        }
        depth++;
        return true;
    }

    /** A diagnostic that is not about a broken statement (E014, E015, W002, ...): always reported. */
    private void add(Code code, Span span, Object... args) {
        if (diagnostics.size() >= DiagnosticCap.PER_FILE) {
            overflow.add(code.severity(), span); // counted, not made (bounded memory on a file of broken lines)
            return;
        }
        diagnostics.add(Diagnostic.of(code, source, span, args));
    }

    // ------------------------------------------------------------------------------------------------ file

    private Ast.File file() {
        List<Ast.Import> imports = new ArrayList<>();
        List<Declaration> declarations = new ArrayList<>();
        List<Token> docs = new ArrayList<>();
        boolean seenDeclaration = false;
        int stray = 0;
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case EOF -> {
                    return new Ast.File(imports, declarations, new Span(0, source.text().length()));
                }
                case NEWLINE -> advance();
                case DOC_COMMENT -> docs.add(advance());
                case IMPORT, FROM -> {
                    docs.clear();
                    if (seenDeclaration) {
                        failHere(Code.E001, found(t));
                    } else {
                        Ast.Import imp = importStatement();
                        if (imp != null) imports.add(imp);
                    }
                }
                case ELEMENT -> {
                    seenDeclaration = true;
                    Ast.Element e = element(doc(docs), Ctx.TOP);
                    if (e != null) declarations.add(e);
                }
                case PATTERN, TEMPLATE -> {
                    seenDeclaration = true;
                    Ast.Pattern p = pattern(doc(docs));
                    if (p != null) declarations.add(p);
                }
                case LANGUAGE -> {
                    seenDeclaration = true;
                    Ast.Language l = language(doc(docs));
                    if (l != null) declarations.add(l);
                }
                case INDENT -> {
                    // a stray indented line: one error; the matching DEDENT later is not reported again
                    report(Code.E001, t.span(), t.start(), t.end(), "a line indented deeper than the one before");
                    stray++;
                    advance();
                }
                case DEDENT -> {
                    if (stray > 0) stray--;
                    else report(Code.E001, t.span(), t.start(), t.end(), "the end of an indented block");
                    advance();
                }
                default -> {
                    docs.clear();
                    failHere(Code.E001, found(t));
                }
            }
        }
    }

    /** The doc comment made of the pending {@code ##} lines (which are then cleared), or null. */
    private static DocComment doc(List<Token> docs) {
        if (docs.isEmpty()) return null;
        StringBuilder text = new StringBuilder();
        for (Token d : docs) {
            if (text.length() > 0) text.append('\n');
            String line = d.text();
            int i = 0;
            while (i < line.length() && line.charAt(i) == '#') i++;
            text.append(line.substring(i).strip());
        }
        DocComment doc = new DocComment(text.toString(), docs.get(0).span().cover(docs.get(docs.size() - 1).span()));
        docs.clear();
        return doc;
    }

    // ------------------------------------------------------------------------------------------------ imports

    private Ast.Import importStatement() {
        int start = pos;
        Token kw = advance();
        try {
            if (kw.kind() == TokenKind.IMPORT) {
                Ast.ImportPath path = importPath();
                Name alias = null;
                if (at(TokenKind.AS)) {
                    advance();
                    alias = name();
                }
                Span span = from(kw);
                expectEnd();
                return new Ast.Import(false, path, alias, List.of(), span);
            }
            Ast.ImportPath path = importPath();
            expect(TokenKind.IMPORT);
            List<Name> names = new ArrayList<>();
            names.add(name());
            while (at(TokenKind.COMMA)) {
                advance();
                names.add(name());
            }
            Span span = from(kw);
            expectEnd();
            return new Ast.Import(true, path, null, names, span);
        } catch (ParseError e) {
            fail(e, start);
            return null;
        }
    }

    private Ast.ImportPath importPath() {
        Token t = peek();
        if (t.kind().isString()) {
            advance();
            return new Ast.ImportPath.StringPath(t.text(), t.span());
        }
        return new Ast.ImportPath.Dotted(qualifiedName());
    }

    // ------------------------------------------------------------------------------------------------ declarations

    /** What a declaration header gave: its name (maybe null) and implemented patterns. */
    private record Header(Name name, List<Name> implemented) {}

    /**
     * {@code name [implements p, q]} up to the body opener. On an error: one diagnostic, then the position is put on
     * the body opener if the line ends with one ('{' anywhere after the error, or a last ':'), else after the line
     * when the next line is indented or starts with '{', else on the line break (no body).
     */
    private Header header(Token kw, boolean allowImplements) {
        Name name = null;
        List<Name> implemented = new ArrayList<>();
        try {
            name = name();
            if (allowImplements && at(TokenKind.IMPLEMENTS)) {
                advance();
                implemented.add(patternName());
                while (at(TokenKind.COMMA)) {
                    advance();
                    implemented.add(patternName());
                }
            }
            if (!at(TokenKind.COLON) && !at(TokenKind.LBRACE)) {
                throw error(Code.E007, peek(), TokenKind.COLON.describe(), found(peek()));
            }
        } catch (ParseError e) {
            int i = pos;
            int brace = -1;
            int lastTok = -1;
            while (toks[i].kind() != TokenKind.NEWLINE && toks[i].kind() != TokenKind.EOF) {
                if (toks[i].kind() == TokenKind.LBRACE && brace < 0) brace = i;
                if (toks[i].kind() != TokenKind.DOC_COMMENT) lastTok = i;
                i++;
            }
            report(e.code, e.span, kw.start(), toks[i].start(), e.args);
            if (brace >= 0) {
                skipTo(brace);
            } else if (lastTok >= 0 && toks[lastTok].kind() == TokenKind.COLON) {
                skipTo(lastTok);
            } else {
                skipTo(i);
                if (at(TokenKind.NEWLINE)
                        && (peek(1).kind() == TokenKind.INDENT || peek(1).kind() == TokenKind.LBRACE)) {
                    advance();
                }
            }
        }
        return new Header(name, implemented);
    }

    private void skipTo(int index) {
        while (pos < index && pos < last) advance();
    }

    private Ast.Element element(DocComment doc, Ctx ctx) {
        int start = pos;
        Token kw = advance();
        if (!enter(start)) return null;
        try {
            Header h = header(kw, true);
            Body body = body(BodyKind.ELEMENT, ctx);
            Name name = h.name() != null ? h.name() : new Name("", Span.at(kw.end()));
            return new Ast.Element(doc, name, h.implemented(), body.items, body.block, from(kw));
        } finally {
            depth--;
        }
    }

    private Ast.Pattern pattern(DocComment doc) {
        int start = pos;
        Token kw = advance();
        if (!enter(start)) return null;
        try {
            Header h = header(kw, false);
            Body body = body(BodyKind.PATTERN, new Ctx(true, false));
            Name name = h.name() != null ? h.name() : new Name("", Span.at(kw.end()));
            return new Ast.Pattern(doc, kw.kind() == TokenKind.TEMPLATE, name, body.items, body.block, from(kw));
        } finally {
            depth--;
        }
    }

    private record Body(List<Item> items, Block block) {}

    private static final Body NO_BODY = new Body(List.of(), null);

    /** The body after a declaration header: a brace block, a ':' indentation block, or (recovery) a bare INDENT. */
    private Body body(BodyKind kind, Ctx ctx) {
        Token t = peek();
        if (t.kind() == TokenKind.LBRACE) return braceBody(kind, ctx);
        if (t.kind() == TokenKind.COLON) {
            advance();
            List<Token> docs = new ArrayList<>();
            if (!openIndent(t, docs)) return NO_BODY;
            return indentBody(kind, ctx, t, docs);
        }
        if (t.kind() == TokenKind.INDENT) {
            advance();
            return indentBody(kind, ctx, t, new ArrayList<>());
        }
        return NO_BODY;
    }

    /**
     * After a block's ':': line breaks and doc comments, then an INDENT, all consumed (the docs go to
     * {@code docs}). Without an INDENT: E007 "Expected Indent, found X", nothing consumed but the line breaks.
     */
    private boolean openIndent(Token colon, List<Token> docs) {
        int j = pos;
        while (toks[j].kind() == TokenKind.NEWLINE || toks[j].kind() == TokenKind.DOC_COMMENT) j++;
        if (toks[j].kind() != TokenKind.INDENT) {
            while (at(TokenKind.NEWLINE)) advance();
            report(Code.E007, toks[j].span(), colon.start(), toks[j].end(), TokenKind.INDENT.describe(), found(toks[j]));
            return false;
        }
        while (pos <= j) {
            Token t = advance();
            if (t.kind() == TokenKind.DOC_COMMENT) docs.add(t);
        }
        return true;
    }

    private Body braceBody(BodyKind kind, Ctx ctx) {
        Token open = advance();
        List<Item> items = new ArrayList<>();
        List<Token> docs = new ArrayList<>();
        boolean closed = braceLines(open, t -> {
            if (t.kind() == TokenKind.DOC_COMMENT) docs.add(advance());
            else item(kind, ctx, doc(docs), items);
        });
        return new Body(items, new Block(BlockStyle.BRACES, open.span(), from(open), closed));
    }

    /**
     * The lines of a brace block, after its '{' up to and including its '}': line breaks and indentation are
     * skipped (INDENTs and DEDENTs counted, see {@link #neutralizeDedents}), and {@code item} reads what starts at
     * every other token (it consumes at least that token). Returns whether the '}' came; at the end of the file
     * instead, W002 at the '{'.
     */
    private boolean braceLines(Token open, java.util.function.Consumer<Token> item) {
        boolean saved = inBraces;
        inBraces = true;
        int net = 0;
        try {
            while (true) {
                Token t = peek();
                switch (t.kind()) {
                    case NEWLINE -> advance();
                    case INDENT -> {
                        net++;
                        advance();
                    }
                    case DEDENT -> {
                        net--;
                        advance();
                    }
                    case RBRACE -> {
                        advance();
                        neutralizeDedents(net);
                        return true;
                    }
                    case EOF -> {
                        add(Code.W002, open.span());
                        return false;
                    }
                    default -> item.accept(t);
                }
            }
        } finally {
            inBraces = saved;
        }
    }

    /**
     * A brace block closed by a '}' on a deeper line than it started ({@code element a {⏎    check x.y() }}) has
     * consumed INDENTs whose DEDENTs come later: they pair with the levels opened inside the block (the innermost
     * ones, so the next {@code net} DEDENTs), and are turned into empty line breaks so that the enclosing block
     * does not end early.
     */
    private void neutralizeDedents(int net) {
        for (int i = pos; net > 0 && i < last; i++) {
            if (toks[i].kind() == TokenKind.DEDENT) {
                toks[i] = new Token(TokenKind.NEWLINE, toks[i].start(), toks[i].start(), null);
                net--;
            }
        }
    }

    private Body indentBody(BodyKind kind, Ctx ctx, Token open, List<Token> docs) {
        boolean saved = inBraces;
        inBraces = false;
        List<Item> items = new ArrayList<>();
        int stray = 0;
        try {
            while (true) {
                Token t = peek();
                switch (t.kind()) {
                    case NEWLINE -> advance();
                    case EOF -> {
                        return new Body(items, new Block(BlockStyle.INDENT, open.span(), from(open), true));
                    }
                    case DEDENT -> {
                        advance();
                        if (stray == 0) {
                            return new Body(items, new Block(BlockStyle.INDENT, open.span(), from(open), true));
                        }
                        stray--;
                    }
                    case INDENT -> {
                        // a line deeper than the block: one error, its statements still belong to the block
                        report(kind == BodyKind.ELEMENT ? Code.E002 : Code.E002_PATTERN, t.span(), t.start(),
                                t.end(), "a line indented deeper than the one before");
                        stray++;
                        advance();
                    }
                    case DOC_COMMENT -> docs.add(advance());
                    default -> item(kind, ctx, doc(docs), items);
                }
            }
        } finally {
            inBraces = saved;
        }
    }

    /** One statement of an element, pattern or requirement-element body; adds what it could read to {@code items}. */
    private void item(BodyKind kind, Ctx ctx, DocComment doc, List<Item> items) {
        Token t = peek();
        boolean unboundedOk = ctx.inPattern() || kind == BodyKind.SPEC;
        Code wrongStart = kind == BodyKind.ELEMENT ? Code.E002 : Code.E002_PATTERN;
        Item item = null;
        switch (t.kind()) {
            case SCOPE -> item = scopeStatement(doc, unboundedOk);
            case REF, CONNECTION_POINT -> item = refStatement(doc, unboundedOk);
            case CHECK -> item = checkStatement(doc);
            case ELEMENT -> {
                Ctx child = switch (kind) {
                    case PATTERN -> new Ctx(true, false);
                    case SPEC -> new Ctx(false, true);
                    case ELEMENT -> ctx;
                };
                item = element(doc, child);
            }
            case REQUIRES, ALLOWS, FORBIDS -> {
                if (kind == BodyKind.PATTERN) item = requirement();
                else failHere(ctx.inSpec() || kind == BodyKind.SPEC ? Code.E012_SPEC : Code.E012, t.text());
            }
            case IDENTIFIER -> {
                if (kind != BodyKind.ELEMENT) {
                    failHere(wrongStart, found(t));
                } else if (peek(1).kind() == TokenKind.USES) {
                    item = usesStatement();
                } else if (peek(1).kind() == TokenKind.DOT) {
                    item = bindingStatement();
                } else {
                    failHere(Code.E002, found(t));
                }
            }
            case USES -> failHere(kind == BodyKind.ELEMENT ? Code.E016 : Code.E002_PATTERN, found(t));
            default -> failHere(wrongStart, found(t));
        }
        if (item != null) items.add(item);
    }

    // ------------------------------------------------------------------------------------------------ statements

    /** What a scope or ref statement read before it broke. */
    private static final class Parts {
        Name name;
        Name language;
        boolean legacy;
        Name type;
        QualifiedName binds;
        Expr value;
    }

    private Ast.Scope scopeStatement(DocComment doc, boolean unboundedOk) {
        int start = pos;
        Token kw = peek();
        Parts p = new Parts();
        try {
            Ast.Scope scope = scopeCore(doc, p);
            if (scope.value() == null && !unboundedOk) {
                add(Code.E014, scope.span(), scope.name().text());
            }
            return scope;
        } catch (ParseError e) {
            fail(e, start);
            return p.name == null ? null
                    : new Ast.Scope(doc, p.name, p.language, p.legacy, p.binds, null, from(kw));
        }
    }

    /** {@code scope name [<lang> | : lang] [binds a.b] [= expr] END}. */
    private Ast.Scope scopeCore(DocComment doc, Parts p) {
        Token kw = advance();
        p.name = name();
        if (at(TokenKind.LANGLE)) {
            advance();
            p.language = name();
            expect(TokenKind.RANGLE);
        } else if (at(TokenKind.COLON)) {
            advance();
            p.language = name();
            p.legacy = true;
        }
        if (at(TokenKind.BINDS)) {
            advance();
            p.binds = qualifiedName();
        }
        Expr value = null;
        if (at(TokenKind.EQUALS)) {
            advance();
            value = expr();
        }
        Span span = from(kw);
        expectEnd();
        return new Ast.Scope(doc, p.name, p.language, p.legacy, p.binds, value, span);
    }

    private Ast.Ref refStatement(DocComment doc, boolean unboundedOk) {
        int start = pos;
        Token kw = peek();
        Parts p = new Parts();
        try {
            Ast.Ref ref = refCore(doc, p, true);
            if (ref.value() == null && !unboundedOk) {
                add(Code.E015, ref.span(), ref.name().text(), ref.type().text());
            }
            return ref;
        } catch (ParseError e) {
            fail(e, start);
            return p.name == null ? null
                    : new Ast.Ref(doc, kw.kind() == TokenKind.CONNECTION_POINT, p.name, p.type, p.binds, null,
                            from(kw));
        }
    }

    /** {@code (ref | connection_point) name : Type [binds a.b] [= expr] END} ({@code binds} only when allowed). */
    private Ast.Ref refCore(DocComment doc, Parts p, boolean allowBinds) {
        Token kw = advance();
        p.name = name();
        expect(TokenKind.COLON);
        p.type = name();
        if (allowBinds && at(TokenKind.BINDS)) {
            advance();
            p.binds = qualifiedName();
        }
        Expr value = null;
        if (at(TokenKind.EQUALS)) {
            advance();
            value = expr();
        }
        Span span = from(kw);
        expectEnd();
        return new Ast.Ref(doc, kw.kind() == TokenKind.CONNECTION_POINT, p.name, p.type, p.binds, value, span);
    }

    private Ast.Check checkStatement(DocComment doc) {
        int start = pos;
        Token kw = peek();
        try {
            return checkCore(doc);
        } catch (ParseError e) {
            fail(e, start);
            return new Ast.Check(doc, null, from(kw));
        }
    }

    private Ast.Check checkCore(DocComment doc) {
        Token kw = advance();
        Expr e = expr();
        Span span = from(kw);
        expectEnd();
        return new Ast.Check(doc, e, span);
    }

    /** {@code source uses a.b.c END}. */
    private Ast.Uses usesStatement() {
        int start = pos;
        try {
            Token src = advance();
            advance();
            QualifiedName target = qualifiedName();
            Span span = from(src);
            expectEnd();
            return new Ast.Uses(new Name(src.text(), src.span()), target, span);
        } catch (ParseError e) {
            fail(e, start);
            return null;
        }
    }

    /** The old form {@code pattern.path.placeholder = expr END}; without '=' it is E003 "Not a template binding". */
    private Ast.Binding bindingStatement() {
        int start = pos;
        Token first = peek();
        QualifiedName target = null;
        try {
            advance();
            List<Name> segments = new ArrayList<>();
            segments.add(new Name(first.text(), first.span()));
            while (at(TokenKind.DOT)) {
                advance();
                segments.add(name());
            }
            if (!at(TokenKind.EQUALS)) throw new ParseError(Code.E003_BINDING, peek(), first.span());
            target = new QualifiedName(segments, first.span().cover(segments.get(segments.size() - 1).span()));
            advance();
            Expr value = expr();
            Span span = from(first);
            expectEnd();
            return new Ast.Binding(target, value, span);
        } catch (ParseError e) {
            fail(e, start);
            return target == null ? null : new Ast.Binding(target, null, from(first));
        }
    }

    // ------------------------------------------------------------------------------------------------ requirements

    private Ast.Requirement requirement() {
        int start = pos;
        Token kw = advance();
        Ast.RequirementKind kind = switch (kw.kind()) {
            case REQUIRES -> Ast.RequirementKind.REQUIRES;
            case ALLOWS -> Ast.RequirementKind.ALLOWS;
            default -> Ast.RequirementKind.FORBIDS;
        };
        boolean descendant = false;
        try {
            if (at(TokenKind.DESCENDANT)) {
                advance();
                descendant = true;
            }
            Token t = peek();
            Ast.RequirementSpec spec = switch (t.kind()) {
                case SCOPE -> new Ast.ScopeSpec(scopeCore(null, new Parts()));
                case CHECK -> new Ast.CheckSpec(checkCore(null));
                case ELEMENT -> elementSpec();
                case CONNECTION -> connectionSpec();
                case REF, CONNECTION_POINT -> new Ast.RefSpec(refCore(null, new Parts(), false));
                case IMPLEMENTS -> {
                    advance();
                    Name n = patternName();
                    Span span = from(t);
                    expectEnd();
                    yield new Ast.ImplementsSpec(n, span);
                }
                case LANGUAGE -> {
                    advance();
                    Name n = name();
                    Span span = from(t);
                    expectEnd();
                    yield new Ast.LanguageSpec(n, span);
                }
                default -> throw error(Code.E011, t, kw.text() + " " + (descendant ? "descendant" : ""),
                        found(t));
            };
            return new Ast.Requirement(kind, descendant, spec, new Span(kw.start(), Math.max(kw.end(),
                    spec.span().end())));
        } catch (ParseError e) {
            fail(e, start);
            return null;
        }
    }

    /** {@code connection [to] a.b.*}: after a '.', only an identifier or '*' continues the path. */
    private Ast.ConnectionSpec connectionSpec() {
        Token kw = advance();
        boolean to = false;
        if (at(TokenKind.TO)) {
            advance();
            to = true;
        }
        List<Name> segments = new ArrayList<>();
        segments.add(name());
        boolean wildcard = false;
        while (at(TokenKind.DOT)) {
            advance();
            Token t = peek();
            if (t.kind() == TokenKind.IDENTIFIER) {
                advance();
                segments.add(new Name(t.text(), t.span()));
            } else {
                if (t.kind() == TokenKind.STAR) {
                    advance();
                    wildcard = true;
                }
                break;
            }
        }
        Span span = from(kw);
        expectEnd();
        return new Ast.ConnectionSpec(to, segments, wildcard, span);
    }

    /** {@code element name [: Type] [implements Q] (: [indented body] | END)}. */
    private Ast.ElementSpec elementSpec() {
        Token kw = advance();
        if (depth >= MAX_DEPTH) throw new ParseError(Code.E020, kw, kw.span(), MAX_DEPTH);
        depth++;
        try {
            Name name = name();
            Name type = null;
            Name implemented = null;
            if (at(TokenKind.COLON) && peek(1).kind() == TokenKind.IDENTIFIER) {
                switch (peek(2).kind()) {
                    case IMPLEMENTS, NEWLINE, COLON, EOF, DEDENT, RBRACE -> {
                        advance();
                        Token t = advance();
                        type = new Name(t.text(), t.span());
                    }
                    default -> { }
                }
            }
            if (at(TokenKind.IMPLEMENTS)) {
                advance();
                implemented = patternName();
            }
            List<Item> items = List.of();
            Block block = null;
            if (at(TokenKind.COLON)) {
                Token colon = advance();
                int j = pos;
                while (toks[j].kind() == TokenKind.NEWLINE || toks[j].kind() == TokenKind.DOC_COMMENT) j++;
                if (toks[j].kind() == TokenKind.INDENT) {
                    List<Token> docs = new ArrayList<>();
                    while (pos <= j) {
                        Token t = advance();
                        if (t.kind() == TokenKind.DOC_COMMENT) docs.add(t);
                    }
                    Body body = indentBody(BodyKind.SPEC, new Ctx(false, true), colon, docs);
                    items = body.items;
                    block = body.block;
                } else {
                    while (at(TokenKind.NEWLINE)) advance();
                }
            } else {
                expectEnd();
            }
            return new Ast.ElementSpec(name, type, implemented, items, block, from(kw));
        } finally {
            depth--;
        }
    }

    // ------------------------------------------------------------------------------------------------ languages

    private Ast.Language language(DocComment doc) {
        int start = pos;
        Token kw = advance();
        Name name = null;
        List<Ast.ConnectionCheck> checks = new ArrayList<>();
        try {
            name = name();
            if (at(TokenKind.COLON)) {
                Token colon = advance();
                List<Token> docs = new ArrayList<>();
                if (openIndent(colon, docs)) languageBody(checks, docs);
            } else if (at(TokenKind.LBRACE)) {
                // upstream has no brace form (E008); we report it once and read the body anyway
                Token open = peek();
                report(Code.E008, open.span(), kw.start(), open.end(), found(open));
                languageBraceBody(checks);
            } else {
                expectEnd();
            }
        } catch (ParseError e) {
            fail(e, start);
        }
        return name == null ? null : new Ast.Language(doc, name, checks, from(kw));
    }

    private void languageBody(List<Ast.ConnectionCheck> checks, List<Token> docs) {
        boolean saved = inBraces;
        inBraces = false;
        int stray = 0;
        try {
            while (true) {
                Token t = peek();
                switch (t.kind()) {
                    case NEWLINE -> advance();
                    case EOF -> {
                        return;
                    }
                    case DEDENT -> {
                        advance();
                        if (stray == 0) return;
                        stray--;
                    }
                    case INDENT -> {
                        report(Code.E013, t.span(), t.start(), t.end(), "a line indented deeper than the one before");
                        stray++;
                        advance();
                    }
                    default -> languageItem(t, docs, checks);
                }
            }
        } finally {
            inBraces = saved;
        }
    }

    /** One item of a language body: a doc comment, a connection check, or else E013 at the token. */
    private void languageItem(Token t, List<Token> docs, List<Ast.ConnectionCheck> checks) {
        switch (t.kind()) {
            case DOC_COMMENT -> docs.add(advance());
            case CONNECTION_CHECK -> {
                Ast.ConnectionCheck c = connectionCheck(doc(docs));
                if (c != null) checks.add(c);
            }
            default -> {
                docs.clear();
                failHere(Code.E013, found(t));
            }
        }
    }

    private void languageBraceBody(List<Ast.ConnectionCheck> checks) {
        Token open = advance();
        List<Token> docs = new ArrayList<>();
        braceLines(open, t -> languageItem(t, docs, checks));
    }

    /**
     * {@code connection_check name(p: scope[], ...):} then an indented body of exactly one expression. A further
     * body line is E013; the check keeps its first expression.
     */
    private Ast.ConnectionCheck connectionCheck(DocComment doc) {
        int start = pos;
        Token kw = advance();
        Name name = null;
        List<Name> parameters = new ArrayList<>();
        Expr body = null;
        boolean inBody = false;
        boolean saved = inBraces;
        try {
            name = name();
            expect(TokenKind.LPAREN);
            if (!at(TokenKind.RPAREN)) {
                parameters.add(parameter());
                while (at(TokenKind.COMMA)) {
                    advance();
                    if (at(TokenKind.RPAREN)) break;
                    parameters.add(parameter());
                }
            }
            expect(TokenKind.RPAREN);
            Token colon = expect(TokenKind.COLON);
            int j = pos;
            while (toks[j].kind() == TokenKind.NEWLINE || toks[j].kind() == TokenKind.DOC_COMMENT) j++;
            if (toks[j].kind() != TokenKind.INDENT) {
                throw error(Code.E007, toks[j], TokenKind.INDENT.describe(), found(toks[j]));
            }
            skipTo(j + 1);
            inBody = true;
            inBraces = false;
            while (at(TokenKind.NEWLINE)) advance();
            body = expr();
            expectEnd();
            Span span = from(kw);
            while (true) {
                Token t = peek();
                if (t.kind() == TokenKind.NEWLINE) {
                    advance();
                } else if (t.kind() == TokenKind.DEDENT) {
                    advance();
                    break;
                } else if (t.kind() == TokenKind.EOF) {
                    break;
                } else {
                    failHere(Code.E013, found(t));
                }
            }
            return new Ast.ConnectionCheck(doc, name, parameters, body, span);
        } catch (ParseError e) {
            fail(e, start);
            if (inBody) {
                // the rest of the broken check's body belongs to it
                while (true) {
                    Token t = peek();
                    if (t.kind() == TokenKind.NEWLINE) advance();
                    else if (t.kind() == TokenKind.DEDENT) {
                        advance();
                        break;
                    } else if (t.kind() == TokenKind.EOF) break;
                    else skipStatement(pos);
                }
            }
            return name == null ? null : new Ast.ConnectionCheck(doc, name, parameters, null, from(kw));
        } finally {
            inBraces = saved;
        }
    }

    /** {@code name : scope [ ]}. */
    private Name parameter() {
        Name n = name();
        expect(TokenKind.COLON);
        expect(TokenKind.SCOPE);
        expect(TokenKind.LBRACKET);
        expect(TokenKind.RBRACKET);
        return n;
    }

    // ------------------------------------------------------------------------------------------------ expressions

    /** {@code primary { . name | ( args ) }}: no operators, no grouping, no line continuation. */
    private Expr expr() {
        Token first = peek();
        if (depth >= MAX_DEPTH) throw new ParseError(Code.E020, first, first.span(), MAX_DEPTH);
        depth++;
        try {
            Expr e = primary();
            while (true) {
                if (at(TokenKind.DOT)) {
                    advance();
                    Name member = name();
                    e = new Ast.Member(e, member, e.span().cover(member.span()));
                } else if (at(TokenKind.LPAREN)) {
                    Token open = advance();
                    List<Expr> args = new ArrayList<>();
                    if (!at(TokenKind.RPAREN)) {
                        args.add(expr());
                        while (at(TokenKind.COMMA)) {
                            advance();
                            args.add(expr());
                        }
                    }
                    Token close = expectClosing(TokenKind.RPAREN, open, "the call");
                    e = new Ast.Call(e, args, e.span().cover(close.span()));
                } else {
                    return e;
                }
            }
        } finally {
            depth--;
        }
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case IDENTIFIER -> {
                advance();
                return new Ast.Identifier(new Name(t.text(), t.span()));
            }
            case STRING_SINGLE, STRING_DOUBLE -> {
                advance();
                return new Ast.StringLit(t.text(), t.span());
            }
            case NUMBER -> {
                advance();
                return new Ast.NumberLit(t.text(), Double.parseDouble(t.text()), t.span());
            }
            case TRUE, FALSE -> {
                advance();
                return new Ast.BoolLit(t.kind() == TokenKind.TRUE, t.span());
            }
            case LBRACKET -> {
                advance();
                List<Expr> elements = new ArrayList<>();
                if (!at(TokenKind.RBRACKET)) {
                    elements.add(expr());
                    while (at(TokenKind.COMMA)) {
                        advance();
                        if (at(TokenKind.RBRACKET)) break;
                        elements.add(expr());
                    }
                }
                Token close = expectClosing(TokenKind.RBRACKET, t, "the list");
                return new Ast.ListLit(elements, t.span().cover(close.span()));
            }
            default -> throw error(Code.E003, t, found(t));
        }
    }
}
