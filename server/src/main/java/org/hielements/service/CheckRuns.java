package org.hielements.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.baseline.Baseline;
import org.hielements.baseline.BaselineException;
import org.hielements.baseline.Comparison;
import org.hielements.check.Evaluator;
import org.hielements.check.Outcome;
import org.hielements.check.RunOptions;
import org.hielements.check.RunResult;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.Severity;
import org.hielements.library.Workspace;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.semantics.ValueNode;

/**
 * Check runs in the background (LANGUAGE.md §7 outcomes as diagnostics of kind {@link DiagnosticKind#CHECKS}): for
 * one document (on open, on save, on change when asked) or for every {@code .hie} file of the workspace folders. Runs
 * go to their own executor, so syntax and semantic diagnostics never wait for a library or plugin; a new run of a
 * document cancels the one before it (between checks; a call in progress ends at its own timeout). The outcomes of
 * the last run of each document are kept for code lenses, marked stale when files change.
 *
 * <p>The values each run computed are kept per folder for hover ({@link #valueOf}): the latest run that computed a
 * value gives it, and only while nothing that run read changed (every {@code .hie} file of its model still has the
 * same text in the editor or is still read from disk, no file of the workspace changed on disk since). A value that
 * may be stale is not shown at all.
 */
public final class CheckRuns {
    private static final Logger LOG = Logger.getLogger(CheckRuns.class.getName());

    /** The last outcomes of a document: for the version the run started on; stale once files changed since. */
    public record LastRun(int version, List<Outcome> outcomes, boolean stale) {
        public LastRun {
            outcomes = List.copyOf(outcomes);
        }
    }

    /** What a run gave, counted. */
    public record Summary(int passed, int failed, int errors, boolean cancelled) {
        public String text() {
            return passed + " passed, " + failed + " failed, " + errors + " errors" + (cancelled ? " (cancelled)" : "");
        }
    }

    private final LanguageService service;
    private final DiagnosticsHub hub;
    private final ExecutorService executor;
    private final RunProgress.Factory progress;
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final Map<String, LastRun> last = new ConcurrentHashMap<>();
    /** For each run key (a document URI or "workspace"), the URIs it published check diagnostics to. */
    private final Map<String, Set<String>> publishedBy = new ConcurrentHashMap<>();
    /** For each folder root, the values of its last runs by run key (a document URI or "workspace"). */
    private final Map<Path, Map<String, Values>> values = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The values of one run, by {@link #key}; {@code texts}: the text of each file of its model; {@code fromEditor}:
     * those of them that were open in the editor (the others were read from disk).
     */
    private record Values(long sequence, Map<String, RunResult.Computed> byKey, Map<Path, String> texts,
            Set<Path> fromEditor) {}

    public CheckRuns(LanguageService service, DiagnosticsHub hub, ExecutorService executor,
            RunProgress.Factory progress) {
        this.service = service;
        this.hub = hub;
        this.executor = executor;
        this.progress = progress;
    }

    /** Runs the checks of an open document in the background; empty summary when it is not open. */
    public CompletableFuture<Summary> runDocument(String uri) {
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicBoolean previous = running.put(uri, cancel);
        if (previous != null) previous.set(true);
        try {
            return CompletableFuture.supplyAsync(() -> runDocumentNow(uri, cancel), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Summary(0, 0, 0, true));
        }
    }

    /** Runs the checks of every {@code .hie} file of every workspace folder (and of open files outside them). */
    public CompletableFuture<Summary> runWorkspace() {
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicBoolean previous = running.put("workspace", cancel);
        if (previous != null) previous.set(true);
        try {
            return CompletableFuture.supplyAsync(() -> runWorkspaceNow(cancel), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Summary(0, 0, 0, true));
        }
    }

    /**
     * The diagram of an open document as SVG (LSP request {@code hielements/diagram}): its checks run afresh in the
     * background (nothing published), then its elements are drawn with their statuses and dependencies
     * ({@link org.hielements.diagram.DiagramBuilder}); {@code element}, when set, keeps that element and the ones
     * inside it. Empty when the document is not open or names no such element.
     */
    public CompletableFuture<Optional<String>> diagram(String uri, String element) {
        AtomicBoolean cancel = new AtomicBoolean();
        try {
            return CompletableFuture.supplyAsync(() -> {
                Optional<Snapshot> a = snapshot(uri);
                if (a.isEmpty()) return Optional.<String>empty();
                SemanticModel model = a.get().model();
                Folder folder = a.get().folder();
                Evaluator evaluator = new Evaluator(model, folder.registry(), Workspace.of(folder.root()));
                List<org.hielements.semantics.ElementSymbol> elements = new ArrayList<>();
                for (var e : evaluator.elements()) {
                    if (element == null || e.path().equals(element) || e.path().startsWith(element + ".")) {
                        elements.add(e);
                    }
                }
                if (elements.isEmpty()) return Optional.<String>empty();
                RunResult r = run(model, folder, cancel, "Drawing " + (element != null ? element : a.get().name()));
                var d = org.hielements.diagram.DiagramBuilder.build(element != null ? element : a.get().name(),
                        elements, r, folder.registry(), folder.root());
                return Optional.of(org.hielements.diagram.Svg.render(d));
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }

    /** Stops the run of a document and forgets its outcomes (closed). */
    public void forget(String uri) {
        AtomicBoolean c = running.remove(uri);
        if (c != null) c.set(true);
        last.remove(uri);
        publishedBy.remove(uri);
        values.values().forEach(m -> m.remove(uri));
    }

    /** Marks every kept outcome stale and forgets every kept value (a file of the workspace changed). */
    public void markStale() {
        last.replaceAll((u, r) -> new LastRun(r.version(), r.outcomes(), true));
        values.clear();
    }

    /**
     * The value {@code node} (of any model of the folder at {@code root}) had in the latest check run that computed
     * it, while nothing that run read has changed since; empty before any run or once it may be stale.
     */
    public Optional<RunResult.Computed> valueOf(Path root, ValueNode node) {
        Map<String, Values> runsOfFolder = values.get(root);
        if (runsOfFolder == null) return Optional.empty();
        String key = key(node);
        return runsOfFolder.values().stream()
                .filter(v -> v.byKey().containsKey(key))
                .sorted(java.util.Comparator.comparingLong(Values::sequence).reversed())
                .filter(this::current)
                .map(v -> v.byKey().get(key))
                .findFirst();
    }

    /** A name for a value that is the same in every model of the same texts. */
    private static String key(ValueNode node) {
        if (node instanceof ValueNode.Bound b) {
            return "bound " + b.implementation().element().file().path() + " " + b.implementation().element().path()
                    + " " + b.implementation().pattern().qualifiedName() + " " + b.member().patternPath();
        }
        return "declared " + node.member().file().path() + " " + node.member().qualifiedName();
    }

    private void keep(Path root, String runKey, SemanticModel model, RunResult r) {
        Map<String, RunResult.Computed> byKey = new java.util.HashMap<>();
        r.values().forEach((node, computed) -> byKey.put(key(node), computed));
        Map<Path, String> texts = new java.util.HashMap<>();
        Set<Path> fromEditor = new HashSet<>();
        for (SourceFile f : model.files()) {
            texts.put(f.path(), f.source().text());
            Optional<TextDocument> d = service.documents().byPath(f.path());
            if (d.isPresent() && d.get().text().text().equals(f.source().text())) fromEditor.add(f.path());
        }
        values.computeIfAbsent(root, k -> new ConcurrentHashMap<>()).put(runKey,
                new Values(runs.incrementAndGet(), Map.copyOf(byKey), Map.copyOf(texts), Set.copyOf(fromEditor)));
    }

    /**
     * Whether every file the run read still has the text it read: an open file the same text, a file read from disk
     * still not open or open with the same text (a change on disk forgets every value, see {@link #markStale}).
     */
    private boolean current(Values v) {
        for (Map.Entry<Path, String> e : v.texts().entrySet()) {
            Optional<TextDocument> d = service.documents().byPath(e.getKey());
            if (d.isPresent() ? !d.get().text().text().equals(e.getValue()) : v.fromEditor().contains(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    public Optional<LastRun> lastRun(String uri) {
        return Optional.ofNullable(last.get(uri));
    }

    /** Stops every run. */
    public void cancelAll() {
        running.values().forEach(c -> c.set(true));
    }

    // -------------------------------------------------------------------------------------------- runs

    /**
     * What a document's run needs of its analysis. Not the analysis itself: a run may take long, and holding the
     * analysis would keep that version's tokens alive all along.
     */
    private record Snapshot(int version, SemanticModel model, Folder folder, java.nio.file.Path path, String name) {}

    private Optional<Snapshot> snapshot(String uri) {
        return service.analysis(uri).map(a -> new Snapshot(a.version(), a.model(), a.folder(), a.document().path(),
                a.source().name()));
    }

    private Summary runDocumentNow(String uri, AtomicBoolean cancel) {
        try {
            Optional<Snapshot> a = cancel.get() ? Optional.empty() : snapshot(uri);
            if (a.isEmpty() || cancel.get()) return new Summary(0, 0, 0, true);
            int version = a.get().version();
            SemanticModel model = a.get().model();
            Folder folder = a.get().folder();
            RunResult r = run(model, folder, cancel, "Running the checks of " + a.get().name());
            if (r.cancelled() || cancel.get()) return summary(r, true);
            Map<String, List<DocumentDiagnostic>> byUri = group(r, model, baseline(folder, r));
            byUri.putIfAbsent(uri, new ArrayList<>());
            if (!hub.has(uri, DiagnosticKind.ANALYSIS, version)) {
                // the editor sees syntax and semantic diagnostics no later than check outcomes
                service.analysis(uri).filter(x -> x.version() == version).ifPresent(x -> hub.update(uri,
                        DiagnosticKind.ANALYSIS, version, service.diagnostics(x), () -> service.isCurrent(uri, version)));
            }
            // kept before publishing: whoever sees the published outcomes can ask for their lenses and values
            last.put(uri, new LastRun(version, outcomesOf(r, model, a.get().path()), false));
            keep(folder.root(), uri, model, r);
            publish(uri, byUri, version);
            return summary(r, false);
        } catch (RuntimeException | Error e) { // a bug or out of memory: said, never a run that vanishes
            LOG.log(Level.SEVERE, "running the checks of " + uri + " failed", e);
            died(uri, e);
            return new Summary(0, 0, 0, true);
        } finally {
            running.remove(uri, cancel);
        }
    }

    private Summary runWorkspaceNow(AtomicBoolean cancel) {
        int passed = 0;
        int failed = 0;
        int errors = 0;
        boolean cancelled = false;
        Map<String, List<DocumentDiagnostic>> all = new LinkedHashMap<>();
        try {
            List<TextDocument> open = service.documents().all();
            Set<Folder> folders = new java.util.LinkedHashSet<>(service.folders().workspaceFolders());
            for (TextDocument d : open) folders.add(service.folders().folderFor(d.path()));
            for (Folder folder : folders) {
                if (cancel.get()) break;
                SemanticModel model = folder.workspaceModel(open);
                RunResult r = run(model, folder, cancel, "Running the checks of " + folder.root().getFileName());
                passed += (int) r.passed();
                failed += (int) r.failed();
                errors += (int) r.errors();
                if (r.cancelled()) {
                    cancelled = true;
                    break;
                }
                group(r, model, baseline(folder, r)).forEach((u, l) -> all.computeIfAbsent(u, k -> new ArrayList<>()).addAll(l));
                keep(folder.root(), "workspace", model, r);
                for (SourceFile f : model.files()) {
                    String u = service.documents().uriOf(f.path());
                    all.computeIfAbsent(u, k -> new ArrayList<>());
                    if (service.documents().get(u).isPresent()) {
                        int v = service.documents().get(u).get().version();
                        last.put(u, new LastRun(v, outcomesOf(r, model, f.path()), false));
                    }
                }
            }
            if (!cancelled && !cancel.get()) publish("workspace", all, null);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "running the checks of the workspace failed", e);
            for (TextDocument d : service.documents().all()) died(d.uri(), e);
            cancelled = true;
        } finally {
            running.remove("workspace", cancel);
        }
        return new Summary(passed, failed, errors, cancelled || cancel.get());
    }

    private RunResult run(SemanticModel model, Folder folder, AtomicBoolean cancel, String title) {
        RunProgress p = progress.open(title, () -> cancel.set(true));
        RunResult r;
        try {
            r = new Evaluator(model, folder.registry(), Workspace.of(folder.root())).run(RunOptions.defaults()
                    .withCancel(cancel::get)
                    .withProgress(pr -> p.report(pr.percent(), pr.checksDone() + "/" + pr.checksTotal() + " checks")));
        } catch (RuntimeException | Error e) {
            p.done("failed: internal error");
            throw e;
        }
        p.done(summary(r, r.cancelled()).text());
        return r;
    }

    /**
     * Tells the editor that a run of {@code uri} died: one diagnostic of kind {@link DiagnosticKind#CHECKS} at the top of
     * the document (E232, naming the failure), in place of the outcomes it could not give.
     */
    private void died(String uri, Throwable e) {
        try {
            Integer version = service.documents().get(uri).map(TextDocument::version).orElse(null);
            String what = e instanceof OutOfMemoryError ? "out of memory"
                    : e instanceof StackOverflowError ? "stack overflow" : e.toString();
            Range top = new Range(new org.hielements.text.Position(0, 0), new org.hielements.text.Position(0, 0));
            DocumentDiagnostic d = new DocumentDiagnostic(top, Code.E232.severity(), Code.E232.id(),
                    Code.E232.format(what), List.of(), DiagnosticKind.CHECKS);
            hub.update(uri, DiagnosticKind.CHECKS, version, List.of(d), () -> true);
        } catch (RuntimeException | Error again) {
            LOG.log(Level.SEVERE, "telling the editor that the checks of " + uri + " failed failed too", again);
        }
    }

    private static Summary summary(RunResult r, boolean cancelled) {
        return new Summary((int) r.passed(), (int) r.failed(), (int) r.errors(), cancelled);
    }

    /**
     * The run compared with the folder's {@code hielements-baseline.json}; null when it has none (or it cannot be
     * read: logged, and every failure is then an error).
     */
    private static Comparison baseline(Folder folder, RunResult r) {
        try {
            return Baseline.load(folder.root()).map(b -> b.compare(r.outcomes(), folder.root(), false)).orElse(null);
        } catch (BaselineException e) {
            LOG.warning(e.getMessage());
            return null;
        }
    }

    /**
     * The run's diagnostics (evaluation diagnostics and outcomes that did not pass), by the URI of their file; a
     * failure the baseline accepts is a hint, its message saying so.
     */
    private Map<String, List<DocumentDiagnostic>> group(RunResult r, SemanticModel model, Comparison baseline) {
        Map<String, List<DocumentDiagnostic>> out = new LinkedHashMap<>();
        List<Diagnostic> all = new ArrayList<>(r.diagnostics());
        for (Outcome o : r.outcomes()) {
            Optional<Diagnostic> d = o.toDiagnostic();
            if (d.isEmpty()) continue;
            if (baseline != null && baseline.baselined(o)) {
                Diagnostic x = d.get();
                all.add(new Diagnostic(x.code(), Severity.HINT, "[baselined] " + x.message(), x.source(), x.span(),
                        x.related()));
            } else {
                all.add(d.get());
            }
        }
        for (Diagnostic d : all) {
            Optional<SourceFile> f = model.file(d.source());
            if (f.isEmpty()) continue;
            String u = service.documents().uriOf(f.get().path());
            out.computeIfAbsent(u, k -> new ArrayList<>()).add(service.convert(d, model, DiagnosticKind.CHECKS));
        }
        return out;
    }

    private static List<Outcome> outcomesOf(RunResult r, SemanticModel model, Path path) {
        List<Outcome> out = new ArrayList<>();
        Optional<SourceFile> f = model.file(path);
        if (f.isEmpty()) return out;
        for (Outcome o : r.outcomes()) {
            if (o.source() == f.get().source()) out.add(o);
        }
        return out;
    }

    /** Publishes the run's check diagnostics per URI, clearing those its previous run published elsewhere. */
    private void publish(String key, Map<String, List<DocumentDiagnostic>> byUri, Integer version) {
        Set<String> before = publishedBy.getOrDefault(key, Set.of());
        for (String u : before) {
            if (!byUri.containsKey(u)) hub.clear(u, DiagnosticKind.CHECKS);
        }
        for (Map.Entry<String, List<DocumentDiagnostic>> e : byUri.entrySet()) {
            Integer v = e.getKey().equals(key) ? version
                    : service.documents().get(e.getKey()).map(TextDocument::version).orElse(null);
            hub.update(e.getKey(), DiagnosticKind.CHECKS, v, e.getValue(), () -> true);
        }
        publishedBy.put(key, new HashSet<>(byUri.keySet()));
    }
}
