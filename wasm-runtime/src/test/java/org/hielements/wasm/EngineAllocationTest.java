package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.text;
import static org.hielements.wasm.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wabt.Wat2Wasm;
import org.hielements.wasm.WasmPluginException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tables and globals count against the memory limit with the linear memory: a few bytes of module
 * declaring huge tables, or a call growing one, hit the limit (MEMORY_LIMIT) instead of making the host
 * allocate what they ask. (Before, a 794-byte module with large tables took the JVM to 6 GB under a
 * 64 MiB limit.)
 */
class EngineAllocationTest {
    private static WasmHost host;

    /** The smallest plugin ABI around {@code extra} module fields; library_call runs {@code call}. */
    static byte[] module(String extra, String call) {
        return Wat2Wasm.parse("(module\n"
                + "  (memory (export \"memory\") 1)\n"
                + "  (data (i32.const 16) \"ok\")\n"
                + extra + "\n"
                + "  (func (export \"alloc\") (param i32) (result i32) (i32.const 1024))\n"
                + "  (func (export \"library_call\") (param i32 i32) (result i32 i32)\n"
                + call + "\n"
                + "    (i32.const 16) (i32.const 2))\n"
                + "  (func (export \"library_check\") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2)))\n");
    }

    @BeforeAll
    static void start() {
        host = Fixtures.host();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static WasmPluginException loadFails(String name, byte[] wasm, WasmPolicy policy) {
        WasmPluginException e = assertThrows(WasmPluginException.class,
                () -> host.load(WasmPluginSpec.builder(name).bytes(wasm).policy(policy).build()));
        System.out.println("EngineAllocationTest " + name + " (" + wasm.length + " bytes): " + e.getMessage());
        return e;
    }

    @Test
    void aTableLargerThanTheLimitIsRefusedAtLoad() {
        byte[] wasm = module("  (table 10000000 funcref)", "");
        WasmPluginException e = loadFails("bigtable", wasm, WasmPolicy.defaults());
        assertEquals(Kind.MEMORY_LIMIT, e.kind());
        assertEquals("plugin 'bigtable': needs more than its memory limit of 64.0 MiB: a table of 10000000 slots "
                + "would bring it to 114.5 MiB (linear memory, tables and globals count together)", e.getMessage());
    }

    @Test
    void fiftyTablesOfTenMillionSlotsAreRefusedBeforeAnyIsAllocated() {
        StringBuilder tables = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            tables.append("  (table ").append(10_000_000).append(" funcref)\n");
        }
        byte[] wasm = module(tables.toString(), "");
        assertTrue(wasm.length < 1000, "a small module: " + wasm.length + " bytes");
        long before = usedHeap();
        WasmPluginException e = loadFails("tables", wasm, WasmPolicy.defaults());
        assertEquals(Kind.MEMORY_LIMIT, e.kind());
        System.out.println("EngineAllocationTest: 50 tables of 10M slots refused; heap grew by "
                + (usedHeap() - before) / (1024 * 1024) + " MiB (they would take 5.6 GiB)");
    }

    @Test
    void tablesAndMemoryShareTheLimit() throws Exception {
        // 3 pages of memory (192 KiB) and a table of 10,000 slots (117 KiB) under a 256 KiB limit
        byte[] wasm = Wat2Wasm.parse("(module (memory (export \"memory\") 3) (table 10000 funcref)"
                + " (func (export \"alloc\") (param i32) (result i32) (i32.const 1024))"
                + " (func (export \"library_call\") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2))"
                + " (func (export \"library_check\") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2)))");
        WasmPluginException e = loadFails("shared", wasm, WasmPolicy.builder().memoryLimitBytes(256 * 1024).build());
        assertEquals(Kind.MEMORY_LIMIT, e.kind());
        // the same module fits in 320 KiB
        try (WasmPlugin p = host.load(WasmPluginSpec.builder("shared").bytes(wasm)
                .policy(WasmPolicy.builder().memoryLimitBytes(320 * 1024).build()).build())) {
            assertEquals(2, p.call("library_call", utf8("x")).length, "it answers");
        }
    }

    @Test
    void aCallGrowingATablePastTheLimitFailsAndTheNextCallWorks() throws Exception {
        byte[] wasm = module("  (table $t 1 funcref)",
                "    (if (i32.eq (i32.load8_u (local.get 0)) (i32.const 71))\n"
                + "      (then (drop (table.grow $t (ref.null func) (i32.const 9000000)))))");
        try (WasmPlugin p = host.load(WasmPluginSpec.builder("grower").bytes(wasm).build())) {
            WasmPluginException e = assertThrows(WasmPluginException.class, () -> p.call("library_call", utf8("G")));
            System.out.println("EngineAllocationTest grower: " + e.getMessage());
            assertEquals(Kind.MEMORY_LIMIT, e.kind());
            assertTrue(e.getMessage().startsWith("plugin 'grower': export library_call: needs more than its memory "
                    + "limit of 64.0 MiB: growing a table to 9000001 slots"), e.getMessage());
            assertEquals("ok", text(p.call("library_call", utf8("x"))));
            // the grow refused in one instance did not change the module for the next instances
            assertEquals("ok", text(p.call("library_call", utf8("x"))));
        }
    }

    @Test
    void globalsCountToo() {
        StringBuilder globals = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            globals.append("  (global i64 (i64.const ").append(i).append("))\n");
        }
        byte[] wasm = module(globals.toString(), "");
        // one page of memory (64 KiB) and 2,000 globals (125 KiB) under a 128 KiB limit
        WasmPluginException e = loadFails("globals", wasm, WasmPolicy.builder().memoryLimitBytes(128 * 1024).build());
        assertEquals(Kind.MEMORY_LIMIT, e.kind());
        assertTrue(e.getMessage().contains("one more global would bring it to"), e.getMessage());
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
