package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache loads a {@code check} starts from its raw arguments: read as picocli reads them for the options that
 * matter, nothing for arguments it does not know, and a load is given only for the very workspace, files and cache
 * folder asked, once.
 */
class EarlyPreloadsTest {
    @TempDir
    Path tmp;

    @Test
    void theArgumentsAreReadAsTheCommandReadsThem() {
        RawArguments p = RawArguments.of(new String[] {"check", "--cache-dir", "/c", "-v", "a.hie",
            "--format=json", "-w", "ws", "--filter", "x", "--limit=3", "--no-baseline", "b"});
        assertNotNull(p);
        assertEquals(List.of(Path.of("a.hie"), Path.of("b")), p.paths());
        assertEquals(Path.of("ws"), p.workspace());
        assertEquals(Path.of("/c"), p.cacheDir());
        assertTrue(p.keepCache());
        RawArguments plain = RawArguments.of(new String[] {"check"});
        assertEquals(List.of(), plain.paths());
        assertNull(plain.cacheDir());
        assertEquals(List.of(Path.of("-odd.hie")), RawArguments.of(new String[] {"check", "--", "-odd.hie"}).paths());
        for (String[] noCache : new String[][] {{"check", "--no-cache"}, {"check", "a.hie", "--no-run"},
                {"check", "--dry-run"}, {"run", "a.hie"}}) {
            assertFalse(RawArguments.of(noCache).keepCache(), String.join(" ", noCache));
        }
        assertEquals(List.of(Path.of("a.hie")), RawArguments.of(new String[] {"run", "a.hie"}).paths());
        for (String[] none : new String[][] {{}, {"lsp"}, {"format", "a.hie"}, {"check", "--cache-dir"},
                {"check", "--unknown"}, {"check", "-h"}, {"check", "--verbose=yes"}, {"check", "--no-cache=1"}}) {
            assertNull(RawArguments.of(none), String.join(" ", none));
        }
        for (String[] nothing : new String[][] {{"check", "--no-cache", "a.hie"}, {"run", "a.hie"}, {"check", "-h"}}) {
            assertSame(EarlyPreloads.NONE, EarlyPreloads.start(nothing), String.join(" ", nothing));
        }
    }

    @Test
    void aLoadIsGivenOnlyForWhatItWasStartedFor() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path hie = Files.writeString(ws.resolve("a.hie"), "element e:\n    check files.exists(files.folder_selector('.'), 'a.hie')\n");
        Files.writeString(ws.resolve("hielements.toml"), "# none\n");
        EarlyPreloads early = EarlyPreloads.start(new String[] {"check", "--cache-dir", cache.toString(), hie.toString()});
        List<SourceText> sources = List.of(new SourceText(hie.toString(), Files.readString(hie)));
        assertNull(early.take(CacheFiles.Preload.key(tmp, sources, cache)), "another workspace");
        assertNull(early.take(CacheFiles.Preload.key(ws, sources, null)), "another cache folder");
        CacheFiles.Preload p = early.take(CacheFiles.Preload.key(ws, sources, cache));
        assertNotNull(p);
        assertNull(early.take(CacheFiles.Preload.key(ws, sources, cache)), "given once");
        assertNotNull(p.await(line -> { }), "the cache (empty: none was written yet)");
    }

    @Test
    void startUpReadsTheHielementsTomlTheArgumentsPointAt() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("w/sub"));
        Files.writeString(tmp.resolve("w/hielements.toml"), "[libraries.x]\npath = 'x.wasm'\n");
        Path hie = Files.writeString(ws.resolve("a.hie"), "element e:\n");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("hielements.toml"), "# only comments\n");
        assertEquals("[libraries.x]\npath = 'x.wasm'\n", StartUp.workspaceToml(new String[] {"check", hie.toString()}));
        assertEquals("[libraries.x]\npath = 'x.wasm'\n", StartUp.workspaceToml(new String[] {"run", ws.toString()}));
        assertEquals("# only comments\n",
                StartUp.workspaceToml(new String[] {"check", "-w", other.toString(), hie.toString()}));
        assertNull(StartUp.workspaceToml(new String[] {"check", "--unknown", hie.toString()}));
    }
}
