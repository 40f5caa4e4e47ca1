package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
        EarlyPreloads.Parsed p = EarlyPreloads.parse(new String[] {"check", "--cache-dir", "/c", "-v", "a.hie",
            "--format=json", "-w", "ws", "--filter", "x", "--limit=3", "--no-baseline", "b"});
        assertNotNull(p);
        assertEquals(List.of(Path.of("a.hie"), Path.of("b")), p.paths());
        assertEquals(Path.of("ws"), p.workspace());
        assertEquals(Path.of("/c"), p.cacheDir());
        EarlyPreloads.Parsed plain = EarlyPreloads.parse(new String[] {"check"});
        assertEquals(List.of(), plain.paths());
        assertNull(plain.cacheDir());
        assertEquals(List.of(Path.of("-odd.hie")),
                EarlyPreloads.parse(new String[] {"check", "--", "-odd.hie"}).paths());
        for (String[] none : new String[][] {{}, {"run", "a.hie"}, {"check", "--no-cache"}, {"check", "--no-run"},
                {"check", "--dry-run"}, {"check", "--cache-dir"}, {"check", "--unknown"}, {"check", "-h"},
                {"check", "--verbose=yes"}, {"lsp"}}) {
            assertNull(EarlyPreloads.parse(none), String.join(" ", none));
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
        assertSame(EarlyPreloads.NONE, EarlyPreloads.start(new String[] {"check", "--no-cache", hie.toString()}));
    }
}
