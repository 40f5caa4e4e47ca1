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
        assertTrue(RawArguments.of(new String[] {"check", "--no-cache", "a.hie"}).loadsLibraries());
        assertTrue(RawArguments.of(new String[] {"run", "--dry-run", "a.hie"}).loadsLibraries());
        assertFalse(RawArguments.of(new String[] {"check", "--no-run", "a.hie"}).loadsLibraries());
        for (String[] nothing : new String[][] {{"check", "--no-run", "--no-cache", "a.hie"}, {"check", "-h"},
                {"format", "a.hie"}}) {
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
    void librariesAreGivenOnlyForTheWorkspaceAndFilesTheyWereStartedForAndTheRestAreClosed() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("lw"));
        Path wasm = Path.of("..").toAbsolutePath().normalize()
                .resolve("test-fixtures/plugins/sample/c/sample.wasm");
        Files.writeString(ws.resolve("hielements.toml"), "[libraries.sample]\npath = '" + wasm + "'\n");
        Path hie = Files.writeString(ws.resolve("a.hie"),
                "## sample. in a comment\nelement e:\n    check sample.always_pass()\n");
        Path other = Files.writeString(ws.resolve("b.hie"), "element f:\n");
        EarlyPreloads early = EarlyPreloads.start(new String[] {"check", "--no-cache", hie.toString()});
        List<SourceText> sources = List.of(new SourceText(hie.toString(), Files.readString(hie)));
        List<SourceText> others = List.of(new SourceText(other.toString(), Files.readString(other)));
        assertNull(early.takeLibraries(new Workspaces.Group(ws, others)), "other files");
        EarlyPreloads.StartedLibraries libs = early.takeLibraries(new Workspaces.Group(ws, sources));
        assertNotNull(libs);
        assertNull(early.takeLibraries(new Workspaces.Group(ws, sources)), "given once");
        assertEquals(1, libs.asking().size(), "the one plugin the file names is asked ahead");
        CheckRun.Section section = CheckRun.prepare(new Workspaces.Group(ws, sources), libs);
        CheckRun.run(section, null, 0, org.hielements.check.ProgressListener.NONE, null);
        assertEquals(1, section.result.passed(), section.result.outcomes().toString());
        section.close();
        early.close();

        // a run for other files: what was started is closed with the command
        EarlyPreloads unused = EarlyPreloads.start(new String[] {"check", "--no-cache", hie.toString()});
        assertNull(unused.takeLibraries(new Workspaces.Group(ws, others)));
        unused.close();
        assertNull(unused.takeLibraries(new Workspaces.Group(ws, sources)), "closed and dropped");
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
