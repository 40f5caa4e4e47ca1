package org.hielements.lsp;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.hielements.service.Folder;
import org.hielements.service.TextDocument;
import org.hielements.service.Uris;

/** Settings, watched files, workspace folders and workspace symbols. */
final class HielementsWorkspaceService implements WorkspaceService {
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
        for (FileEvent e : params.getChanges()) {
            Path p = Uris.toPath(e.getUri()).orElse(null);
            if (p == null) continue;
            Folder f = server.service().folders().folderFor(p);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.equals("hielements.toml") || name.endsWith(".wasm")) {
                reload.add(f);
            } else if (e.getType() == FileChangeType.Changed) {
                f.touch();
                touched.add(f);
            } else {
                f.filesChanged();
                touched.add(f);
            }
        }
        for (Folder f : reload) {
            f.reloadLibraries();
            touched.add(f);
        }
        for (TextDocument d : server.service().documents().all()) {
            if (touched.contains(server.service().folders().folderFor(d.path()))) {
                server.scheduler().schedule(d.uri(), false);
            }
        }
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
