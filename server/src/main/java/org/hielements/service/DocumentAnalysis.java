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
import org.hielements.syntax.SourceText;
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
    private volatile List<DocumentDiagnostic> editorDiagnostics;

    DocumentAnalysis(TextDocument document, Folder folder, long generation, ParseResult parse) {
        this.document = document;
        this.folder = folder;
        this.generation = generation;
        this.parse = parse;
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
            synchronized (this) {
                if (parse == null) parse = Parser.parse(document.text());
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

    /** The tokens of the text (for cursor contexts in broken code). */
    public List<Token> tokens() {
        List<Token> t = tokens;
        if (t == null) {
            synchronized (this) {
                if (tokens == null) tokens = Lexer.lex(document.text()).tokens();
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
            synchronized (this) {
                if (model == null) model = folder.analyzer().analyze(Map.of(document.path(), p));
                m = model;
            }
        }
        return m;
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
            synchronized (this) {
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
