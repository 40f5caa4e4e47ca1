package org.hielements.lsp;

import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.hielements.service.CheckRuns;
import org.hielements.service.Folder;
import org.hielements.service.TextDocument;
import org.hielements.service.Uris;

/**
 * Settings, watched files (a {@code .hie} file: models and diagnostics; {@code hielements.toml}, a WASM module or a
 * plugin executable: the folder's libraries are loaded again and checks re-run; any other file: check results are
 * marked stale, and re-run when {@code hielements.checks.onChange} is set), workspace folders, workspace symbols and
 * the commands {@code hielements.runChecks} (a document's URI, or none for the whole workspace) and
 * {@code hielements.reloadLibraries}.
 */
final class HielementsWorkspaceService implements WorkspaceService {
    static final String RUN_CHECKS = "hielements.runChecks";
    static final String RELOAD_LIBRARIES = "hielements.reloadLibraries";
    /** Answers the diagram of a document's element as {@code {svg}} (the "Show diagram" code lens). */
    static final String SHOW_DIAGRAM = org.hielements.service.CodeLenses.SHOW_DIAGRAM;
    static final List<String> COMMANDS = List.of(RUN_CHECKS, RELOAD_LIBRARIES, SHOW_DIAGRAM);

    private final HielementsLanguageServer server;

    HielementsWorkspaceService(HielementsLanguageServer server) {
        this.server = server;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        if (params.getSettings() != null) server.applySettings(params.getSettings());
        server.pullConfiguration();
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        Set<Folder> touched = new HashSet<>();
        Set<Folder> reload = new HashSet<>();
        boolean otherFiles = false;
        List<Folder> existing = server.service().folders().existing();
        for (FileEvent e : params.getChanges()) {
            Path p = Uris.toPath(e.getUri()).orElse(null);
            if (p == null) continue;
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            boolean plugin = false;
            for (Folder f : existing) {
                if (f.isPluginFile(p)) {
                    reload.add(f);
                    plugin = true;
                }
            }
            if (plugin) continue;
            // folders are looked up, never created here: this runs on the editor connection's thread
            Folder f = server.service().folders().peek(p).orElse(null);
            if (name.equals("hielements.toml") && p.getParent() != null) {
                // a new configuration below a folder: the files there now belong to a folder of their own
                if (f != null) {
                    f.filesChanged();
                    touched.add(f);
                }
            } else if (name.endsWith(".wasm")) {
                if (f != null) reload.add(f);
            } else if (name.endsWith(".hie")) {
                if (f == null) continue;
                if (e.getType() == FileChangeType.Changed) f.touch();
                else f.filesChanged();
                touched.add(f);
            } else {
                otherFiles = true;
            }
        }
        for (Folder f : reload) server.reloadLibraries(f);
        for (TextDocument d : server.service().documents().all()) {
            Folder f = server.service().folders().peek(d.path()).orElse(null);
            if (f == null || touched.contains(f)) server.scheduler().schedule(d.uri(), false);
        }
        if (!touched.isEmpty() || !reload.isEmpty() || otherFiles) {
            server.checkRuns().markStale();
            server.refreshCodeLenses();
            for (TextDocument d : server.service().documents().all()) {
                // runs are incremental: a document whose checks ran is checked again (only what read a changed file
                // runs), so its outcomes do not stay stale
                if (server.settings().checksOnChange() || server.checkRuns().hasRun(d.uri())) {
                    server.runChecks(d.uri(), true);
                }
            }
        }
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        String command = params.getCommand();
        List<Object> args = params.getArguments() == null ? List.of() : params.getArguments();
        if (RUN_CHECKS.equals(command)) {
            String uri = args.isEmpty() ? null : text(args.get(0));
            // after the library reloads queued before it: an editor that trusts the workspace sends the new settings
            // and asks for a run at once, and a run that started before the reload took the old libraries
            CompletableFuture<CheckRuns.Summary> run = server.afterLibraryReloads().thenCompose(v -> uri == null
                    ? server.checkRuns().runWorkspace() : server.checkRuns().runDocument(uri));
            return run.thenApply(s -> {
                server.refreshCodeLenses();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("passed", s.passed());
                out.put("failed", s.failed());
                out.put("errors", s.errors());
                out.put("cancelled", s.cancelled());
                return out;
            });
        }
        if (SHOW_DIAGRAM.equals(command)) {
            String uri = args.isEmpty() ? null : text(args.get(0));
            String element = args.size() < 2 ? null : text(args.get(1));
            return server.diagram(uri, element).thenApply(r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("svg", r.svg);
                return out;
            });
        }
        if (RELOAD_LIBRARIES.equals(command)) {
            return CompletableFuture.supplyAsync(() -> {
                for (Folder f : server.service().folders().all()) server.reloadLibraries(f);
                return null;
            }, server.requests());
        }
        CompletableFuture<Object> unknown = new CompletableFuture<>();
        unknown.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                "Unknown command: " + command, null)));
        return unknown;
    }

    /** A command argument that is a string: a Gson primitive or a Java string. */
    private static String text(Object arg) {
        if (arg instanceof JsonPrimitive p && p.isString()) return p.getAsString();
        if (arg instanceof String s) return s;
        return null;
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        var event = params.getEvent();
        if (event == null) return;
        if (event.getRemoved() != null) {
            for (WorkspaceFolder f : event.getRemoved()) Uris.toPath(f.getUri()).ifPresent(
                    server.service().folders()::remove);
        }
        if (event.getAdded() != null) {
            for (WorkspaceFolder f : event.getAdded()) Uris.toPath(f.getUri()).ifPresent(
                    server.service().folders()::add);
        }
        for (TextDocument d : server.service().documents().all()) server.scheduler().schedule(d.uri(), false);
    }

    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
            WorkspaceSymbolParams params) {
        String query = params.getQuery();
        return CompletableFutures.computeAsync(server.requests(), cancel -> {
            List<WorkspaceSymbol> out = server.service().workspaceSymbols(query).stream()
                    .map(Lsp::workspaceSymbol).toList();
            cancel.checkCanceled();
            return Either.forRight(out);
        });
    }
}
