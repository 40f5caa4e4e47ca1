package org.hielements.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.config.PluginFixtures;
import org.hielements.library.wasm.WasmLibrary;
import org.hielements.wasm.WasmPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C SDK ({@code sdk/c/hielements_plugin.h}): its example plugin, built with clang, loaded through the host as
 * {@code hielements.toml} would, answers its selectors and checks, its documentation generated from the declarations.
 */
class CSdkTest {
    @TempDir
    Path dir;

    @Test
    void theExamplePluginBuildsLoadsAndAnswers() throws Exception {
        Path wasm = Toolchains.buildCExample(dir.resolve("files_c.wasm"));
        if (wasm == null) return;
        Path ws = dir.toRealPath();
        PluginFixtures.write(ws, "src/a.py", "a\n");
        PluginFixtures.write(ws, "src/b.txt", "b\n");
        PluginFixtures.write(ws, "src/c.py", "c\n");
        WasmLibrary lib = WasmLibrary.load("files_c", wasm, WasmPolicy.defaults(), PluginFixtures.wasmHost());
        try {
            assertTrue(lib.isLoaded(), lib.problems().toString());
            assertEquals(List.of(), lib.problems());
            assertEquals(List.of(), lib.trialProblems(Workspace.of(ws)));
            LibraryDoc doc = lib.knownFunctions().orElseThrow();
            assertEquals(List.of("greeting", "with_extension", "at_most"), doc.allNames());
            assertEquals("Passes when a scope has at most n files.",
                    doc.function("at_most").orElseThrow().description());
            assertEquals(2, doc.function("at_most").orElseThrow().parameters().size());
            assertEquals("ext", doc.function("with_extension").orElseThrow().parameters().get(1).name());

            CallContext ctx = CallContext.of(Workspace.of(ws));
            assertEquals(Value.of("hello, Ünïcode \"quoted\""),
                    lib.call("greeting", List.of(Value.of("Ünïcode \"quoted\"")), ctx));
            Scope src = Scope.of(org.hielements.library.ScopeKind.FOLDER, "src", List.of(ws.resolve("src/a.py"), ws.resolve("src/b.txt"),
                    ws.resolve("src/c.py")));
            Value py = lib.call("with_extension", List.of(src, Value.of(".py")), ctx);
            Scope pyScope = assertInstanceOf(Scope.class, py);
            assertEquals(List.of(ws.resolve("src/a.py"), ws.resolve("src/c.py")), pyScope.paths());
            assertEquals(CheckResult.pass(), lib.check("at_most", List.of(src, Value.of(3)), ctx));
            CheckResult fail = lib.check("at_most", List.of(src, Value.of(2)), ctx);
            assertEquals(CheckResult.fail("the scope has 3 files, more than 2"), fail);
            LibraryException e = assertThrows(LibraryException.class,
                    () -> lib.call("greeting", List.of(), ctx));
            assertEquals("E-32000", e.code());
            assertEquals("greeting: expected 1 argument, got 0", e.error().message());
            // many calls: the heap goes back after each reply, so the instance never grows
            for (int i = 0; i < 2000; i++) lib.call("with_extension", List.of(src, Value.of(".py")), ctx);
            assertTrue(Files.size(wasm) < 20_000, "a small module: " + Files.size(wasm));
        } finally {
            lib.close();
        }
    }
}
