package org.hielements.wasm;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads with a large stack for guest code that cannot run on its caller's thread: a guest that
 * overflowed the caller's stack runs again here, as does a call nested in another on the same
 * thread (guest code otherwise runs on the calling thread, timed by {@link GuestDeadlines}). Each
 * call is handed to an idle worker (a new one only when none is idle), the caller waits with a
 * deadline, and a call past its deadline is cancelled by interrupting its worker, which Chicory's
 * interpreter and compiled code both check on every loop back-edge and function entry.
 *
 * <p>Why not an {@code ExecutorService}: a cached pool's {@code SynchronousQueue} spins before
 * parking, and the finished worker is not yet waiting when the caller, already answered, submits
 * its next call; on a busy 2-core machine that tripled the cost of a small call. Here a worker
 * puts itself back among the idle ones <em>before</em> it publishes the result. On a quiet machine
 * waking a parked thread costs tens of microseconds (idle cores sleep), more than a small call
 * itself, so both sides spin briefly before parking: the caller for {@link #CALLER_SPIN_NANOS}
 * while its guest runs, a worker for {@link #WORKER_SPIN_NANOS} after a call, waiting for the
 * next. Workers idle for 30 s retire.
 */
final class GuestWorkers {
    private static final long IDLE_NANOS = 30_000_000_000L;
    static final long CALLER_SPIN_NANOS = 20_000L;
    static final long WORKER_SPIN_NANOS = 50_000L;

    private final String namePrefix;
    private final long stackBytes;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final Set<Worker> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile boolean shutdown;

    GuestWorkers(String namePrefix, long stackBytes) {
        this.namePrefix = namePrefix;
        this.stackBytes = stackBytes;
    }

    /** Starts {@code task} on a worker. */
    <T> Call<T> submit(Callable<T> task) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        Call<T> call = new Call<>(task);
        Worker w = idle.pollFirst();
        if (w == null) {
            w = new Worker();
            all.add(w);
            w.thread.start();
        }
        w.assign(call);
        return call;
    }

    /** Number of live worker threads (idle or busy). */
    int size() {
        return all.size();
    }

    /** Interrupts every worker; running guests stop at their next check. */
    void shutdownNow() {
        shutdown = true;
        for (Worker w : all) {
            w.thread.interrupt();
            LockSupport.unpark(w.thread);
        }
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (Worker w : all) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return all.isEmpty();
            }
            w.thread.join(left);
        }
        return all.isEmpty();
    }

    private final class Worker implements Runnable {
        final Thread thread;
        private volatile Call<?> assigned;

        Worker() {
            thread = new Thread(null, this, namePrefix + counter.incrementAndGet(), stackBytes);
            thread.setDaemon(true);
        }

        void assign(Call<?> call) {
            call.worker = this;
            assigned = call;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                long idleSince = System.nanoTime();
                while (true) {
                    Call<?> call = assigned;
                    if (call != null) {
                        assigned = null;
                        call.run();
                        idleSince = System.nanoTime();
                        continue;
                    }
                    if (shutdown) {
                        return;
                    }
                    if (System.nanoTime() - idleSince < WORKER_SPIN_NANOS) {
                        Thread.onSpinWait();
                        continue;
                    }
                    LockSupport.parkNanos(this, IDLE_NANOS);
                    if (assigned == null && System.nanoTime() - idleSince >= IDLE_NANOS && idle.remove(this)) {
                        return; // retired; a submitter that had just taken us off the list would have assigned
                    }
                }
            } finally {
                all.remove(this);
            }
        }

        void becomeIdle() {
            if (!shutdown) {
                idle.addFirst(this);
            }
        }
    }

    /** One call: its result, and a cancellation that interrupts only this call's guest. */
    static final class Call<T> {
        private static final int RUNNING = 0;
        private static final int FINISHING = 1;
        private static final int DONE = 2;
        private static final int CANCELLING = 3;
        private static final int CANCELLED = 4;

        private final Callable<T> task;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile Thread waiter;
        private volatile Worker worker;
        private T value;
        private Throwable failure;

        Call(Callable<T> task) {
            this.task = task;
        }

        /** On the worker thread. */
        void run() {
            try {
                value = task.call();
            } catch (Throwable t) {
                failure = t;
            }
            Worker w = worker;
            if (state.compareAndSet(RUNNING, FINISHING)) {
                // Idle again before the caller learns the result, so its next call finds this worker.
                w.becomeIdle();
                state.set(DONE);
                Thread t = waiter;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            } else {
                // Cancelled: wait for the interrupt to land, clear it, then take new work.
                while (state.get() == CANCELLING) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
                w.becomeIdle();
            }
        }

        /** Waits up to {@code nanos} for the result. */
        T get(long nanos) throws TimeoutException, InterruptedException, ExecutionException {
            waiter = Thread.currentThread();
            long start = System.nanoTime();
            long deadline = start + nanos;
            while (true) {
                int s = state.get();
                if (s == DONE) {
                    return report();
                }
                if (s == CANCELLING || s == CANCELLED) {
                    throw new CancellationException();
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long now = System.nanoTime();
                long left = deadline - now;
                if (left <= 0) {
                    throw new TimeoutException();
                }
                if (now - start < CALLER_SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                LockSupport.parkNanos(this, left);
            }
        }

        /** Waits for a call that can no longer be cancelled (it was finishing when cancel came). */
        T awaitFinished() throws ExecutionException {
            waiter = Thread.currentThread();
            while (state.get() != DONE) {
                LockSupport.parkNanos(this, 100_000);
            }
            return report();
        }

        /** Interrupts the guest unless the call already finished; true when it did interrupt. */
        boolean cancel() {
            if (state.compareAndSet(RUNNING, CANCELLING)) {
                worker.thread.interrupt();
                state.set(CANCELLED);
                return true;
            }
            return false;
        }

        private T report() throws ExecutionException {
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return value;
        }
    }
}
