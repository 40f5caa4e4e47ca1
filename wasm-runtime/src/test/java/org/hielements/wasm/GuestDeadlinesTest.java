package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The timer of guest code running on its caller's thread: it interrupts a call past its deadline and only that call,
 * the interrupt it gave is cleared when the call ends, and closing interrupts every running call.
 */
class GuestDeadlinesTest {
    private static final long MS = 1_000_000L;

    /** Spins like a guest: until interrupted, or until {@code nanos} passed. */
    private static boolean spinUntilInterrupted(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            if (Thread.currentThread().isInterrupted()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void aCallPastItsDeadlineIsInterruptedAndTheInterruptIsCleared() {
        GuestDeadlines d = new GuestDeadlines("t-timer");
        try {
            GuestDeadlines.Slot s = d.arm(50 * MS);
            assertNotNull(s);
            assertTrue(spinUntilInterrupted(10_000 * MS), "the timer interrupts the caller");
            assertEquals(GuestDeadlines.TIMED_OUT, d.disarm(s));
            assertFalse(Thread.currentThread().isInterrupted(), "the timer's interrupt does not leak into the caller");
        } finally {
            d.shutdown();
        }
    }

    @Test
    void callsEndingInTimeAreNeverInterrupted() {
        GuestDeadlines d = new GuestDeadlines("t-timer");
        try {
            // thousands of short calls, some with a deadline that passes as they end: a call is interrupted only for
            // its own deadline, and whatever the timer did is cleared by disarm
            int interrupted = 0;
            for (int i = 0; i < 20_000; i++) {
                GuestDeadlines.Slot s = d.arm(i % 100 == 0 ? 0 : 10_000 * MS);
                int why = d.disarm(s);
                assertFalse(Thread.currentThread().isInterrupted(), "call " + i);
                if (why != GuestDeadlines.NOT_FIRED) {
                    interrupted++;
                    assertEquals(GuestDeadlines.TIMED_OUT, why);
                    assertEquals(0, i % 100, "only calls whose deadline passed are interrupted (call " + i + ")");
                }
            }
            System.out.println("GuestDeadlinesTest: 20,000 calls, " + interrupted + " of the 200 with no time left"
                    + " were interrupted before they ended");
            // a call with no time left is interrupted as soon as the timer sees it
            GuestDeadlines.Slot s = d.arm(0);
            assertTrue(spinUntilInterrupted(10_000 * MS));
            assertEquals(GuestDeadlines.TIMED_OUT, d.disarm(s));
            assertFalse(Thread.currentThread().isInterrupted());
        } finally {
            d.shutdown();
        }
    }

    @Test
    void aNestedCallOnTheSameThreadIsNotTimedHere() {
        GuestDeadlines d = new GuestDeadlines("t-timer");
        try {
            GuestDeadlines.Slot s = d.arm(10_000 * MS);
            assertNull(d.arm(10_000 * MS), "one timed call per thread");
            assertEquals(GuestDeadlines.NOT_FIRED, d.disarm(s));
            GuestDeadlines.Slot again = d.arm(10_000 * MS);
            assertNotNull(again);
            d.disarm(again);
        } finally {
            d.shutdown();
        }
    }

    @Test
    void eachThreadHasItsOwnDeadline() throws Exception {
        GuestDeadlines d = new GuestDeadlines("t-timer");
        try {
            CountDownLatch armed = new CountDownLatch(2);
            AtomicInteger slowResult = new AtomicInteger(-1);
            AtomicInteger fastResult = new AtomicInteger(-1);
            Thread slow = new Thread(() -> {
                GuestDeadlines.Slot s = d.arm(10_000 * MS);
                armed.countDown();
                spinUntilInterrupted(300 * MS); // outlives the other's deadline, not its own
                slowResult.set(d.disarm(s));
            });
            Thread fast = new Thread(() -> {
                GuestDeadlines.Slot s = d.arm(30 * MS);
                armed.countDown();
                spinUntilInterrupted(10_000 * MS);
                fastResult.set(d.disarm(s));
            });
            slow.start();
            fast.start();
            assertTrue(armed.await(10, TimeUnit.SECONDS));
            fast.join(20_000);
            slow.join(20_000);
            assertEquals(GuestDeadlines.TIMED_OUT, fastResult.get());
            assertEquals(GuestDeadlines.NOT_FIRED, slowResult.get());
        } finally {
            d.shutdown();
        }
    }

    @Test
    void shutdownInterruptsRunningCallsAndRefusesNewOnes() throws Exception {
        GuestDeadlines d = new GuestDeadlines("t-timer");
        CountDownLatch armed = new CountDownLatch(1);
        AtomicInteger why = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            GuestDeadlines.Slot s = d.arm(60_000 * MS);
            armed.countDown();
            spinUntilInterrupted(60_000 * MS);
            why.set(d.disarm(s));
        });
        t.start();
        assertTrue(armed.await(10, TimeUnit.SECONDS));
        d.shutdown();
        t.join(20_000);
        assertFalse(t.isAlive());
        assertEquals(GuestDeadlines.HOST_CLOSED, why.get());
        assertThrows(RejectedExecutionException.class, () -> d.arm(MS));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void theSlotOfAThreadThatEndedIsForgotten() throws Exception {
        GuestDeadlines d = new GuestDeadlines("t-timer");
        try {
            d.disarm(d.arm(10_000 * MS));
            Thread t = new Thread(() -> d.disarm(d.arm(20 * MS)));
            t.start();
            t.join();
            int slots = d.slotCount();            // the timer may have dropped the ended thread's slot already
            assertTrue(slots == 1 || slots == 2, "slots: " + slots);
            // each pass of the timer drops the slots of ended threads; a short call of ours makes it pass
            long end = System.nanoTime() + 10_000 * MS;
            while (d.slotCount() > 1 && System.nanoTime() - end < 0) {
                d.disarm(d.arm(MS));
                Thread.sleep(20);
            }
            assertEquals(1, d.slotCount(), "only this thread's slot is left");
        } finally {
            d.shutdown();
        }
    }
}
