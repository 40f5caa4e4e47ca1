package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.spec;
import static org.hielements.wasm.Fixtures.text;
import static org.hielements.wasm.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent compile cache: reuse across hosts, corruption, versions. */
class CompileCacheTest {
    @TempDir
    Path cacheRoot;

    private WasmHost host(String version) {
        return WasmHost.builder().persistentCache(cacheRoot).cacheVersion(version).build();
    }

    private List<Path> entries(WasmHost h) throws Exception {
        Path dir = h.persistentCacheDirectory().orElseThrow();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void aSecondLoadInAFreshHostReadsCompiledCodeFromDisk() throws Exception {
        String sha;
        try (WasmHost first = host("1.0")) {
            long t0 = System.nanoTime();
            WasmPlugin p = first.load(spec("bench"));
            long compileMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(WasmPlugin.CodeSource.COMPILED, p.codeSource());
            sha = p.sha256();
            List<Path> files = entries(first);
            assertEquals(List.of(first.persistentCacheDirectory().orElseThrow().resolve(sha + ".classes")), files);
            System.out.println("CompileCacheTest: first load compiled in " + compileMs + " ms, wrote "
                    + Files.size(files.get(0)) + " bytes to " + files.get(0).getFileName());
        }
        try (WasmHost second = host("1.0")) {
            long t0 = System.nanoTime();
            WasmPlugin p = second.load(spec("bench"));
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("CompileCacheTest: second load in a fresh host read the cache in " + loadMs + " ms");
            assertEquals(WasmPlugin.CodeSource.PERSISTENT_CACHE, p.codeSource());
            assertEquals(sha, p.sha256());
            assertEquals("78498", text(p.call("library_check", utf8("1000000"))));
        }
    }

    @Test
    void aCorruptEntryIsIgnoredAndRebuilt() throws Exception {
        Path entry;
        try (WasmHost first = host("1.0")) {
            first.load(spec("multi")).close();
            entry = entries(first).get(0);
        }
        byte[] good = Files.readAllBytes(entry);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x55; // one flipped byte in the middle of the classes
        Files.write(entry, bad);
        try (WasmHost second = host("1.0")) {
            WasmPlugin p = second.load(spec("multi"));
            assertEquals(WasmPlugin.CodeSource.COMPILED, p.codeSource());
            assertEquals("call:x", text(p.call("library_call", utf8("x"))));
        }
        assertTrue(Files.size(entry) > 0);
        Files.write(entry, new byte[] {1, 2, 3}); // truncated garbage
        try (WasmHost third = host("1.0")) {
            assertEquals(WasmPlugin.CodeSource.COMPILED, third.load(spec("multi")).codeSource());
        }
        try (WasmHost fourth = host("1.0")) {
            assertEquals(WasmPlugin.CodeSource.PERSISTENT_CACHE, fourth.load(spec("multi")).codeSource(),
                    "the rebuilt entry is good again");
        }
    }

    /**
     * An entry whose checksum is right but whose bytes are not classes (written so by something else): the classes read
     * ahead of the parse do not load, so the load takes the usual way, which drops the entry and compiles afresh.
     */
    @Test
    void anEntryWithItsChecksumWhoseClassesDoNotLoadIsRebuilt() throws Exception {
        String sha;
        Path dir;
        try (WasmHost first = host("1.0")) {
            sha = first.load(spec("multi")).sha256();
            dir = first.persistentCacheDirectory().orElseThrow();
        }
        DiskCompileCache disk = new DiskCompileCache(dir.getParent(), dir.getFileName().toString());
        String key = DiskCompileCache.key(java.util.HexFormat.of().parseHex(sha));
        Files.delete(disk.fileFor(key));
        disk.putIfAbsent(key, "not the classes of a module".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(dir.resolve(sha + ".classes"), disk.fileFor(key));
        assertEquals("not the classes of a module",
                new String(disk.get(key), java.nio.charset.StandardCharsets.US_ASCII), "the entry passes its checksum");
        try (WasmHost second = host("1.0")) {
            WasmPlugin p = second.load(spec("multi"));
            assertEquals(WasmPlugin.CodeSource.COMPILED, p.codeSource());
            assertEquals("call:x", text(p.call("library_call", utf8("x"))));
        }
        try (WasmHost third = host("1.0")) {
            WasmPlugin p = third.load(spec("multi"));
            assertEquals(WasmPlugin.CodeSource.PERSISTENT_CACHE, p.codeSource(), "the rebuilt entry is good again");
            assertEquals("call:y", text(p.call("library_call", utf8("y"))));
        }
    }

    @Test
    void anEntryThatIsAFifoIsIgnoredUnopenedAndReplaced() throws Exception {
        Path entry;
        try (WasmHost first = host("1.0")) {
            first.load(spec("multi")).close();
            entry = entries(first).get(0);
        }
        Files.delete(entry);
        Process mk = new ProcessBuilder("mkfifo", entry.toString()).start();
        assertTrue(mk.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mk.exitValue() == 0);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            try (WasmHost second = host("1.0")) {
                WasmPlugin p = second.load(spec("multi"));
                assertEquals(WasmPlugin.CodeSource.COMPILED, p.codeSource());
                assertEquals("call:x", text(p.call("library_call", utf8("x"))));
            }
        });
        assertTrue(Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS), "rebuilt as a file");
    }

    @Test
    void entriesOfAnotherVersionAreNotUsed() throws Exception {
        try (WasmHost old = host("0.9")) {
            assertEquals(WasmPlugin.CodeSource.COMPILED, old.load(spec("outptr")).codeSource());
        }
        try (WasmHost current = host("1.0")) {
            assertEquals(WasmPlugin.CodeSource.COMPILED, current.load(spec("outptr")).codeSource());
            assertTrue(current.persistentCacheDirectory().orElseThrow().toString().contains("wasm-1.0-chicory-"));
        }
    }

    @Test
    void defaultFolderFollowsXdg() {
        Path d = WasmHost.defaultCacheDirectory();
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            assertEquals(Path.of(xdg, "hielements"), d);
        } else {
            assertEquals(Path.of(System.getProperty("user.home"), ".cache", "hielements"), d);
        }
        assertTrue(!WasmHost.version().isBlank() && !WasmHost.version().startsWith("${"), WasmHost.version());
    }
}
