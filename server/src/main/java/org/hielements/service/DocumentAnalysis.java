package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.syntax.Ast;
import org.hielements.syntax.Lexer;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;
import org.hielements.syntax.Token;

/**
 * Everything known about one version of one document, computed on first use and kept: the tokens, the syntax tree
 * with its diagnostics, and the semantic model of the document and what it imports. Thread-safe; each part is
 * computed once.
 */
public final class DocumentAnalysis {
    private final TextDocument document;
    private final Folder folder;
    private final long generation;
    private volatile ParseResult parse;
    private volatile List<Token> tokens;
    private volatile SemanticModel model;
    /**
     * Each part has its own lock: a thread that only needs the tree (completion reading the cursor) never waits for
     * another thread's semantic analysis of the same version.
     */
    private final Object parseLock = new Object();
    private final Object modelLock = new Object();
    /**
     * The model of an earlier version of this document, until this version's is computed. Only the model: the tokens
     * and tree of that version are not kept with it (each is several times the size of the document).
     */
    private volatile SemanticModel earlierModel;
    private volatile List<DocumentDiagnostic> editorDiagnostics;

    /** Lines above which completion does not wait for a version's model while an earlier version's is at hand. */
    static final int FROZEN_MODEL_LINES = 2_000;

    DocumentAnalysis(TextDocument document, Folder folder, long generation, ParseResult parse,
            DocumentAnalysis previous) {
        this.document = document;
        this.folder = folder;
        this.generation = generation;
        this.parse = parse;
        if (previous != null && previous.folder == folder) {
            this.earlierModel = previous.model != null ? previous.model : previous.earlierModel;
        }
    }

    public TextDocument document() {
        return document;
    }

    public String uri() {
        return document.uri();
    }

    public int version() {
        return document.version();
    }

    public SourceText source() {
        return document.text();
    }

    public Folder folder() {
        return folder;
    }

    long generation() {
        return generation;
    }

    /** The syntax tree and the syntax diagnostics (always a tree, even for broken text). */
    public ParseResult parse() {
        ParseResult p = parse;
        if (p == null) {
            synchronized (parseLock) {
                if (parse == null) {
                    Lexer.Result lexed = Lexer.lex(document.text());
                    tokens = lexed.tokens();
                    parse = Parser.parse(document.text(), lexed);
                }
                p = parse;
            }
        }
        return p;
    }

    /** The parse if it was already computed (no work). */
    ParseResult parseIfDone() {
        return parse;
    }

    public Ast.File ast() {
        return parse().file();
    }

    /** The tokens of the text (for cursor contexts in broken code): those the parse was made of. */
    public List<Token> tokens() {
        List<Token> t = tokens;
        if (t == null) {
            parse(); // lexes (keeping the tokens) unless the parse was handed over from another analysis
            synchronized (parseLock) {
                if (tokens == null) tokens = Lexer.lex(document.text()).tokens(); // a parse handed over without them
                t = tokens;
            }
        }
        return t;
    }

    /** The semantic model of this document (as a root) and the files it imports. */
    public SemanticModel model() {
        SemanticModel m = model;
        if (m == null) {
            ParseResult p = parse();
            synchronized (modelLock) {
                if (model == null) model = folder.analyzer().analyze(Map.of(document.path(), p));
                m = model;
                earlierModel = null;
            }
        }
        return m;
    }

    /**
     * The model completion reads, which must answer while the user types: this version's when it is computed or the
     * document is small; in a large document still being analysed, the model of the newest earlier version instead.
     * Names in scope rarely change between two keystrokes, and analysing 10,000 lines takes tens of milliseconds (the
     * idea Roslyn calls frozen partial semantics). The cursor itself is always read from this version's tokens and
     * tree.
     */
    SemanticModel modelForTyping() {
        SemanticModel m = model;
        if (m != null) return m;
        SemanticModel em = earlierModel;
        if (em != null && document.text().lineCount() > FROZEN_MODEL_LINES) return em;
        return model();
    }

    /** The model if it was already computed (no work). */
    SemanticModel modelIfDone() {
        return model;
    }

    /** This document in the model. */
    public Optional<SourceFile> file() {
        return model().file(document.path());
    }

    /**
     * The syntax and semantic diagnostics in editor terms, converted once by {@code convert} and kept (the scheduler
     * prepares them while the debounce delay runs, and publishing then reuses them).
     */
    List<DocumentDiagnostic> editorDiagnostics(Function<DocumentAnalysis, List<DocumentDiagnostic>> convert) {
        List<DocumentDiagnostic> d = editorDiagnostics;
        if (d == null) {
            List<DocumentDiagnostic> fresh = List.copyOf(convert.apply(this));
            synchronized (modelLock) {
                if (editorDiagnostics == null) editorDiagnostics = fresh;
                d = editorDiagnostics;
            }
        }
        return d;
    }

    /** The editor diagnostics if they were already converted (no work). */
    List<DocumentDiagnostic> editorDiagnosticsIfDone() {
        return editorDiagnostics;
    }

    /** Syntax diagnostics, then semantic diagnostics of this document. */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> out = new ArrayList<>(parse().diagnostics());
        file().ifPresent(f -> out.addAll(model().diagnostics(f)));
        return out;
    }
}
