package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.spec;
import static org.hielements.wasm.Fixtures.text;
import static org.hielements.wasm.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.hielements.wasm.WasmPluginException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ABI of PLUGINS.md §4: the three return shapes, optional exports, and validation at load. */
class AbiTest {
    private static WasmHost host;

    @BeforeAll
    static void start() {
        host = Fixtures.host();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void multiValueShape() throws Exception {
        try (WasmPlugin p = host.load(spec("multi"))) {
            assertEquals(Optional.of(ReturnShape.MULTI_VALUE), p.export("library_call").orElseThrow().shape());
            assertEquals("call:{\"function\":\"f\"}", text(p.call("library_call", utf8("{\"function\":\"f\"}"))));
            assertEquals("check:abc", text(p.call("library_check", utf8("abc"))));
            // library_metadata takes no input; _initialize ran once for the instance that answers.
            assertEquals("{\"shape\":\"multi\",\"inits\":1}", text(p.callNoInput("library_metadata").orElseThrow()));
            assertEquals("{\"shape\":\"multi\",\"inits\":1}", text(p.callNoInput("library_metadata").orElseThrow()));
            assertEquals(Optional.empty(), p.callNoInput("library_doc"));
            assertTrue(p.hasDealloc());
            assertFalse(p.usesWasi());
        }
    }

    @Test
    void packedShape() throws Exception {
        try (WasmPlugin p = host.load(spec("packed"))) {
            assertEquals(Optional.of(ReturnShape.PACKED_I64), p.export("library_check").orElseThrow().shape());
            assertEquals("call:xyz", text(p.call("library_call", utf8("xyz"))));
            assertEquals("check:", text(p.call("library_check", new byte[0])));
            assertEquals("packed doc", text(p.callNoInput("library_doc").orElseThrow()));
            assertEquals(Optional.empty(), p.callNoInput("library_metadata"));
            assertFalse(p.hasDealloc());
        }
    }

    @Test
    void outPointerShape() throws Exception {
        try (WasmPlugin p = host.load(spec("outptr"))) {
            assertEquals(Optional.of(ReturnShape.OUT_POINTER), p.export("library_call").orElseThrow().shape());
            assertEquals("(i32, i32, i32) -> ()", p.export("library_call").orElseThrow().signature());
            assertEquals("call:1", text(p.call("library_call", utf8("1"))));
            assertEquals("check:22", text(p.call("library_check", utf8("22"))));
            assertEquals("{\"shape\":\"out-pointer\"}", text(p.callNoInput("library_metadata").orElseThrow()));
        }
    }

    @Test
    void repliesCarryBinaryAndLargeInputUnchanged() throws Exception {
        byte[] input = new byte[300_000];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31);
        }
        try (WasmPlugin p = host.load(spec("multi"))) {
            byte[] reply = p.call("library_call", input);
            assertEquals(5 + input.length, reply.length);
            assertArrayEquals(input, java.util.Arrays.copyOfRange(reply, 5, reply.length));
        }
    }

    @Test
    void wrongShapesAreRefusedNamingEachExportAndItsType() throws Exception {
        WasmPluginException e = assertThrows(WasmPluginException.class, () -> host.load(spec("badshape")));
        System.out.println("AbiTest wrong shapes: " + e.getMessage());
        assertEquals(Kind.VALIDATION, e.kind());
        assertEquals("badshape", e.plugin());
        String m = e.getMessage();
        assertTrue(m.startsWith("plugin 'badshape': "), m);
        assertTrue(m.contains("export library_call has type (i32) -> (i32); expected one of "
                + "(i32, i32) -> (i32, i32) (multi-value), (i32, i32) -> (i64) (packed-i64), "
                + "(i32, i32, i32) -> () (out-pointer)"), m);
        assertTrue(m.contains("export library_check has type (i32, i32) -> (f64)"), m);
        assertTrue(m.contains("export library_metadata has type (i32, i32) -> (i32, i32); expected one of "
                + "() -> (i32, i32)"), m);
        assertTrue(m.contains("export dealloc has type (i32) -> (); expected (i32, i32) -> ()"), m);
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertHostStillWorks();
    }

    private static void assertHostStillWorks() throws WasmPluginException {
        try (WasmPlugin p = host.load(spec("outptr"))) {
            assertEquals("check:after", text(p.call("library_check", utf8("after"))));
        }
    }

    @Test
    void aTrappingStartFunctionFailsTheLoad() throws Exception {
        WasmPluginException e = assertThrows(WasmPluginException.class, () -> host.load(spec("start_trap")));
        System.out.println("AbiTest start trap: " + e.getMessage());
        assertEquals(Kind.TRAP, e.kind());
        assertTrue(e.getMessage().startsWith("plugin 'start_trap': could not be instantiated: "), e.getMessage());
        assertHostStillWorks();
    }

    @Test
    void missingExportsAreNamed() throws Exception {
        WasmPluginException e = assertThrows(WasmPluginException.class, () -> host.load(spec("missing_export")));
        System.out.println("AbiTest missing exports: " + e.getMessage());
        assertEquals(Kind.VALIDATION, e.kind());
        assertTrue(e.getMessage().contains("missing required exports: memory, library_check"), e.getMessage());
        assertHostStillWorks();
    }

    @Test
    void unknownImportsAreListed() throws Exception {
        WasmPluginException e = assertThrows(WasmPluginException.class, () -> host.load(spec("unknown_import")));
        System.out.println("AbiTest unknown imports: " + e.getMessage());
        assertEquals(Kind.VALIDATION, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("unknown imports: env.host_log (function (i32, i32) -> ()), env.table (table), "
                + "wasi_snapshot_preview1.not_a_call (no such WASI preview 1 function), "
                + "wasi_snapshot_preview1.fd_write (declared (i32) -> (i32), WASI defines "
                + "(i32, i32, i32, i32) -> (i32))"), m);
        assertTrue(m.contains("the host provides only wasi_snapshot_preview1 functions"), m);
        assertHostStillWorks();
    }

    @Test
    void notWebAssemblyIsALoadError(@TempDir Path tmp) throws Exception {
        WasmPluginException e = assertThrows(WasmPluginException.class,
                () -> host.load(WasmPluginSpec.builder("junk").bytes(utf8("not wasm at all")).build()));
        assertEquals(Kind.LOAD, e.kind());
        assertEquals("plugin 'junk': not a WebAssembly module (bad magic number: a binary module starts with \\0asm)",
                e.getMessage());

        byte[] truncated = java.util.Arrays.copyOf(Fixtures.wasm("multi"), 100);
        e = assertThrows(WasmPluginException.class,
                () -> host.load(WasmPluginSpec.builder("cut").bytes(truncated).build()));
        assertEquals(Kind.LOAD, e.kind());

        Path missing = tmp.resolve("nope.wasm");
        e = assertThrows(WasmPluginException.class,
                () -> host.load(WasmPluginSpec.builder("gone").path(missing).build()));
        assertEquals(Kind.LOAD, e.kind());
        assertEquals("plugin 'gone': no such file: " + missing, e.getMessage());
    }

    @Test
    void loadsFromAPath(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("p.wasm");
        Files.write(file, Fixtures.wasm("outptr"));
        try (WasmPlugin p = host.load(WasmPluginSpec.builder("frompath").path(file).build())) {
            assertEquals("call:ok", text(p.call("library_call", utf8("ok"))));
            assertEquals(64, p.sha256().length());
        }
    }

    @Test
    void callingAnUnknownOrShapelessExportIsAnError() throws Exception {
        try (WasmPlugin p = host.load(spec("multi"))) {
            WasmPluginException e = assertThrows(WasmPluginException.class, () -> p.call("nope", new byte[0]));
            assertEquals(Kind.NO_SUCH_EXPORT, e.kind());
            assertEquals("plugin 'multi': export nope: the module has no such export", e.getMessage());
            e = assertThrows(WasmPluginException.class, () -> p.call("alloc", new byte[0]));
            assertEquals(Kind.NO_SUCH_EXPORT, e.kind());
            assertTrue(e.getMessage().contains("its type is (i32) -> (i32)"), e.getMessage());
            e = assertThrows(WasmPluginException.class, () -> p.call("library_metadata", new byte[0]));
            assertEquals(Kind.NO_SUCH_EXPORT, e.kind());
            e = assertThrows(WasmPluginException.class, () -> p.callNoInput("library_call"));
            assertEquals(Kind.NO_SUCH_EXPORT, e.kind());
        }
    }

    @Test
    void exportsAreIntrospectable() throws Exception {
        try (WasmPlugin p = host.load(spec("multi"))) {
            var names = p.exports().stream().map(ExportInfo::name).toList();
            assertEquals(java.util.List.of("memory", "alloc", "dealloc", "_initialize", "library_call", "library_check",
                    "library_metadata"), names);
            ExportInfo memory = p.export("memory").orElseThrow();
            assertEquals("memory", memory.kind());
            assertFalse(memory.callableWithInput());
            ExportInfo meta = p.export("library_metadata").orElseThrow();
            assertTrue(meta.callableWithoutInput());
            assertEquals("() -> (i32, i32)", meta.signature());
        }
    }

    @Test
    void closedPluginRefusesCalls() throws Exception {
        WasmPlugin p = host.load(spec("multi"));
        p.close();
        WasmPluginException e = assertThrows(WasmPluginException.class, () -> p.call("library_call", new byte[1]));
        assertEquals(Kind.CLOSED, e.kind());
    }

    @Test
    void closingTheHostClosesItsPlugins() throws Exception {
        WasmHost h = Fixtures.host();
        WasmPlugin p = h.load(spec("multi"));
        p.call("library_call", utf8("x"));
        h.close();
        assertEquals(0, p.stats().idleInstances());
        assertEquals(Kind.CLOSED, assertThrows(WasmPluginException.class,
                () -> p.call("library_call", utf8("x"))).kind());
        assertEquals(Kind.CLOSED, assertThrows(WasmPluginException.class, () -> h.load(spec("multi"))).kind());
    }

    @Test
    void interpreterEngineGivesTheSameAnswers() throws Exception {
        try (WasmHost interp = WasmHost.builder().noPersistentCache().engine(WasmHost.Engine.INTERPRETER).build();
                WasmPlugin p = interp.load(spec("outptr"))) {
            assertEquals(WasmPlugin.CodeSource.INTERPRETER, p.codeSource());
            assertEquals("call:same", text(p.call("library_call", utf8("same"))));
        }
    }
}
