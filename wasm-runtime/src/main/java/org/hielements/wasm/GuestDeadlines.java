package org.hielements.wasm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The time limit of guest code that runs on the caller's own thread: one timer thread per host interrupts a thread
 * whose call passed its deadline. Chicory's compiled code and its interpreter both check {@code
 * Thread.currentThread().isInterrupted()} at every function entry and loop back-edge (their {@code
 * checkInterruption}), and throw; the flag is left set, and {@link #disarm} clears an interrupt that was ours, so
 * none leaks into the caller.
 *
 * <p>Each thread has one {@link Slot}, made on its first call and reused: arming a call writes its deadline and one
 * state word, and wakes the timer only when this deadline is earlier than the one it sleeps towards. The timer sleeps
 * towards the earliest deadline of a running call, else the latest deadline of a recent call, so a stream of calls
 * with the same limit wakes it about once per time limit, not once per call. The timer sleeps until the earliest deadline, interrupts every thread
 * past its own, and forgets the slots of threads that ended. A slot is {@code IDLE}, {@code ARMED} (a call runs),
 * {@code FIRING} (the timer decided to interrupt and is doing so) or {@code FIRED} (interrupted; the call's
 * {@link #disarm} clears the flag). The timer re-reads the deadline after taking a slot to {@code FIRING}, so a call
 * that ended and a new one armed meanwhile is never interrupted for its predecessor.
 */
final class GuestDeadlines {
    static final int NOT_FIRED = 0;
    static final int TIMED_OUT = 1;
    static final int HOST_CLOSED = 2;

    private static final int IDLE = 0;
    private static final int ARMED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    private static final int SCANNING = 0;
    private static final int SLEEPING_UNTIL = 1;
    private static final int SLEEPING = 2;

    /** One thread's call state. */
    static final class Slot {
        final Thread thread;
        final AtomicInteger state = new AtomicInteger(IDLE);
        volatile long deadline;
        volatile int reason;

        Slot(Thread thread) {
            this.thread = thread;
        }
    }

    private final String timerName;
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Slot> mine = new ThreadLocal<>();
    private final Object startLock = new Object();
    private volatile Thread timer;
    private volatile int timerMode = SLEEPING;
    private volatile long wakeAt;
    private volatile boolean shutdown;

    GuestDeadlines(String timerName) {
        this.timerName = timerName;
    }

    /**
     * Starts timing a call on the current thread, which must end with {@link #disarm}. Null when this thread already
     * runs a timed call (a nested call: run it elsewhere).
     *
     * @throws RejectedExecutionException when the host is closed
     */
    Slot arm(long timeoutNanos) {
        Slot s = mine.get();
        if (s == null) {
            s = new Slot(Thread.currentThread());
            mine.set(s);
            slots.add(s);
        }
        if (s.state.get() != IDLE) {
            return null;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        s.deadline = deadline;
        s.reason = NOT_FIRED;
        s.state.set(ARMED);
        if (shutdown) {
            disarm(s);
            throw new RejectedExecutionException("shut down");
        }
        Thread t = timer;
        if (t == null) {
            t = startTimer();
        }
        int mode = timerMode;
        if (mode != SLEEPING_UNTIL || deadline - wakeAt < 0) {
            LockSupport.unpark(t);
        }
        return s;
    }

    /**
     * Ends the call armed in {@code s}: {@link #NOT_FIRED}, or why its thread was interrupted ({@link #TIMED_OUT},
     * {@link #HOST_CLOSED}), in which case that interrupt is cleared.
     */
    int disarm(Slot s) {
        for (int spins = 0; ; spins++) {
            int st = s.state.get();
            if (st == ARMED) {
                if (s.state.compareAndSet(ARMED, IDLE)) {
                    return NOT_FIRED;
                }
            } else if (st == FIRED) {
                Thread.interrupted();
                int why = s.reason;
                s.state.set(IDLE);
                return why;
            } else if (spins < 1000) {
                Thread.onSpinWait(); // FIRING: the interrupt is on its way
            } else {
                Thread.yield(); // the timer thread was descheduled in between
            }
        }
    }

    /**
     * What is left of the time of the call running on the current thread, in nanoseconds (at least 0); {@link
     * Long#MAX_VALUE} when no timed call runs here. A host function bounds its own waiting with it.
     */
    long remainingNanos() {
        Slot s = mine.get();
        if (s == null || s.state.get() == IDLE) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, s.deadline - System.nanoTime());
    }

    /** Stops the timer and interrupts every running call (reason {@link #HOST_CLOSED}); later arms are refused. */
    void shutdown() {
        shutdown = true;
        for (Slot s : slots) {
            fire(s, HOST_CLOSED, 0, true);
        }
        Thread t = timer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Slots known (threads that made a call and may still live), for tests. */
    int slotCount() {
        return slots.size();
    }

    private Thread startTimer() {
        synchronized (startLock) {
            if (timer == null) {
                Thread t = new Thread(this::runTimer, timerName);
                t.setDaemon(true);
                t.start();
                timer = t;
            }
            return timer;
        }
    }

    private void runTimer() {
        while (!shutdown) {
            timerMode = SCANNING;
            long now = System.nanoTime();
            long next = 0;
            boolean any = false;
            long horizon = 0;
            boolean recent = false;
            for (Slot s : slots) {
                int st = s.state.get();
                long d = s.deadline;
                if (d - now > 0 && (!recent || d - horizon > 0)) {
                    horizon = d; // the latest deadline of a call armed lately, running or not
                    recent = true;
                }
                if (st == ARMED) {
                    if (d - now <= 0 && fire(s, TIMED_OUT, now, false)) {
                        continue;
                    }
                    d = s.deadline;
                    if (s.state.get() == ARMED && (!any || d - next < 0)) {
                        next = d;
                        any = true;
                    }
                } else if (st == IDLE && !s.thread.isAlive()) {
                    slots.remove(s);
                }
            }
            if (!any && recent) {
                // Calls are coming, each ending before this timer looks: sleep towards the latest deadline seen, so
                // that the next calls (whose deadlines come later still) need not wake this thread; when it wakes and
                // nothing was called since, it sleeps until woken.
                next = horizon;
                any = true;
            }
            if (any) {
                wakeAt = next;
                timerMode = SLEEPING_UNTIL;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            } else {
                timerMode = SLEEPING;
                LockSupport.park(this);
            }
        }
    }

    /**
     * Interrupts the call of {@code s} when it is armed and (unless {@code always}) past its deadline as of
     * {@code now}; true when it did.
     */
    private static boolean fire(Slot s, int reason, long now, boolean always) {
        if (!s.state.compareAndSet(ARMED, FIRING)) {
            return false;
        }
        // the slot may hold a newer call than the one seen: its own deadline decides
        if (!always && s.deadline - now > 0) {
            s.state.set(ARMED);
            return false;
        }
        s.reason = reason;
        s.thread.interrupt();
        s.state.set(FIRED);
        return true;
    }
}
