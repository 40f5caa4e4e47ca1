package org.hielements.library.config;

import static org.hielements.library.config.PluginFixtures.q;
import static org.hielements.library.config.PluginFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.Workspace;
import org.hielements.library.builtin.Builtins;
import org.hielements.semantics.KnownLibraries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry of a workspace: built-ins plus the configured plugins, upstream-libraries.md §7 items 26-28 as we
 * chose them, statuses, and the function lists the semantic checks get.
 */
class LibrariesTest {
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

    private Libraries load(String toml) {
        write(ws, "hielements.toml", toml);
        libs = Libraries.load(ws, PluginFixtures.options());
        return libs;
    }

    private static String sampleWasm(String name) {
        return "[libraries." + name + "]\npath = " + q(PluginFixtures.sampleWasm()) + "\n[libraries." + name
                + ".permissions]\nfilesystem = [\"read\"]\n";
    }

    private static List<String> codes(List<Diagnostic> ds) {
        return ds.stream().map(Diagnostic::code).toList();
    }

    @Test
    void withoutAConfigurationThereAreTheBuiltinsOnly() {
        // and the bundled typescript library, a WASM module shipped in the jar
        libs = Libraries.load(ws, PluginFixtures.options());
        List<String> expected = new java.util.ArrayList<>(Builtins.names());
        expected.add("typescript");
        assertEquals(expected, libs.registry().names());
        assertEquals(List.of(), libs.diagnostics());
        assertEquals(List.of("files", "python", "rust", "typescript"),
                libs.statuses().stream().map(LibraryStatus::name).toList());
        assertTrue(libs.statuses().stream().allMatch(s -> s.state() == LibraryStatus.State.READY));
        assertEquals("bundled: org/hielements/library/wasm/typescript.wasm", libs.status("typescript").orElseThrow()
                .origin());
    }

    // ---------------------------------------------------------------- item 26: a name shadowing a built-in

    @Test
    void aPluginNamedLikeABuiltinIsRefusedAndTheBuiltinWins() throws Exception {
        load("[libraries]\nfiles = { executable = \"python3\" }\n" + sampleWasm("mine"));
        assertEquals(List.of("E515"), codes(libs.diagnostics()));
        Diagnostic d = libs.diagnostics().get(0);
        assertEquals("Library 'files' shadows a built-in library; the built-in 'files' is used", d.message());
        assertEquals("files", d.source().text().substring(d.span().start(), d.span().end()));
        assertEquals(LibraryKind.BUILTIN, libs.registry().get("files").orElseThrow().kind());
        assertSame(Builtins.all().get(0), libs.registry().get("files").orElseThrow());
        LibraryStatus s = libs.statuses().stream()
                .filter(x -> x.name().equals("files") && x.kind().equals(Optional.of(LibraryKind.PROCESS)))
                .findFirst().orElseThrow();
        assertEquals(LibraryStatus.State.SHADOWED, s.state());
        assertEquals(LibraryStatus.State.READY, libs.status("mine").orElseThrow().state(), "the others load");
    }

    // ---------------------------------------------------------------- item 27: which hielements.toml

    @Test
    void theConfigurationIsTheWorkspaceRootsAndNoOther() throws Exception {
        write(dir, "hielements.toml", sampleWasm("parent"));
        write(ws, "sub/hielements.toml", sampleWasm("child"));
        load(sampleWasm("mine"));
        assertEquals(List.of("files", "mine", "python", "rust", "typescript"), libs.registry().names());
        assertEquals(ws.resolve("hielements.toml"), libs.config().file());
        assertFalse(Files.exists(Path.of("hielements.toml").toAbsolutePath()), "none in the current folder either");
    }

    // ---------------------------------------------------------------- item 28: WASM entries load under Chicory

    @Test
    void aWasmEntryLoadsAndItsFunctionsAreKnownAtOnce() throws Exception {
        load(sampleWasm("sample"));
        LibraryStatus s = libs.status("sample").orElseThrow();
        assertEquals(LibraryStatus.State.READY, s.state());
        assertEquals(Optional.of(LibraryKind.WASM), s.kind());
        assertEquals(PluginFixtures.sampleWasm().toString(), s.origin());
        assertEquals(List.of(), s.problems());
        KnownLibraries known = KnownLibraries.of(libs.registry());
        assertTrue(known.isKnown("sample"));
        assertEquals(5, known.functions("sample").orElseThrow().allNames().size(), "for E206-E208");
        CallContext ctx = CallContext.of(Workspace.of(ws));
        assertEquals(CheckResult.pass(), libs.registry().get("sample").orElseThrow().check("always_pass", List.of(), ctx));
    }

    @Test
    void missingInvalidAndIncompleteModulesAreReportedInTheTomlAndFailTheirCalls() throws Exception {
        write(ws, "bad.wasm", "not a module");
        Files.write(ws.resolve("empty.wasm"), new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        load("""
                [libraries]
                gone = { path = "plugins/gone.wasm" }
                bad = { path = "bad.wasm" }
                empty = { path = "empty.wasm" }
                """ + sampleWasm("good"));
        // lazy: before anything needs them, no module was read, so only the missing file is known
        assertEquals(List.of("E518"), libs.diagnostics().stream().map(d -> d.code()).toList());
        libs.describeAll();
        List<String> shown = libs.diagnostics().stream().map(d -> d.code() + " "
                + d.source().cliLine(d.span().start()) + ":" + d.source().cliColumn(d.span().start()) + " "
                + d.message()).toList();
        assertEquals(3, shown.size(), shown.toString());
        assertEquals("E518 2:10 Library 'gone': WASM module \"plugins/gone.wasm\" not found (looked for "
                + ws.resolve("plugins/gone.wasm") + ")", shown.get(0));
        assertEquals("E521 3:9 Library 'bad': the WASM module bad.wasm does not load: not a WebAssembly module (bad "
                + "magic number: a binary module starts with \\0asm)", shown.get(1));
        assertEquals("E521 4:11 Library 'empty': the WASM module empty.wasm does not load: missing required exports: "
                + "memory, alloc, library_call, library_check", shown.get(2));
        CallContext ctx = CallContext.of(Workspace.of(ws));
        for (String name : List.of("gone", "bad", "empty")) {
            assertEquals(LibraryStatus.State.FAILED, libs.status(name).orElseThrow().state(), name);
            LibraryException e = assertThrows(LibraryException.class,
                    () -> libs.registry().get(name).orElseThrow().check("always_pass", List.of(), ctx));
            assertEquals("E600", e.code());
            assertTrue(e.error().message().contains(name + ".wasm"), e.error().message());
        }
        assertEquals(List.of("does not load: missing required exports: memory, alloc, library_call, library_check"),
                libs.status("empty").orElseThrow().problems().subList(0, 1));
        assertEquals(CheckResult.pass(), libs.registry().get("good").orElseThrow().check("always_pass", List.of(), ctx));
    }

    // ---------------------------------------------------------------- statuses and descriptions

    @Test
    void brokenEntriesAreListedAsNotLoadedWithTheirProblems() {
        load("[libraries]\nempty = {}\n" + sampleWasm("good"));
        LibraryStatus empty = libs.status("empty").orElseThrow();
        assertEquals(LibraryStatus.State.NOT_LOADED, empty.state());
        assertTrue(empty.kind().isEmpty());
        assertEquals(List.of("hielements.toml:2:1: E512 Library 'empty': cannot tell its type; give 'executable' (a "
                + "process plugin), 'path' (a .wasm module) or 'type'"), empty.problems());
        assertFalse(libs.registry().has("empty"));
        assertEquals(List.of("files", "python", "rust", "typescript", "empty", "good"),
                libs.statuses().stream().map(LibraryStatus::name).toList());
    }

    @Test
    void describeAllAsksProcessPluginsForTheirFunctions() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        load("[libraries.sample]\nexecutable = " + q(PluginFixtures.pythonCommand()) + "\nargs = ["
                + q(PluginFixtures.samplePython()) + "]\n");
        KnownLibraries known = KnownLibraries.of(libs.registry());
        assertTrue(known.isKnown("sample"));
        assertTrue(known.functions("sample").isEmpty(), "unknown until asked: loading starts nothing");
        assertEquals(LibraryStatus.State.NOT_STARTED, libs.status("sample").orElseThrow().state());
        libs.describeAll();
        assertEquals(SampleLibraryTest.expectedDoc(), known.functions("sample").orElseThrow());
        LibraryStatus s = libs.status("sample").orElseThrow();
        assertEquals(LibraryStatus.State.READY, s.state());
        assertTrue(s.loadTime().toNanos() > 0);
        assertTrue(s.usable());
    }
}
