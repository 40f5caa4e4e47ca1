package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.spec;
import static org.hielements.wasm.Fixtures.text;
import static org.hielements.wasm.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.hielements.wasm.WasmPluginException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Modules that misbehave: each gets its own clear error, the failed instance is thrown away, and
 * the plugin answers the next call correctly.
 */
class HostileModulesTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static WasmHost host;
    private static WasmPlugin hostile;

    @BeforeAll
    static void start() throws Exception {
        host = Fixtures.host();
        hostile = host.load(spec("hostile", WasmPolicy.builder()
                .timeout(TIMEOUT)
                .memoryLimitBytes(4L * 1024 * 1024)
                .outputLimitBytes(1024)
                .build()));
    }

    @AfterAll
    static void stop() {
        hostile.close();
        host.close();
    }

    /** Runs a hostile request, checks the error, then checks the plugin still answers. */
    private static WasmPluginException misbehave(String request, Kind expected) throws Exception {
        long discardedBefore = hostile.stats().instancesDiscarded();
        WasmPluginException e = assertThrows(WasmPluginException.class,
                () -> hostile.call("library_call", utf8(request)));
        System.out.println("HostileModulesTest " + request + ": " + e.kind() + ": " + e.getMessage());
        assertEquals(expected, e.kind(), e.getMessage());
        assertEquals("hostile", e.plugin());
        assertEquals("library_call", e.export());
        assertTrue(e.getMessage().startsWith("plugin 'hostile': export library_call: "), e.getMessage());
        awaitIdle();
        assertEquals(discardedBefore + 1, hostile.stats().instancesDiscarded(), "the failed instance is discarded");
        assertEquals("ok", text(hostile.call("library_call", utf8("fine"))));
        assertEquals("ok", text(hostile.call("library_check", utf8("fine"))));
        return e;
    }

    private static void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (hostile.stats().runningCalls() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void infiniteLoopIsStoppedWithinTheTimeoutPlus100ms() throws Exception {
        long t0 = System.nanoTime();
        WasmPluginException e = assertThrows(WasmPluginException.class,
                () -> hostile.call("library_call", utf8("L")));
        long returnedMs = (System.nanoTime() - t0) / 1_000_000;
        // The guest thread itself must stop too, not only the caller return.
        while (hostile.stats().runningCalls() > 0 && (System.nanoTime() - t0) / 1_000_000 < 5_000) {
            Thread.sleep(1);
        }
        long stoppedMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("HostileModulesTest L: " + e.getMessage() + " (caller back after " + returnedMs
                + " ms, guest stopped after " + stoppedMs + " ms, limit " + TIMEOUT.toMillis() + " ms)");
        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals("plugin 'hostile': export library_call: ran longer than the time limit of 400 ms and was stopped",
                e.getMessage());
        assertTrue(returnedMs >= TIMEOUT.toMillis() && returnedMs <= TIMEOUT.toMillis() + 100, "returned " + returnedMs);
        assertTrue(stoppedMs <= TIMEOUT.toMillis() + 100, "guest stopped after " + stoppedMs + " ms");
        assertEquals("ok", text(hostile.call("library_call", utf8("fine"))));
    }

    @Test
    void interruptingTheCallerStopsTheGuest() throws Exception {
        java.util.concurrent.atomic.AtomicReference<WasmPluginException> error = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                hostile.call("library_call", utf8("L"));
            } catch (WasmPluginException e) {
                error.set(e);
            }
        });
        caller.start();
        Thread.sleep(100);
        caller.interrupt(); // what a server does when the client cancels the request
        caller.join(2_000);
        awaitIdle();
        assertEquals(Kind.CANCELLED, error.get().kind());
        assertEquals("plugin 'hostile': export library_call: the call was cancelled; the guest was stopped",
                error.get().getMessage());
        assertEquals(0, hostile.stats().runningCalls());
        assertEquals("ok", text(hostile.call("library_call", utf8("fine"))));
    }

    @Test
    void memoryGrowBomb() throws Exception {
        WasmPluginException e = misbehave("G", Kind.MEMORY_LIMIT);
        assertEquals("plugin 'hostile': export library_call: tried to grow its memory past the limit of 64 pages (4.0 MiB)",
                e.getMessage());
    }

    @Test
    void unreachableTrap() throws Exception {
        WasmPluginException e = misbehave("U", Kind.TRAP);
        assertTrue(e.reason().startsWith("trapped: "), e.reason());
        assertTrue(e.reason().toLowerCase(java.util.Locale.ROOT).contains("unreachable"), e.reason());
    }

    @Test
    void replyPointerOutOfBounds() throws Exception {
        WasmPluginException e = misbehave("O", Kind.BAD_REPLY);
        assertTrue(e.reason().startsWith("reply at 0xffff0000 with length 16 leaves the guest's memory ("), e.reason());
    }

    @Test
    void replyRangeEndingOutsideMemory() throws Exception {
        WasmPluginException e = misbehave("E", Kind.BAD_REPLY);
        assertTrue(e.reason().contains("with length 100 leaves the guest's memory"), e.reason());
    }

    @Test
    void replyOfLengthZero() throws Exception {
        WasmPluginException e = misbehave("Z", Kind.BAD_REPLY);
        assertEquals("replied with length 0 (pointer 0x00000010); a reply is never empty", e.reason());
    }

    @Test
    void replyOverTheOutputCap() throws Exception {
        WasmPluginException e = misbehave("B", Kind.OUTPUT_LIMIT);
        assertEquals("reply of 65536 bytes is over the output limit of 1024 bytes", e.reason());
    }

    @Test
    void stackOverflowByRecursion() throws Exception {
        WasmPluginException e = misbehave("R", Kind.STACK_OVERFLOW);
        assertEquals("exhausted the call stack (recursion too deep)", e.reason());
    }

    @Test
    void allocReturningGarbage() throws Exception {
        try (WasmPlugin p = host.load(spec("alloc_garbage"))) {
            WasmPluginException e = assertThrows(WasmPluginException.class,
                    () -> p.call("library_check", utf8("some input")));
            System.out.println("HostileModulesTest alloc garbage: " + e.getMessage());
            assertEquals(Kind.BAD_ALLOC, e.kind());
            assertEquals("plugin 'alloc_garbage': export library_check: alloc(10) returned 0xfffffff0, which leaves"
                    + " the guest's memory (65536 bytes) or is null", e.getMessage());
            // An empty input still goes through alloc(0), whose pointer is still outside memory.
            assertEquals(Kind.BAD_ALLOC, assertThrows(WasmPluginException.class,
                    () -> p.call("library_check", new byte[0])).kind());
        }
    }

    @Test
    void defaultOutputCapIs16MiB() {
        assertEquals(16 * 1024 * 1024, WasmPolicy.defaults().outputLimitBytes());
        assertEquals(64L * 1024 * 1024, WasmPolicy.defaults().memoryLimitBytes());
        assertEquals(Duration.ofSeconds(5), WasmPolicy.defaults().timeout());
    }

    @Test
    void moduleNeedingMoreMemoryThanTheLimitIsRefusedAtLoad() {
        WasmPluginException e = assertThrows(WasmPluginException.class, () -> host.load(
                spec("bigmem", WasmPolicy.builder().memoryLimitBytes(1 << 20).build())));
        System.out.println("HostileModulesTest big memory: " + e.getMessage());
        assertEquals(Kind.MEMORY_LIMIT, e.kind());
        assertEquals("plugin 'bigmem': the module's memory starts at 20 pages (1.3 MiB), more than the limit of 16 pages"
                + " (1.0 MiB)", e.getMessage());
    }
}
