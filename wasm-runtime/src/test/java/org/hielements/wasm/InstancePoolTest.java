package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The instance pool: reuse, dealloc, recycling of leaking instances. */
class InstancePoolTest {
    private static final WasmPolicy ONE_MIB = WasmPolicy.builder().memoryLimitBytes(1 << 20).build();
    private static WasmHost host;

    @BeforeAll
    static void start() {
        host = Fixtures.host();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static byte[] input(int i) {
        byte[] in = new byte[10_000];
        Arrays.fill(in, (byte) ('a' + i % 26));
        return in;
    }

    private static void assertEcho(byte[] in, byte[] reply) {
        assertEquals(5 + in.length, reply.length);
        assertArrayEquals("call:".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(reply, 5));
        assertArrayEquals(in, Arrays.copyOfRange(reply, 5, reply.length));
    }

    @Test
    void withoutDeallocALeakingInstanceIsRecycledPastHalfTheLimit() throws Exception {
        try (WasmPlugin p = host.load(spec("packed", ONE_MIB))) {
            for (int i = 0; i < 300; i++) {
                byte[] in = input(i);
                assertEcho(in, p.call("library_call", in));
            }
            WasmPlugin.Stats s = p.stats();
            System.out.println("InstancePoolTest packed (no dealloc), 300 calls x 20 KB leaked, 1 MiB limit: " + s);
            // ~20 KB leak per call: half of 1 MiB is passed every ~26 calls.
            assertTrue(s.instancesRecycled() >= 8, s.toString());
            assertEquals(s.instancesRecycled() + 1, s.instancesCreated(), s.toString());
            assertEquals(0, s.failedCalls());
            assertEquals(0, s.instancesDiscarded());
        }
    }

    @Test
    void withDeallocOneInstanceServesEveryCall() throws Exception {
        try (WasmPlugin p = host.load(spec("multi", ONE_MIB))) {
            for (int i = 0; i < 300; i++) {
                byte[] in = input(i);
                assertEcho(in, p.call("library_call", in));
            }
            WasmPlugin.Stats s = p.stats();
            System.out.println("InstancePoolTest multi (dealloc), 300 calls: " + s);
            assertEquals(1, s.instancesCreated(), s.toString());
            assertEquals(0, s.instancesRecycled());
            assertEquals(300, s.calls());
            assertEquals(1, s.idleInstances());
        }
    }

    @Test
    void closingReleasesIdleInstances() throws Exception {
        WasmPlugin p = host.load(spec("multi"));
        p.call("library_call", new byte[] {1});
        assertEquals(1, p.stats().idleInstances());
        p.close();
        assertEquals(0, p.stats().idleInstances());
    }

    @Test
    void sameBytesAreParsedAndCompiledOncePerHost() throws Exception {
        try (WasmHost h = Fixtures.host()) {
            WasmPlugin a = h.load(spec("outptr"));
            WasmPlugin b = h.load(WasmPluginSpec.builder("other-name").bytes(Fixtures.wasm("outptr")).build());
            assertEquals(WasmPlugin.CodeSource.COMPILED, a.codeSource());
            assertEquals(WasmPlugin.CodeSource.MEMORY_CACHE, b.codeSource());
            assertEquals(a.sha256(), b.sha256());
            assertEquals(1, h.cachedModuleCount());
            a.close();
            assertEquals(0, h.evictUnused(), "b still uses the module");
            b.close();
            assertEquals(1, h.evictUnused());
            assertEquals(0, h.cachedModuleCount());
        }
    }
}
