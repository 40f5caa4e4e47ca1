package org.hielements.library.config;

import static org.hielements.library.TestFiles.write;
import static org.hielements.library.config.PluginFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.CallContext;
import org.hielements.library.LibraryException;
import org.hielements.library.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code hielements.toml} from a cloned repository is untrusted input. A FIFO, a device or a link to one, given as
 * {@code hielements.toml} or as a WASM plugin's {@code path}, is refused with a diagnostic at its place and never
 * opened (before, both blocked the checker forever, also when no check used the plugin); a file over the size limit
 * is refused unread; a library name that is not an identifier ({@code ""}, {@code a.b}, control characters) is
 * refused at its key, the other entries load.
 */
class UntrustedConfigTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    Path ws;
    Libraries libs;

    @BeforeEach
    void setUp() throws Exception {
        ws = Files.createDirectories(dir.resolve("ws")).toRealPath();
    }

    @AfterEach
    void tearDown() {
        if (libs != null) libs.close();
    }

    private static void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
    }

    /** Loads within the deadline (a regression blocks on the FIFO: the test fails instead of hanging the build). */
    private Libraries loadLibraries() {
        libs = assertTimeoutPreemptively(DEADLINE, () -> Libraries.load(ws, PluginFixtures.options()));
        return libs;
    }

    private static List<String> show(List<Diagnostic> ds) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : ds) {
            out.add(d.code() + " " + d.source().cliLine(d.span().start()) + ":" + d.source().cliColumn(d.span().start())
                    + " " + d.message());
        }
        return out;
    }

    @Test
    void aFifoAsHielementsTomlIsRefusedWithoutBlocking() throws Exception {
        mkfifo(ws.resolve("hielements.toml"));
        assertEquals(List.of("E510 1:1 Cannot read hielements.toml: it is a FIFO (named pipe), not a regular file; it "
                + "was not read"), show(loadLibraries().diagnostics()));
        assertTrue(libs.plugins().isEmpty());
    }

    @Test
    void aLinkToADeviceAsHielementsTomlIsRefused() throws Exception {
        Files.createSymbolicLink(ws.resolve("hielements.toml"), Path.of("/dev/zero"));
        assertEquals(List.of("E510 1:1 Cannot read hielements.toml: it is a character device, not a regular file; it "
                + "was not read"), show(loadLibraries().diagnostics()));
        Files.delete(ws.resolve("hielements.toml"));
        Files.createSymbolicLink(ws.resolve("hielements.toml"), Path.of("/dev/stdin"));
        assertTrue(show(loadLibraries().diagnostics()).get(0).endsWith("not a regular file; it was not read"));
    }

    @Test
    void aHugeHielementsTomlIsRefusedUnread() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(ws.resolve("hielements.toml").toFile(), "rw")) {
            f.setLength(2L * 1024 * 1024 * 1024); // 2 GiB, sparse
        }
        assertEquals(List.of("E510 1:1 Cannot read hielements.toml: it is larger than the limit of 1 MiB (2048 MiB); "
                + "it was not read"), show(loadLibraries().diagnostics()));
    }

    @Test
    void specialFilesAsAWasmPathAreReportedAtTheirKeyAndFailOnlyTheirOwnCalls() throws Exception {
        mkfifo(ws.resolve("fifo.wasm"));
        Files.createSymbolicLink(ws.resolve("zero.wasm"), Path.of("/dev/zero"));
        write(ws, "hielements.toml", "[libraries]\n"
                + "fifo = { path = \"fifo.wasm\" }\n"
                + "stdin = { path = \"/dev/stdin\", type = \"wasm\" }\n"
                + "zero = { path = \"zero.wasm\" }\n"
                + "good = { path = " + q(PluginFixtures.sampleWasm()) + " }\n");
        List<String> shown = show(loadLibraries().diagnostics());
        assertEquals(List.of(
                "E518 2:10 Library 'fifo': " + ws.resolve("fifo.wasm") + " is a FIFO (named pipe), not a regular file; "
                        + "a WASM module is read only from a regular file",
                "E518 3:11 Library 'stdin': /dev/stdin is a FIFO (named pipe), not a regular file; a WASM module is "
                        + "read only from a regular file",
                "E518 4:10 Library 'zero': " + ws.resolve("zero.wasm") + " is a character device, not a regular file; "
                        + "a WASM module is read only from a regular file"), shown.stream()
                .map(s -> s.replace("/dev/stdin is a character device", "/dev/stdin is a FIFO (named pipe)")).toList());
        CallContext ctx = CallContext.of(Workspace.of(ws));
        for (String name : List.of("fifo", "stdin", "zero")) {
            LibraryException e = assertTimeoutPreemptively(DEADLINE, () -> assertThrows(LibraryException.class,
                    () -> libs.registry().get(name).orElseThrow().check("always_pass", List.of(), ctx)));
            assertEquals("E600", e.code());
            assertTrue(e.error().message().contains("not a regular file"), e.error().message());
        }
        assertEquals(org.hielements.library.CheckResult.pass(),
                libs.registry().get("good").orElseThrow().check("always_pass", List.of(), ctx));
    }

    @Test
    void aWasmModuleOverItsLimitIsReportedAndRaisingTheLimitLoadsIt() throws Exception {
        Path big = ws.resolve("big.wasm");
        Files.copy(PluginFixtures.sampleWasm(), big);
        write(ws, "hielements.toml", "[libraries.small]\npath = \"big.wasm\"\n[libraries.small.limits]\nmodule = \"4KiB\"\n"
                + "[libraries.raised]\npath = \"big.wasm\"\n[libraries.raised.limits]\nmodule = \"1MiB\"\n");
        List<String> shown = show(loadLibraries().diagnostics());
        assertEquals(1, shown.size(), shown.toString());
        String size = String.format(java.util.Locale.ROOT, "%.1f KiB", Files.size(big) / 1024.0); // 16.3 KiB today
        assertTrue(shown.get(0).startsWith("E518 2:1 Library 'small': WASM module " + big + " is larger than the module "
                + "limit of 4 KiB (" + size + ")"), shown.get(0));
        assertTrue(shown.get(0).endsWith("; it is not read (raise [libraries.small.limits] module to load it)"),
                shown.get(0));
        CallContext ctx = CallContext.of(Workspace.of(ws));
        LibraryException e = assertThrows(LibraryException.class,
                () -> libs.registry().get("small").orElseThrow().check("always_pass", List.of(), ctx));
        assertTrue(e.error().message().contains("is larger than the module limit of 4 KiB"), e.error().message());
        assertEquals(org.hielements.library.CheckResult.pass(),
                libs.registry().get("raised").orElseThrow().check("always_pass", List.of(), ctx));
    }

    @Test
    void aTextTheTomlReaderFailsOnIsOneErrorNotACrash() {
        // found by ConfigFuzzTest: tomlj trips an internal assertion (with -ea, as tests and some users run) on this
        LibrariesConfig c = ConfigLoader.parse(new org.hielements.text.SourceText("hielements.toml",
                "[libraries.sam#\u001d]\n"), ws);
        assertEquals(List.of("E511 1:1 Invalid TOML: the TOML reader could not read this text (a header the parser "
                + "skipped input after has a comment after it); no library is loaded"), show(c.diagnostics()));
        assertTrue(c.entries().isEmpty());
    }

    @Test
    void libraryNamesMustBeIdentifiers() throws Exception {
        write(ws, "hielements.toml", "[libraries]\n"
                + "\"\" = { executable = \"/bin/true\" }\n"
                + "\"a.b\" = { executable = \"/bin/true\" }\n"
                + "\"esc\\u001b[31m\" = { executable = \"/bin/true\" }\n"
                + "\"my lib\" = { executable = \"/bin/true\" }\n"
                + "\"9lives\" = { executable = \"/bin/true\" }\n"
                + "ok_name = { executable = \"/bin/true\" }\n"
                + "\"quoted_ok\" = { executable = \"/bin/true\" }\n");
        List<String> shown = show(loadLibraries().diagnostics());
        String tail = " is not valid: a library name is an identifier (letters, digits and _, not starting with a "
                + "digit), as .hie files call it; the entry is not loaded";
        assertEquals(List.of(
                "E522 2:1 Library name \"\"" + tail,
                "E522 3:1 Library name \"a.b\"" + tail,
                "E522 4:1 Library name \"esc\\u001b[31m\"" + tail,
                "E522 5:1 Library name \"my lib\"" + tail,
                "E522 6:1 Library name \"9lives\"" + tail), shown);
        for (String s : shown) assertFalse(s.chars().anyMatch(c -> c < 0x20), "no control character printed: " + s);
        assertEquals(List.of("ok_name", "quoted_ok"), new ArrayList<>(libs.plugins().keySet()));
        assertEquals(List.of("files", "ok_name", "python", "quoted_ok", "rust", "typescript"), libs.registry().names());
    }
}
