package org.hielements.library.config;

import static org.hielements.library.config.PluginFixtures.q;
import static org.hielements.library.config.PluginFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hielements.library.CallContext;
import org.hielements.library.Library;
import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builds of {@code sample} side by side in one registry (the Python process plugin against each WASM build): the same calls, answers compared as they are (values,
 * check results, error codes and messages, documentation), including inputs the behavioural suite does not spell out.
 */
class SampleIdenticalAnswersTest {
    @TempDir
    Path dir;

    private record Call(boolean check, String function, List<Value> args) {}

    /** What a call gave: its value or check result, or its error, as text. */
    private static String answer(Library lib, Call c, CallContext ctx) {
        try {
            return c.check() ? String.valueOf(lib.check(c.function(), c.args(), ctx))
                    : String.valueOf(lib.call(c.function(), c.args(), ctx));
        } catch (LibraryException e) {
            return "error " + e.error();
        }
    }

    /** The WASM builds, by their folder under test-fixtures/plugins/sample. */
    private static final List<String> BUILDS = List.of("c", "rust", "assemblyscript", "wat");

    private static String wasmEntries() {
        StringBuilder b = new StringBuilder();
        for (String build : BUILDS) {
            // named sample_BUILD: rust and python are built-in libraries' names
            b.append("[libraries.sample_").append(build).append("]\npath = ").append(q(PluginFixtures.sampleWasm(build)))
                    .append("\n[libraries.sample_").append(build).append(".permissions]\nfilesystem = [\"read\"]\n");
        }
        return b.toString();
    }

    @Test
    void theProcessPluginAndEveryWasmBuildGiveIdenticalAnswers() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        Path ws = dir.resolve("ws");
        write(ws, "a/x.py", "");
        write(ws, "a/y.PY", "");
        write(ws, "a/b/z.rs", "");
        write(ws, "a/b/c/\u65e5\u672c.txt", "");
        write(ws, "a/with space.py", "");
        write(ws, "a/quote\"back\\slash.py", "");
        write(ws, "hielements.toml", "[libraries.py]\nexecutable = " + q(PluginFixtures.pythonCommand())
                + "\nargs = [" + q(PluginFixtures.samplePython()) + "]\n" + wasmEntries());
        ws = ws.toRealPath();
        try (Libraries libs = Libraries.load(ws, PluginFixtures.options())) {
            assertEquals(List.of(), libs.diagnostics());
            Library py = libs.registry().get("py").orElseThrow();
            CallContext ctx = CallContext.of(Workspace.of(ws));
            Scope a = (Scope) py.call("simple_selector", List.of(Value.of("a")), ctx);
            Scope foreign = new Scope(ScopeKind.GLOB, "**", List.of(Path.of("/elsewhere/q.py"), ws.resolve("k.txt")),
                    false);
            List<Call> calls = new ArrayList<>();
            for (String p : List.of("a", "a/", "./a", "a/b", "a/x.py", "a/b/c", ".", "", "missing", "a/../a", "/", "..",
                    "a/b/c/\u65e5\u672c.txt", "a/with space.py")) {
                calls.add(new Call(false, "simple_selector", List.of(Value.of(p))));
            }
            // the WASM build reads strings eight bytes at a time: a character to decode at every offset of a word
            for (int k = 0; k < 18; k++) {
                for (String special : List.of("\"", "\\", "\n", "\u0001", "\u001f", "\u00e9", "\u65e5", "\uD83D\uDE00")) {
                    calls.add(new Call(false, "simple_selector",
                            List.of(Value.of("m".repeat(k) + special + "-missing-" + special + "x".repeat(k)))));
                }
            }
            calls.add(new Call(false, "simple_selector", List.of(Value.list(Value.of("a")))));
            calls.add(new Call(false, "simple_selector", List.of(Value.of(true))));
            calls.add(new Call(false, "nope", List.of()));
            calls.add(new Call(true, "always_pass", List.of()));
            for (long max : new long[] {0, 5, 6, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                calls.add(new Call(true, "file_count_check", List.of(a, Value.of(max))));
            }
            calls.add(new Call(true, "file_count_check", List.of(a, Value.of(2.5))));
            calls.add(new Call(true, "file_count_check", List.of(Value.NULL, Value.of(1))));
            for (String ext : List.of("py", ".py", "PY", "", ".", "txt", "\u65e5\u672c.txt", "space.py")) {
                calls.add(new Call(true, "has_extension", List.of(a, Value.of(ext))));
            }
            calls.add(new Call(true, "has_extension", List.of(foreign, Value.of("py"))));
            calls.add(new Call(true, "has_extension", List.of(a)));
            for (long n : new long[] {0, 1, 2, 3, 10, 97, 98, 10_000, 10_000_001}) {
                calls.add(new Call(true, "prime_count", List.of(Value.of(n), Value.of(4))));
            }
            calls.add(new Call(true, "prime_count", List.of(Value.of("10"), Value.of(4))));
            calls.add(new Call(true, "nope", List.of()));
            List<String> different = new ArrayList<>();
            List<String> answers = new ArrayList<>();
            for (Call c : calls) answers.add(answer(py, c, ctx));
            for (String build : BUILDS) {
                Library wasm = libs.registry().get("sample_" + build).orElseThrow();
                for (int k = 0; k < calls.size(); k++) {
                    String w = answer(wasm, calls.get(k), ctx);
                    if (!answers.get(k).equals(w)) {
                        different.add(calls.get(k) + "\n  python: " + answers.get(k) + "\n  " + build + ": " + w);
                    }
                }
                assertEquals(py.documentation(), wasm.documentation(), build);
            }
            assertEquals(List.of(), different, String.join("\n", different));
            System.out.println("SampleIdenticalAnswersTest: " + calls.size() + " calls, identical answers from python "
                    + "and " + String.join(", ", BUILDS));
        }
    }
}
