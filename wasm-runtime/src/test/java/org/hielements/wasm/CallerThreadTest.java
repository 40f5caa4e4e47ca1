package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.spec;
import static org.hielements.wasm.Fixtures.text;
import static org.hielements.wasm.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hielements.wasm.WasmPluginException.Kind;
import org.junit.jupiter.api.Test;

/**
 * Guest code runs on the thread that calls: no worker thread, no hand-over. The time limit still stops it, the
 * timer's interrupt never stays on the caller, the caller's own interrupt (cancellation) does, and a guest that needs a
 * deeper stack than its caller's runs again on a worker thread.
 */
class CallerThreadTest {
    private static final WasmPolicy SHORT = WasmPolicy.builder().timeout(Duration.ofMillis(300)).build();

    @Test
    void callsRunOnTheCallersThreadWithNoWorker() throws Exception {
        try (WasmHost host = Fixtures.host()) {
            WasmPlugin p = host.load(spec("multi"));
            for (int i = 0; i < 2_000; i++) {
                p.call("library_call", new byte[] {(byte) i});
            }
            assertEquals(0, host.workerThreads(), "no worker thread was started");
            assertEquals(2_000, p.stats().calls());
        }
    }

    @Test
    void aTimedOutCallLeavesNoInterruptOnTheCaller() throws Exception {
        try (WasmHost host = Fixtures.host()) {
            WasmPlugin p = host.load(spec("hostile", SHORT));
            for (int i = 0; i < 3; i++) {
                WasmPluginException e = assertThrows(WasmPluginException.class, () -> p.call("library_call", utf8("L")));
                assertEquals(Kind.TIMEOUT, e.kind());
                assertEquals("ran longer than the time limit of 300 ms and was stopped", e.reason());
                assertFalse(Thread.currentThread().isInterrupted(), "the timer's interrupt was cleared");
                assertEquals("ok", text(p.call("library_call", utf8("fine"))));
            }
            assertEquals(0, host.workerThreads());
        }
    }

    @Test
    void theCallersOwnInterruptCancelsAndStays() throws Exception {
        try (WasmHost host = Fixtures.host()) {
            WasmPlugin p = host.load(spec("hostile", WasmPolicy.builder().timeout(Duration.ofSeconds(30)).build()));
            AtomicReference<WasmPluginException> error = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            Thread caller = new Thread(() -> {
                started.countDown();
                try {
                    p.call("library_call", utf8("L"));
                } catch (WasmPluginException e) {
                    error.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            caller.interrupt();
            caller.join(10_000);
            assertFalse(caller.isAlive());
            assertEquals(Kind.CANCELLED, error.get().kind());
            assertEquals("the call was cancelled; the guest was stopped", error.get().reason());
            assertTrue(stillInterrupted.get(), "a cancellation stays visible to the code that called");

            // a caller already interrupted does not run the guest at all
            long before = p.stats().calls();
            Thread.currentThread().interrupt();
            try {
                WasmPluginException e = assertThrows(WasmPluginException.class, () -> p.call("library_call", utf8("x")));
                assertEquals(Kind.CANCELLED, e.kind());
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
            assertEquals(before, p.stats().calls());
            assertEquals("ok", text(p.call("library_call", utf8("fine"))));
        }
    }

    @Test
    void closingTheHostStopsAGuestRunningOnItsCaller() throws Exception {
        WasmHost host = Fixtures.host();
        WasmPlugin p = host.load(spec("hostile", WasmPolicy.builder().timeout(Duration.ofSeconds(30)).build()));
        AtomicReference<WasmPluginException> error = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Thread caller = new Thread(() -> {
            try {
                p.call("library_call", utf8("L"));
            } catch (WasmPluginException e) {
                error.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (p.stats().runningCalls() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        host.close();
        caller.join(10_000);
        assertFalse(caller.isAlive(), "the guest stopped");
        assertEquals(Kind.CLOSED, error.get().kind(), String.valueOf(error.get()));
        assertEquals("the WASM host was closed; the guest was stopped", error.get().reason());
        assertFalse(interruptedAfter.get(), "the host's interrupt was cleared");
    }

    @Test
    void aGuestDeeperThanItsCallersStackRunsAgainOnAWorker() throws Exception {
        try (WasmHost host = Fixtures.host()) {
            WasmPlugin p = host.load(spec("deep"));
            AtomicReference<Object> result = new AtomicReference<>();
            // 10,000 levels overflow a 256 KiB thread; the worker's 4 MiB stack holds them
            Thread small = new Thread(null, () -> {
                try {
                    result.set(text(p.call("library_call", new byte[10_000])));
                } catch (WasmPluginException e) {
                    result.set(e);
                }
            }, "small-stack", 256 * 1024);
            small.start();
            small.join(60_000);
            assertEquals("ok", result.get());
            WasmPlugin.Stats s = p.stats();
            System.out.println("CallerThreadTest deep guest from a 256 KiB thread: " + s + ", worker threads "
                    + host.workerThreads());
            // Interpreted, the 10,000 levels overflow the 256 KiB caller; once the JVM has compiled the guest's code
            // (as in a long test run) its frames can be small enough to fit. Either way the answer is right, and
            // when the caller overflowed, the call ran again on one worker with a fresh instance.
            assertEquals(0, s.instancesDiscarded());
            assertEquals(0, s.failedCalls());
            if (s.instancesRecycled() == 0) {
                System.out.println("CallerThreadTest: the deep guest fitted the caller's stack this time (compiled "
                        + "frames); the retry on a worker is shown by the too-deep case below");
                assertEquals(0, host.workerThreads());
            } else {
                assertEquals(1, s.instancesRecycled(), "the instance that overflowed the caller's stack was dropped");
                assertEquals(1, host.workerThreads());
            }

            // recursion past the worker's stack too is a stack overflow, as before
            Thread tooDeep = new Thread(null, () -> {
                try {
                    result.set(text(p.call("library_call", new byte[2_000_000])));
                } catch (WasmPluginException e) {
                    result.set(e);
                }
            }, "small-stack", 256 * 1024);
            tooDeep.start();
            tooDeep.join(60_000);
            assertTrue(result.get() instanceof WasmPluginException, String.valueOf(result.get()));
            assertEquals(Kind.STACK_OVERFLOW, ((WasmPluginException) result.get()).kind());
            assertEquals(1, host.workerThreads(), "the overflowing call was tried again on a worker");
            assertEquals("ok", text(p.call("library_check", new byte[1])));
        }
    }
}
