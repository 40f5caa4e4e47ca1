package org.hielements.library.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.CallContext;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.registry.Integrity;
import org.hielements.library.registry.Lockfile;
import org.hielements.library.registry.PackageCache;
import org.hielements.library.registry.TestTarballs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [libraries.NAME] package = "name@range"} as {@link ConfigLoader} and {@link Libraries} read it, with no
 * network anywhere: the lock's version from the package cache, verified; each problem a diagnostic at the key; the
 * permissions granted only by the toml, asked ones beyond them a warning.
 */
class PackageEntriesTest {
    @TempDir
    Path root;
    @TempDir
    Path cacheHome;

    private Map<String, String> env;
    private byte[] tgz;
    private Integrity integrity;

    @BeforeEach
    void setUp() throws Exception {
        env = Map.of("XDG_CACHE_HOME", cacheHome.toString(), "HOME", cacheHome.toString());
        tgz = TestTarballs.plugin("hie-sample", "1.2.0", "[\"hielements-plugin\"]", TestTarballs.MANIFEST,
                Files.readAllBytes(PluginFixtures.fixtures().resolve("plugins/sample/wat/sample.wasm")));
        integrity = Integrity.of(tgz);
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/a.txt"), "a\n");
    }

    private void toml(String text) throws Exception {
        Files.writeString(root.resolve("hielements.toml"), text);
    }

    private void lock(String range, String version) throws Exception {
        Files.writeString(root.resolve("hielements.lock"), Lockfile.empty().with(new Lockfile.Entry("sample",
                "hie-sample", range, version, integrity)).text());
    }

    private void cache() throws Exception {
        PackageCache.of(env).store(integrity, tgz);
    }

    private static String codes(LibrariesConfig c) {
        return String.join(",", c.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void aLockedCachedPackageLoadsWithOnlyThePermissionsGranted() throws Exception {
        toml("[libraries.sample]\npackage = \"hie-sample@^1.2\"\n\n[libraries.sample.permissions]\n"
                + "filesystem = [\"read\"]\n");
        lock("^1.2", "1.2.0");
        cache();
        LibrariesConfig c = ConfigLoader.load(root, env);
        assertEquals("W513", codes(c), c.diagnostics().toString());
        Diagnostic w = c.diagnostics().get(0);
        assertEquals("Library 'sample': the package asks for network api.example.org:443, which hielements.toml "
                + "does not grant; it loads with only filesystem read (grant it in [libraries.sample.permissions])",
                w.message());
        assertEquals(1, w.source().line(w.span().start()), "at the package key");
        WasmPluginConfig wc = (WasmPluginConfig) c.entry("sample").orElseThrow().config().orElseThrow();
        assertEquals(List.of(), wc.network(), "asking grants nothing");
        assertTrue(wc.readWorkspace());
        PackageSource src = wc.source().orElseThrow();
        assertEquals("hie-sample@1.2.0", src.label());
        assertEquals("filesystem read, network api.example.org:443", src.asked().describe());
        assertEquals(PackageCache.of(env).root().resolve(integrity.hex()).resolve("sample.wasm"), wc.path());

        try (Libraries libs = Libraries.build(root, c, PluginFixtures.options().withWasmHost(
                PluginFixtures.wasmHost()))) {
            Value v = libs.registry().get("sample").orElseThrow().call("simple_selector",
                    List.of(Value.of("src")), CallContext.of(Workspace.of(root)));
            assertTrue(v.toString().contains("a.txt"), v.toString());
            assertTrue(libs.status("sample").orElseThrow().origin().startsWith("package hie-sample@1.2.0 ("));
        }
    }

    @Test
    void eachProblemIsADiagnosticAtThePackageKeyAndTheEntryIsNotLoaded() throws Exception {
        toml("[libraries.sample]\npath = \"x.wasm\"\npackage = \"hie-sample@^1\"\n");
        assertEquals("E540", codes(ConfigLoader.load(root, env)));
        toml("[libraries.sample]\npackage = \"hie-sample@^^1\"\n");
        LibrariesConfig badRange = ConfigLoader.load(root, env);
        assertEquals("E540", codes(badRange));
        assertTrue(badRange.diagnostics().get(0).message().contains("'^^1' is not a version or a comparator"),
                badRange.diagnostics().toString());

        toml("[libraries.sample]\npackage = \"hie-sample@^1.2\"\n");
        LibrariesConfig notLocked = ConfigLoader.load(root, env);
        assertEquals("E541", codes(notLocked));
        assertEquals("Library 'sample': \"hie-sample@^1.2\" is not in hielements.lock: run 'hielements plugins "
                + "update sample' to resolve and lock it", notLocked.diagnostics().get(0).message());
        assertFalse(notLocked.entry("sample").orElseThrow().loadable());

        lock("^1.2", "1.2.0");
        LibrariesConfig notCached = ConfigLoader.load(root, env);
        assertEquals("E542", codes(notCached));
        assertTrue(notCached.diagnostics().get(0).message().contains("hie-sample@1.2.0 (locked): it is not in the "
                + "package cache"), notCached.diagnostics().toString());
        assertTrue(notCached.diagnostics().get(0).message().endsWith("run 'hielements plugins install' (it "
                + "downloads the locked versions and verifies them)"));

        cache();
        assertEquals("W513", codes(ConfigLoader.load(root, env)));
        Path file = PackageCache.of(env).tarball(integrity);
        byte[] changed = tgz.clone();
        changed[changed.length / 3] ^= 1;
        Files.write(file, changed);
        LibrariesConfig tampered = ConfigLoader.load(root, env);
        assertEquals("E543", codes(tampered));
        assertFalse(tampered.entry("sample").orElseThrow().loadable(), "nothing of it is loaded");
        try (Libraries libs = Libraries.build(root, tampered, PluginFixtures.options())) {
            assertTrue(libs.registry().get("sample").isEmpty());
            assertEquals(LibraryStatus.State.NOT_LOADED, libs.status("sample").orElseThrow().state());
        }

        Files.write(file, tgz);
        toml("[libraries.sample]\npackage = \"hie-sample@^2\"\n");
        assertEquals("E541", codes(ConfigLoader.load(root, env)));
        toml("[libraries.sample]\npackage = \"hie-other@^1.2\"\n");
        assertEquals("E541", codes(ConfigLoader.load(root, env)), "the lock is for another package");

        Files.writeString(root.resolve("hielements.lock"), "lockfile = 1\n[libraries.sample]\n");
        LibrariesConfig unreadable = ConfigLoader.load(root, env);
        assertEquals("E541", codes(unreadable));
        assertTrue(unreadable.diagnostics().get(0).message().contains("run 'hielements plugins update' to write it "
                + "again"), unreadable.diagnostics().toString());
    }

    @Test
    void aPackageInTheCacheThatIsNotAPluginIsRefused() throws Exception {
        tgz = TestTarballs.plugin("hie-sample", "1.2.0", "[\"hielements-plugin\"]", TestTarballs.MANIFEST, null);
        integrity = Integrity.of(tgz);
        toml("[libraries.sample]\npackage = \"hie-sample@^1.2\"\n");
        lock("^1.2", "1.2.0");
        cache();
        LibrariesConfig c = ConfigLoader.load(root, env);
        assertEquals("E544", codes(c));
        assertTrue(c.diagnostics().get(0).message().contains("has no .wasm module at all"), c.diagnostics().toString());
    }
}
