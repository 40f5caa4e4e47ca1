package org.hielements.lsp;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.hielements.service.LibraryLoader;

/**
 * A real server and a test client joined by LSP4J launchers over pipes (real JSON-RPC both ways), on a workspace
 * folder on disk.
 */
final class LspHarness implements AutoCloseable {
    static final long TIMEOUT = 10_000;

    final Path root;
    final TestClient client = new TestClient();
    final HielementsLanguageServer server;
    final LanguageServer remote;
    /** The server's requests outside the protocol. */
    interface Remote extends LanguageServer {
        @org.eclipse.lsp4j.jsonrpc.services.JsonRequest("hielements/diagram")
        java.util.concurrent.CompletableFuture<com.google.gson.JsonObject> diagram(Object params);
    }

    /** The server as a client sees it, with its own requests ({@code hielements/diagram}). */
    final Remote extended;
    final List<Integer> exitCodes = Collections.synchronizedList(new ArrayList<>());
    final InitializeResult initializeResult;

    private LspHarness(Path root, Consumer<InitializeParams> customize, LibraryLoader loader) throws Exception {
        this.root = root.toAbsolutePath().normalize();
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        server = new HielementsLanguageServer(new ServerOptions(loader, code -> {
            synchronized (exitCodes) {
                exitCodes.add(code);
                exitCodes.notifyAll();
            }
        }, 0));
        Launcher<?> serverSide = ServerLauncher.create(server, Channels.newInputStream(toServer.source()),
                Channels.newOutputStream(toClient.sink()));
        serverSide.startListening();
        Launcher<Remote> clientSide = new LSPLauncher.Builder<Remote>().setLocalService(client)
                .setRemoteInterface(Remote.class).setInput(Channels.newInputStream(toClient.source()))
                .setOutput(Channels.newOutputStream(toServer.sink())).create();
        clientSide.startListening();
        remote = clientSide.getRemoteProxy();
        extended = clientSide.getRemoteProxy();
        InitializeParams p = new InitializeParams();
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(this.root.toUri().toString(), "ws")));
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setConfiguration(true);
        ws.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        caps.setWorkspace(ws);
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        caps.setWindow(window);
        p.setCapabilities(caps);
        customize.accept(p);
        initializeResult = remote.initialize(p).get(TIMEOUT, TimeUnit.MILLISECONDS);
        remote.initialized(new InitializedParams());
    }

    static LspHarness start(Path root) throws Exception {
        return new LspHarness(root, p -> {
        }, LibraryLoader.builtinsOnly());
    }

    static LspHarness start(Path root, Consumer<InitializeParams> customize) throws Exception {
        return new LspHarness(root, customize, LibraryLoader.builtinsOnly());
    }

    static LspHarness start(Path root, Consumer<InitializeParams> customize, LibraryLoader loader)
            throws Exception {
        return new LspHarness(root, customize, loader);
    }

    String uri(String relative) {
        return root.resolve(relative).toUri().toString();
    }

    /** Writes a file of the workspace on disk and tells the server, as an editor's file watcher does. */
    Path write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        boolean existed = Files.exists(p);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        remote.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(new FileEvent(
                p.toUri().toString(), existed ? FileChangeType.Changed : FileChangeType.Created))));
        return p;
    }

    /** Opens a document (version 1); returns its URI. */
    String open(String relative, String text) {
        String uri = uri(relative);
        remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "hielements", 1, text)));
        return uri;
    }

    /** Opens a document and waits for its first diagnostics. */
    PublishDiagnosticsParams openAndWait(String relative, String text) throws InterruptedException {
        int mark = client.mark();
        String uri = open(relative, text);
        return client.awaitDiagnostics(uri, mark, d -> true, TIMEOUT);
    }

    /**
     * Waits until the check run that opening (or saving) {@code uri} started has finished, so that a test's next edit
     * cannot be read by that run.
     */
    void awaitCheckRun(String uri) throws InterruptedException {
        client.await(() -> server.checkRuns().lastRun(uri).isPresent() ? true : null, TIMEOUT);
    }

    void close(String uri) {
        remote.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    }

    /** Replaces the whole text. */
    void changeAll(String uri, int version, String text) {
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** An incremental edit. */
    void change(String uri, int version, Range range, String text) {
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(range, text))));
    }

    PublishDiagnosticsParams awaitDiagnostics(String uri, int from, Predicate<PublishDiagnosticsParams> test)
            throws InterruptedException {
        return client.awaitDiagnostics(uri, from, test, TIMEOUT);
    }

    List<CompletionItem> completion(String uri, Position p) throws Exception {
        var r = remote.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), p))
                .get(TIMEOUT, TimeUnit.MILLISECONDS);
        return r.isLeft() ? r.getLeft() : r.getRight().getItems();
    }

    Hover hover(String uri, Position p) throws Exception {
        return remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p))
                .get(TIMEOUT, TimeUnit.MILLISECONDS);
    }

    /** Waits for the exit hook; returns the code or null. */
    Integer awaitExit(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (exitCodes) {
            while (exitCodes.isEmpty() && System.currentTimeMillis() < deadline) {
                exitCodes.wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
            return exitCodes.isEmpty() ? null : exitCodes.get(0);
        }
    }

    @Override
    public void close() throws Exception {
        if (exitCodes.isEmpty()) {
            try {
                remote.shutdown().get(TIMEOUT, TimeUnit.MILLISECONDS);
            } finally {
                remote.exit();
            }
            awaitExit(TIMEOUT);
        }
    }
}
