package org.hielements.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.text.Position;
import org.hielements.text.SourceText;

/**
 * The editor-neutral language service: documents (opened, edited incrementally, closed), an analysis per document
 * version, and every feature on plain Java types. Knows nothing of LSP4J; thread-safe. Requests about a document that
 * is not open answer empty; positions past the end are clamped.
 */
public final class LanguageService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LanguageService.class.getName());
    static final int WORKSPACE_SYMBOL_LIMIT = 500;

    private final DocumentStore store = new DocumentStore();
    private final Folders folders;
    private final Map<String, DocumentAnalysis> analyses = new ConcurrentHashMap<>();
    private final Map<String, TextDocument> configDocuments = new ConcurrentHashMap<>();

    public LanguageService(LibraryLoader loader) {
        this.folders = new Folders(loader, store);
    }

    public DocumentStore documents() {
        return store;
    }

    public Folders folders() {
        return folders;
    }

    // -------------------------------------------------------------------------------------------- documents

    /**
     * Opens a document. Cheap (no library is loaded here: the document's folder is made when it is first analysed),
     * so editors' notifications can call it on their connection's thread; likewise {@link #change} and
     * {@link #close}.
     */
    public TextDocument open(String uri, int version, String text) {
        Path path = Uris.pathOf(uri);
        String name = folders.workspaceRootOf(path).map(r -> Hover.relative(r, path))
                .orElse(path.getFileName() == null ? uri : path.getFileName().toString());
        TextDocument d = store.open(uri, version, text, name);
        folders.peek(path).ifPresent(Folder::touch);
        return d;
    }

    /** Applies edits; empty when the document is not open. */
    public Optional<TextDocument> change(String uri, int version, List<TextChange> changes) {
        Optional<TextDocument> d = store.change(uri, version, changes);
        d.ifPresent(doc -> folders.peek(doc.path()).ifPresent(Folder::touch));
        return d;
    }

    public Optional<TextDocument> close(String uri) {
        Optional<TextDocument> d = store.close(uri);
        analyses.remove(uri);
        d.ifPresent(doc -> folders.peek(doc.path()).ifPresent(Folder::touch));
        return d;
    }

    /** Whether the document is open at this version. */
    public boolean isCurrent(String uri, int version) {
        return store.get(uri).map(d -> d.version() == version).orElse(false);
    }

    /** The analysis of the document's current version (cached per version and folder generation). */
    public Optional<DocumentAnalysis> analysis(String uri) {
        Optional<TextDocument> doc = store.get(uri);
        if (doc.isEmpty()) return Optional.empty();
        TextDocument d = doc.get();
        Folder folder = folders.folderFor(d.path());
        long generation = folder.generation();
        DocumentAnalysis cached = analyses.get(uri);
        if (cached != null && cached.document() == d && cached.generation() == generation
                && cached.folder() == folder) {
            return Optional.of(cached);
        }
        DocumentAnalysis fresh = new DocumentAnalysis(d, folder, generation,
                cached != null && cached.document() == d ? cached.parseIfDone() : null, cached);
        analyses.put(uri, fresh);
        return Optional.of(fresh);
    }

    /** The open documents whose last analysis included {@code a}'s file through an import. */
    public List<String> dependents(DocumentAnalysis a) {
        List<String> out = new ArrayList<>();
        Path path = a.document().path();
        for (DocumentAnalysis other : analyses.values()) {
            if (other == a || other.uri().equals(a.uri()) || other.folder() != a.folder()) continue;
            SemanticModel m = other.modelIfDone();
            if (m != null && m.file(path).isPresent()) out.add(other.uri());
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------- hielements.toml

    /** Whether a document is a {@code hielements.toml}. */
    public static boolean isConfigFile(String uri) {
        return Uris.pathOf(uri).getFileName() != null
                && Uris.pathOf(uri).getFileName().toString().equals("hielements.toml");
    }

    public TextDocument openConfig(String uri, int version, String text) {
        Path path = Uris.pathOf(uri);
        TextDocument d = new TextDocument(uri, path, version, new SourceText(path.toString(), text));
        configDocuments.put(uri, d);
        return d;
    }

    public Optional<TextDocument> changeConfig(String uri, int version, List<TextChange> changes) {
        return Optional.ofNullable(configDocuments.computeIfPresent(uri, (u, d) -> d.apply(version, changes)));
    }

    public Optional<TextDocument> closeConfig(String uri) {
        return Optional.ofNullable(configDocuments.remove(uri));
    }

    public Optional<TextDocument> configDocument(String uri) {
        return Optional.ofNullable(configDocuments.get(uri));
    }

    /** The problems of an open {@code hielements.toml} as written in the editor (nothing is loaded for this). */
    public List<DocumentDiagnostic> configDiagnostics(TextDocument d) {
        return guarded("hielements.toml diagnostics", d.uri(), List.of(), () -> {
            Path root = d.path().getParent() != null ? d.path().getParent() : d.path();
            List<DocumentDiagnostic> out = new ArrayList<>();
            for (Diagnostic x : ConfiguredLibraries.check(d.text(), root)) {
                out.add(new DocumentDiagnostic(Range.of(d.text(), x.span()), x.severity(), x.code(), x.message(),
                        List.of(), DiagnosticKind.CONFIGURATION));
            }
            return out;
        });
    }

    /** The problems found loading a folder's libraries, for its {@code hielements.toml} (URI and diagnostics). */
    public Optional<Map.Entry<String, List<DocumentDiagnostic>>> loadDiagnostics(Folder folder) {
        LibraryLoader.Loaded l = folder.libraries();
        if (l.configFile() == null) return Optional.empty();
        List<DocumentDiagnostic> out = new ArrayList<>();
        for (Diagnostic x : l.configDiagnostics()) {
            out.add(new DocumentDiagnostic(Range.of(x.source(), x.span()), x.severity(), x.code(), x.message(),
                    List.of(), DiagnosticKind.CONFIGURATION));
        }
        Path file = l.configFile().toAbsolutePath().normalize();
        String uri = configDocuments.values().stream().filter(d -> d.path().equals(file)).map(TextDocument::uri)
                .findFirst().orElse(Uris.of(file));
        return Optional.of(Map.entry(uri, out));
    }

    // -------------------------------------------------------------------------------------------- diagnostics

    /**
     * Syntax and semantic diagnostics of the analysed version, related places mapped to their documents (computed once
     * per version).
     */
    public List<DocumentDiagnostic> diagnostics(DocumentAnalysis a) {
        return a.editorDiagnostics(this::convertAll);
    }

    private List<DocumentDiagnostic> convertAll(DocumentAnalysis a) {
        List<DocumentDiagnostic> out = new ArrayList<>();
        SemanticModel model = a.model();
        for (Diagnostic d : a.diagnostics()) out.add(convert(d, model, DiagnosticKind.ANALYSIS));
        return out;
    }

    /** A diagnostic of the model in editor terms; related places in other files get their URIs. */
    public DocumentDiagnostic convert(Diagnostic d, SemanticModel model, DiagnosticKind kind) {
        List<DocumentDiagnostic.Related> related = new ArrayList<>();
        for (Diagnostic.Related r : d.related()) {
            String uri = r.file() != null ? Uris.of(r.file()) : uriOf(r.source(), model);
            if (uri != null) {
                related.add(new DocumentDiagnostic.Related(new DocLocation(uri, Range.of(r.source(), r.span())),
                        r.message()));
            }
        }
        return new DocumentDiagnostic(Range.of(d.source(), d.span()), d.severity(), d.code(), d.message(), related,
                kind);
    }

    private String uriOf(SourceText source, SemanticModel model) {
        if (model != null) {
            Optional<SourceFile> f = model.file(source);
            if (f.isPresent()) return store.uriOf(f.get().path());
        }
        for (TextDocument d : store.all()) {
            if (d.text() == source) return d.uri();
        }
        return null;
    }

    // -------------------------------------------------------------------------------------------- features

    public List<CompletionEntry> complete(String uri, Position p) {
        return guarded("completion", uri, List.of(), () -> analysis(uri).map(a -> Completion.at(a, p))
                .orElse(List.of()));
    }

    public Optional<HoverInfo> hover(String uri, Position p) {
        return hover(uri, p, null);
    }

    /** Hover; a scope or ref also shows its value in the last check run of {@code runs} (nullable) while current. */
    public Optional<HoverInfo> hover(String uri, Position p, CheckRuns runs) {
        return guarded("hover", uri, Optional.empty(), () -> analysis(uri).flatMap(a -> Hover.at(a, p, runs)));
    }

    public Optional<SignatureInfo> signatureHelp(String uri, Position p) {
        return guarded("signature help", uri, Optional.empty(),
                () -> analysis(uri).flatMap(a -> SignatureHelp.at(a, p)));
    }

    public List<DocLocation> definition(String uri, Position p) {
        return guarded("definition", uri, List.of(),
                () -> analysis(uri).map(a -> Navigation.definition(a, p, store)).orElse(List.of()));
    }

    public List<DocLocation> references(String uri, Position p, boolean includeDeclaration) {
        return guarded("references", uri, List.of(), () -> analysis(uri).map(a -> Navigation.references(
                workspaceModel(a), a, p, includeDeclaration, store)).orElse(List.of()));
    }

    public Optional<Range> prepareRename(String uri, Position p) {
        return guarded("prepare rename", uri, Optional.empty(),
                () -> analysis(uri).flatMap(a -> Navigation.prepareRename(a, p)));
    }

    public RenameOutcome rename(String uri, Position p, String newName) {
        return guarded("rename", uri, RenameOutcome.error("The document is not open."),
                () -> analysis(uri).map(a -> Navigation.rename(workspaceModel(a), a, p, newName, store))
                        .orElse(RenameOutcome.error("The document is not open.")));
    }

    public List<OutlineNode> documentSymbols(String uri) {
        return guarded("document symbols", uri, List.of(),
                () -> analysis(uri).map(Outline::of).orElse(List.of()));
    }

    /** Declarations of every workspace folder (and of open documents outside them) matching the query. */
    public List<WorkspaceSymbolEntry> workspaceSymbols(String query) {
        return guarded("workspace symbols", "", List.of(), () -> {
            List<WorkspaceSymbolEntry> out = new ArrayList<>();
            List<TextDocument> open = store.all();
            java.util.Set<Folder> seen = new java.util.LinkedHashSet<>(folders.workspaceFolders());
            for (TextDocument d : open) seen.add(folders.folderFor(d.path()));
            for (Folder f : seen) {
                if (out.size() >= WORKSPACE_SYMBOL_LIMIT) break;
                out.addAll(Outline.workspace(f.workspaceModel(open), query, store,
                        WORKSPACE_SYMBOL_LIMIT - out.size()));
            }
            return out;
        });
    }

    public List<SemanticTokens.Token> semanticTokens(String uri) {
        return guarded("semantic tokens", uri, List.of(),
                () -> analysis(uri).map(SemanticTokens::of).orElse(List.of()));
    }

    public List<FoldRange> foldingRanges(String uri) {
        return guarded("folding", uri, List.of(), () -> analysis(uri).map(Folding::of).orElse(List.of()));
    }

    /** The edit that formats a document (none when it is formatted already, or has syntax errors). */
    public List<DocEdit> format(String uri, int tabSize, boolean insertSpaces) {
        return guarded("formatting", uri, List.of(), () -> analysis(uri)
                .map(a -> Formatting.of(a, tabSize, insertSpaces)).orElse(List.of()));
    }

    public List<QuickFix> codeActions(String uri, Range range) {
        return guarded("code actions", uri, List.of(),
                () -> analysis(uri).map(a -> QuickFixes.at(a, range)).orElse(List.of()));
    }

    /** Code lenses of a document, with the outcomes of its last check run when there is one. */
    public List<Lens> codeLenses(String uri, Optional<CheckRuns.LastRun> last) {
        return guarded("code lens", uri, List.of(),
                () -> analysis(uri).map(a -> CodeLenses.of(a, last)).orElse(List.of()));
    }

    /** The model of the whole folder of {@code a} (every {@code .hie} file): for references, rename, symbols. */
    SemanticModel workspaceModel(DocumentAnalysis a) {
        return a.folder().workspaceModel(store.all());
    }

    /**
     * Runs a feature; an unexpected exception (a bug) is logged once with the document and answered with the empty
     * result, so the editor gets an answer.
     */
    private <T> T guarded(String feature, String uri, T empty, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            LOG.log(Level.SEVERE, feature + " failed for " + uri, e);
            return empty;
        }
    }

    @Override
    public void close() {
        folders.close();
    }
}
