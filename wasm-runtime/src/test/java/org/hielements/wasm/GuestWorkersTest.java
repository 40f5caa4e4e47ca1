package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The worker threads: reuse, deadlines, cancellation confined to its own call. */
class GuestWorkersTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void sequentialCallsReuseOneWorker() throws Exception {
        GuestWorkers w = new GuestWorkers("t-", 512 * 1024);
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            assertEquals(n, w.submit(() -> n).get(SECOND));
        }
        assertEquals(1, w.size());
        w.shutdownNow();
        assertTrue(w.awaitTermination(1000));
    }

    @Test
    void aCancelledCallIsInterruptedAndLeavesNoInterruptBehind() throws Exception {
        GuestWorkers w = new GuestWorkers("t-", 512 * 1024);
        CountDownLatch started = new CountDownLatch(1);
        String[] spinner = new String[1];
        GuestWorkers.Call<String> spin = w.submit(() -> {
            spinner[0] = Thread.currentThread().getName();
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            return "interrupted";
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertThrows(TimeoutException.class, () -> spin.get(10_000_000));
        assertTrue(spin.cancel());
        assertFalse(spin.cancel(), "cancel happens once");
        Thread.sleep(100); // the cancelled worker stops spinning and becomes idle again
        // the same worker takes the next call, with its interrupt flag cleared
        GuestWorkers.Call<String> next = w.submit(
                () -> Thread.currentThread().getName() + ":" + Thread.currentThread().isInterrupted());
        assertEquals(spinner[0] + ":false", next.get(SECOND));
        assertEquals(1, w.size());
        w.shutdownNow();
    }

    @Test
    void failuresComeBackAsExecutionExceptions() throws Exception {
        GuestWorkers w = new GuestWorkers("t-", 512 * 1024);
        ExecutionException e = assertThrows(ExecutionException.class, () -> w.submit(() -> {
            throw new IllegalStateException("boom");
        }).get(SECOND));
        assertEquals("boom", e.getCause().getMessage());
        assertEquals(7, w.submit(() -> 7).get(SECOND));
        w.shutdownNow();
    }

    @Test
    void concurrentCallsGetTheirOwnWorkers() throws Exception {
        GuestWorkers w = new GuestWorkers("t-", 512 * 1024);
        CountDownLatch both = new CountDownLatch(2);
        GuestWorkers.Call<String> a = w.submit(() -> {
            both.countDown();
            both.await();
            return Thread.currentThread().getName();
        });
        GuestWorkers.Call<String> b = w.submit(() -> {
            both.countDown();
            both.await();
            return Thread.currentThread().getName();
        });
        assertFalse(a.get(5 * SECOND).equals(b.get(5 * SECOND)));
        assertEquals(2, w.size());
        w.shutdownNow();
    }
}
