package org.hielements.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SignatureHelpOptions;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.hielements.service.CheckRuns;
import org.hielements.service.DiagnosticKind;
import org.hielements.service.DiagnosticsHub;
import org.hielements.service.Folder;
import org.hielements.service.TextDocument;
import org.hielements.service.DiagnosticsScheduler;
import org.hielements.service.LanguageService;
import org.hielements.service.SemanticTokens;
import org.hielements.service.Settings;
import org.hielements.service.Uris;

/**
 * The LSP4J face of the {@link LanguageService}: lifecycle, capabilities, settings, workspace folders, the parent
 * process watch. Requests run on the server's own executors, never on LSP4J's reader thread.
 */
public final class HielementsLanguageServer implements LanguageServer, LanguageClientAware {
    private static final Logger LOG = Logger.getLogger(HielementsLanguageServer.class.getName());
    static final long PARENT_POLL_MILLIS = 2000;
    static final long CLOSE_WAIT_MILLIS = 2000;

    private final ServerOptions options;
    private final LanguageService service;
    private final ExecutorService requests = Executors.newFixedThreadPool(2, Threads.named("hielements-request"));
    private final ScheduledThreadPoolExecutor analysis = scheduled("hielements-analysis");
    private final ExecutorService checks = Executors.newFixedThreadPool(2, Threads.named("hielements-checks"));
    private final ScheduledThreadPoolExecutor timers = scheduled("hielements-timers");
    /** Loads libraries again (a WASM module compiles here), off the analysis thread. */
    private final ExecutorService libraries = Executors.newSingleThreadExecutor(Threads.named("hielements-libraries"));
    private final WorkDoneProgressReporter progress;
    private final CheckRuns checkRuns;
    private final DiagnosticsHub hub;
    /** Check outcomes and configuration diagnostics serialized once, reused by every publish that re-sends them. */
    private final RenderedDiagnostics rendered = new RenderedDiagnostics();
    private final DiagnosticsScheduler scheduler;
    private final HielementsTextDocumentService textDocuments;
    private final HielementsWorkspaceService workspace;
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private final AtomicBoolean exited = new AtomicBoolean();

    private volatile LanguageClient client;
    private volatile Settings settings = Settings.DEFAULT;
    private volatile ClientCapabilities capabilities = new ClientCapabilities();
    private volatile ParentProcessWatcher parentWatcher;

    public HielementsLanguageServer(ServerOptions options) {
        this.options = options;
        this.service = new LanguageService(options.libraries());
        this.hub = new DiagnosticsHub((uri, version, diagnostics) -> {
            LanguageClient c = client;
            if (c != null) {
                c.publishDiagnostics(new org.eclipse.lsp4j.PublishDiagnosticsParams(uri,
                        rendered.convert(diagnostics), version));
            }
        }, rendered::prepare);
        this.scheduler = new DiagnosticsScheduler(service, analysis, hub, () -> settings.diagnosticsDelay());
        this.progress = new WorkDoneProgressReporter(() -> client, this::clientSupportsProgress,
                options.progressDelayMillis());
        this.checkRuns = new CheckRuns(service, hub, checks, progress);
        service.folders().onLibrariesChanged(this::librariesChanged);
        this.textDocuments = new HielementsTextDocumentService(this);
        this.workspace = new HielementsWorkspaceService(this);
    }

    private static ScheduledThreadPoolExecutor scheduled(String name) {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, Threads.named(name));
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    LanguageService service() {
        return service;
    }

    ExecutorService requests() {
        return requests;
    }

    DiagnosticsScheduler scheduler() {
        return scheduler;
    }

    DiagnosticsHub hub() {
        return hub;
    }

    CheckRuns checkRuns() {
        return checkRuns;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    private boolean clientSupportsProgress() {
        var w = capabilities.getWindow();
        return w != null && Boolean.TRUE.equals(w.getWorkDoneProgress());
    }

    private final java.util.Map<String, java.util.concurrent.ScheduledFuture<?>> pendingChecks =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs the checks of a document in the background (now, or after a quiet moment when {@code debounced}). */
    void runChecks(String uri, boolean debounced) {
        if (!debounced) {
            var old = pendingChecks.remove(uri);
            if (old != null) old.cancel(false);
            checkRuns.runDocument(uri).thenRun(this::refreshCodeLenses);
            return;
        }
        long delay = Math.max(500, settings.diagnosticsDelay());
        try {
            var f = timers.schedule(() -> runChecks(uri, false), delay, java.util.concurrent.TimeUnit.MILLISECONDS);
            var old = pendingChecks.put(uri, f);
            if (old != null) old.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    /** A folder's libraries were (re)loaded or learnt their functions: republish what depends on them. */
    private void librariesChanged(Folder folder) {
        publishLoadDiagnostics(folder);
        for (TextDocument d : service.documents().all()) {
            if (service.folders().folderFor(d.path()) == folder) scheduler.schedule(d.uri(), false);
        }
    }

    /** Publishes the problems found loading a folder's {@code hielements.toml} (unless it is open: then its text's). */
    void publishLoadDiagnostics(Folder folder) {
        service.loadDiagnostics(folder).ifPresent(e -> {
            if (service.configDocument(e.getKey()).isPresent()) return;
            if (e.getValue().isEmpty()) hub.clear(e.getKey(), DiagnosticKind.CONFIGURATION);
            else hub.update(e.getKey(), DiagnosticKind.CONFIGURATION, null, e.getValue(), () -> true);
        });
    }

    /** Publishes the problems of an open {@code hielements.toml} as written (in the background). */
    void publishConfig(TextDocument d) {
        try {
            analysis.execute(() -> hub.update(d.uri(), DiagnosticKind.CONFIGURATION, d.version(),
                    service.configDiagnostics(d), () -> service.configDocument(d.uri())
                            .map(x -> x.version() == d.version()).orElse(false)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Loads a folder's libraries again (its hielements.toml or a plugin changed), then re-runs what depends on them. */
    /**
     * Completes when the library reloads queued so far ({@link #reloadLibraries}, one at a time on their own thread)
     * are done, so that a check run asked for after a change that reloads libraries (the workspace trusted, a plugin
     * rebuilt) runs with the new ones even while an earlier reload still holds the thread.
     */
    CompletableFuture<Void> afterLibraryReloads() {
        try {
            return CompletableFuture.runAsync(() -> { }, libraries);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);      // shutting down
        }
    }

    void reloadLibraries(Folder folder) {
        try {
            libraries.execute(() -> {
                folder.reloadLibraries();
                var open = service.configDocument(Uris.of(folder.root().resolve("hielements.toml")));
                if (open.isEmpty()) publishLoadDiagnostics(folder);
                for (TextDocument d : service.documents().all()) {
                    if (service.folders().folderFor(d.path()) == folder) runChecks(d.uri(), true);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private final java.util.Map<String, Object> requestLocks = new java.util.concurrent.ConcurrentHashMap<>();

    /** The lock the requests about one document take, so that they run one at a time (see the text service). */
    Object requestLock(String uri) {
        return requestLocks.computeIfAbsent(uri, u -> new Object());
    }

    /** Forgets a closed document's pending and running checks. */
    void forgetChecks(String uri) {
        requestLocks.remove(uri);
        var old = pendingChecks.remove(uri);
        if (old != null) old.cancel(false);
        checkRuns.forget(uri);
    }

    /** Asks the client to refresh code lenses (after a check run), when it supports that. */
    void refreshCodeLenses() {
        var ws = capabilities.getWorkspace();
        LanguageClient c = client;
        if (c != null && ws != null && ws.getCodeLens() != null
                && Boolean.TRUE.equals(ws.getCodeLens().getRefreshSupport())) {
            c.refreshCodeLenses().exceptionally(e -> null);
        }
    }

    LanguageClient client() {
        return client;
    }

    Settings settings() {
        return settings;
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    // -------------------------------------------------------------------------------------------- lifecycle

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getCapabilities() != null) capabilities = params.getCapabilities();
        settings = SettingsReader.read(params.getInitializationOptions(), settings);
        service.folders().allowProcess(settings.allowProcess());
        for (Path root : roots(params)) service.folders().add(root);
        Integer pid = params.getProcessId();
        if (pid != null && pid > 0) {
            parentWatcher = new ParentProcessWatcher(pid, PARENT_POLL_MILLIS, () -> exitNow(1));
        }
        InitializeResult result = new InitializeResult(capabilities(), new ServerInfo("hielements", version()));
        return CompletableFuture.completedFuture(result);
    }

    private static List<Path> roots(InitializeParams params) {
        List<Path> out = new ArrayList<>();
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder f : params.getWorkspaceFolders()) Uris.toPath(f.getUri()).ifPresent(out::add);
        }
        if (out.isEmpty() && params.getRootUri() != null) Uris.toPath(params.getRootUri()).ifPresent(out::add);
        return out;
    }

    /** Exactly the features implemented. */
    static ServerCapabilities capabilities() {
        ServerCapabilities c = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        c.setTextDocumentSync(sync);
        c.setCompletionProvider(new CompletionOptions(false, List.of(".", "<")));
        c.setHoverProvider(true);
        c.setSignatureHelpProvider(new SignatureHelpOptions(List.of("(", ",")));
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setRenameProvider(new RenameOptions(true));
        c.setDocumentSymbolProvider(true);
        c.setWorkspaceSymbolProvider(true);
        c.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(
                new SemanticTokensLegend(SemanticTokens.TYPES, SemanticTokens.MODIFIERS), true, false));
        c.setFoldingRangeProvider(true);
        c.setDocumentFormattingProvider(true);
        c.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        c.setCodeLensProvider(new CodeLensOptions(false));
        c.setExecuteCommandProvider(new ExecuteCommandOptions(HielementsWorkspaceService.COMMANDS));
        WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
        folders.setSupported(true);
        folders.setChangeNotifications(true);
        c.setWorkspace(new WorkspaceServerCapabilities(folders));
        return c;
    }

    @Override
    public void initialized(InitializedParams params) {
        registerWatchers();
        pullConfiguration();
    }

    private void registerWatchers() {
        var ws = capabilities.getWorkspace();
        if (ws == null || ws.getDidChangeWatchedFiles() == null
                || !Boolean.TRUE.equals(ws.getDidChangeWatchedFiles().getDynamicRegistration()) || client == null) {
            return;
        }
        List<FileSystemWatcher> watchers = new ArrayList<>();
        for (String glob : List.of("**/*")) {
            watchers.add(new FileSystemWatcher(Either.forLeft(glob)));
        }
        Registration r = new Registration("hielements-watched-files", "workspace/didChangeWatchedFiles",
                new DidChangeWatchedFilesRegistrationOptions(watchers));
        client.registerCapability(new RegistrationParams(List.of(r))).exceptionally(e -> {
            LOG.log(Level.FINE, "the client refused file watching", e);
            return null;
        });
    }

    /** Pulls {@code hielements.*} settings when the client supports {@code workspace/configuration}. */
    void pullConfiguration() {
        var ws = capabilities.getWorkspace();
        LanguageClient c = client;
        if (ws == null || !Boolean.TRUE.equals(ws.getConfiguration()) || c == null) return;
        ConfigurationItem item = new ConfigurationItem();
        item.setSection("hielements");
        c.configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> {
            if (values != null && !values.isEmpty()) setSettings(SettingsReader.read(values.get(0), settings));
        }).exceptionally(e -> {
            LOG.log(Level.FINE, "workspace/configuration failed", e);
            return null;
        });
    }

    void applySettings(Object raw) {
        setSettings(SettingsReader.read(raw, settings));
    }

    /** New settings; a change of the process-plugin trust reloads every folder's libraries. */
    private void setSettings(Settings next) {
        Settings before = settings;
        settings = next;
        service.folders().allowProcess(next.allowProcess());
        if (before.allowProcess() != next.allowProcess()) {
            for (Folder f : service.folders().all()) reloadLibraries(f);
        }
    }

    /** The parameters of {@code hielements/diagram}: the document, and optionally one element (its dotted path). */
    public static final class DiagramParams {
        public org.eclipse.lsp4j.TextDocumentIdentifier textDocument;
        public String element;
    }

    /** The answer to {@code hielements/diagram}: the diagram as one standalone SVG document. */
    public static final class DiagramResult {
        public final String svg;

        DiagramResult(String svg) {
            this.svg = svg;
        }
    }

    /**
     * The custom request {@code hielements/diagram} ({@code {textDocument: {uri}, element?}} -> {@code {svg}}): the
     * document's elements (or one and its children) as nested boxes with their check statuses, declared and observed
     * dependencies (docs/ADOPTING.md); the checks run afresh for it. InvalidParams when the document is not open or has
     * no such element.
     */
    @org.eclipse.lsp4j.jsonrpc.services.JsonRequest("hielements/diagram")
    public CompletableFuture<DiagramResult> diagram(DiagramParams params) {
        String uri = params == null || params.textDocument == null ? null : params.textDocument.getUri();
        return diagram(uri, params == null ? null : params.element);
    }

    /** The diagram of {@code uri} (of {@code element} when set), for the request and the "Show diagram" command. */
    CompletableFuture<DiagramResult> diagram(String uri, String element) {
        if (uri == null) return invalid("hielements/diagram needs textDocument.uri");
        return checkRuns.diagram(uri, element).thenCompose(svg -> svg.isPresent()
                ? CompletableFuture.completedFuture(new DiagramResult(svg.get()))
                : invalid(element == null ? "The document is not open: " + uri
                        : "The document is not open or has no element " + element + ": " + uri));
    }

    private static <T> CompletableFuture<T> invalid(String message) {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.completeExceptionally(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
                new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
                        org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InvalidParams, message, null)));
        return f;
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown.set(true);
        release();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exitNow(shutdown.get() ? 0 : 1);
    }

    /** Releases everything (plugin processes die here) and ends the process through the exit hook, once. */
    void exitNow(int code) {
        if (!exited.compareAndSet(false, true)) return;
        release();
        options.exit().accept(code);
    }

    private final AtomicBoolean released = new AtomicBoolean();

    private void release() {
        if (!released.compareAndSet(false, true)) return;
        ParentProcessWatcher w = parentWatcher;
        if (w != null) w.close();
        // no shutdownNow: interrupting a thread that is writing to the client would close an interruptible channel;
        // running check runs stop at their next check, pending ones are dropped
        checkRuns.cancelAll();
        analysis.shutdown();
        timers.shutdown();
        checks.shutdown();
        libraries.shutdown();
        requests.shutdown();
        // stop the plugins; a plugin busy with a call may hold its library until that call times out, so wait a
        // bounded time (at process exit the plugin runtime's own safeguards end what is left)
        Thread closer = new Thread(service::close, "hielements-close-libraries");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) LOG.warning("a plugin is still busy; the server exits without waiting for it");
    }

    @Override
    public void cancelProgress(WorkDoneProgressCancelParams params) {
        if (params.getToken() != null && params.getToken().isLeft()) progress.cancel(params.getToken().getLeft());
    }

    boolean isShutdown() {
        return shutdown.get();
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    static String version() {
        var props = new java.util.Properties();
        try (var in = HielementsLanguageServer.class.getResourceAsStream("/org/hielements/version.properties")) {
            if (in != null) props.load(in);
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "no version.properties", e);
        }
        return props.getProperty("version", "unknown");
    }
}
