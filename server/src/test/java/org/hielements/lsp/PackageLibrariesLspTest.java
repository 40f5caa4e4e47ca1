package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.hielements.library.config.PluginFixtures;
import org.hielements.library.registry.Integrity;
import org.hielements.library.registry.Lockfile;
import org.hielements.library.registry.PackageCache;
import org.hielements.library.registry.TestTarballs;
import org.hielements.service.ConfiguredLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package library in the editor: its library is loaded again when {@code hielements.lock} changes, and the server
 * never downloads anything (a package missing from the cache is a diagnostic in {@code hielements.toml}).
 */
class PackageLibrariesLspTest {
    @TempDir
    Path root;
    @TempDir
    Path cacheHome;

    @Test
    void aNewLockReloadsThePackageLibraryAndNothingIsDownloaded() throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString(), "HOME", cacheHome.toString());
        byte[] tgz = TestTarballs.plugin("hie-sample", "1.0.0", "[\"hielements-plugin\"]", TestTarballs.MANIFEST,
                Files.readAllBytes(PluginFixtures.fixtures().resolve("plugins/sample/wat/sample.wasm")));
        Integrity integrity = Integrity.of(tgz);
        Files.writeString(root.resolve("hielements.toml"), "[libraries.sample]\npackage = \"hie-sample@^1\"\n"
                + "[libraries.sample.permissions]\nfilesystem = [\"read\"]\nnetwork = [\"api.example.org:443\"]\n");
        // a registry address that nothing listens on: were anything fetched, it would fail
        Files.writeString(root.resolve(".npmrc"), "registry=http://127.0.0.1:9/\n");
        try (LspHarness lsp = LspHarness.start(root, p -> {
        }, ConfiguredLibraries.loader(env))) {
            String tomlUri = root.resolve("hielements.toml").toUri().toString();
            PublishDiagnosticsParams notLocked = lsp.awaitDiagnostics(tomlUri, 0,
                    d -> PluginsTest.codes(d).equals("E541"));
            assertTrue(notLocked.getDiagnostics().get(0).getMessage().getLeft().contains("hielements plugins update"));
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", "element app {\n    check sample.always_pass()\n}\n");
            lsp.awaitDiagnostics(uri, mark, d -> PluginsTest.codes(d).equals("E203"));

            // the lock appears (plugins add on the command line): still not in the cache, and never fetched
            Files.writeString(root.resolve("hielements.lock"), Lockfile.empty().with(new Lockfile.Entry("sample",
                    "hie-sample", "^1", "1.0.0", integrity)).text());
            int mark2 = lsp.client.mark();
            lsp.remote.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(root.resolve("hielements.lock").toUri().toString(), FileChangeType.Created))));
            lsp.awaitDiagnostics(tomlUri, mark2, d -> PluginsTest.codes(d).equals("E542"));
            assertTrue(!Files.exists(PackageCache.of(env).tarball(integrity)), "the server downloads nothing");

            // the package is in the cache (plugins install), the lock changes again: the library loads
            PackageCache.of(env).store(integrity, tgz);
            Files.writeString(root.resolve("hielements.lock"), Files.readString(root.resolve("hielements.lock"))
                    + "\n");
            int mark3 = lsp.client.mark();
            lsp.remote.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(root.resolve("hielements.lock").toUri().toString(), FileChangeType.Changed))));
            lsp.awaitDiagnostics(uri, mark3, d -> d.getDiagnostics().isEmpty());
        }
    }
}
