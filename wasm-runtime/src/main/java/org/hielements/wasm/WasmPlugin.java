package org.hielements.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.wasm.WasmPluginException.Kind;

/**
 * A loaded, validated plugin: call its ABI exports with bytes, get bytes back. Thread-safe:
 * concurrent calls each get their own instance from a pool, so no two callers ever share one. Each
 * call runs on the calling thread and is interrupted by the host's timer when it passes the policy's
 * timeout (a guest that overflows the caller's stack runs again on a worker thread with a larger one). An instance is thrown away after any failed call (trap, timeout, memory limit, bad
 * reply...) and recycled when, without {@code dealloc}, its memory passes half the limit; the
 * compiled code is kept. Every failure is a {@link WasmPluginException}.
 */
public final class WasmPlugin implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WasmPlugin.class.getName());

    /** Where this plugin's executable code came from when it was loaded. */
    public enum CodeSource {
        /** Compiled to JVM bytecode by this load. */
        COMPILED,
        /** Compiled classes read from the persistent compile cache. */
        PERSISTENT_CACHE,
        /** Compiled earlier in this process (same bytes, same host). */
        MEMORY_CACHE,
        /** Runs in Chicory's interpreter (a host built with {@link WasmHost.Engine#INTERPRETER}). */
        INTERPRETER
    }

    /**
     * Counters, for diagnostics and tests; {@code linearMemoryBytes} is the linear memory the idle (pooled) instances
     * hold.
     */
    public record Stats(long calls, long failedCalls, long instancesCreated, long instancesDiscarded,
            long instancesRecycled, int idleInstances, int runningCalls, long linearMemoryBytes) {}

    private final WasmHost host;
    private final String name;
    private final WasmPolicy policy;
    private final CompiledModule code;
    private final ModuleInterface abi;
    private final CodeSource codeSource;
    private final Path mount;
    private final MemoryLimits memoryLimits;
    private final int maxIdle;

    /** The instance the last call released: a thread calling again and again takes it back with no queue node. */
    private final AtomicReference<PluginInstance> hot = new AtomicReference<>();
    private final Deque<PluginInstance> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failedCalls = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final AtomicLong recycled = new AtomicLong();
    private volatile boolean closed;

    WasmPlugin(WasmHost host, String name, WasmPolicy policy, CompiledModule code, ModuleInterface abi,
            CodeSource codeSource, Path mount, int maxIdle) {
        this.host = host;
        this.name = name;
        this.policy = policy;
        this.code = code;
        this.abi = abi;
        this.codeSource = codeSource;
        this.mount = mount;
        this.maxIdle = maxIdle;
        int max = policy.memoryLimitPages();
        if (abi.declaredMaxPages() >= 0) {
            max = Math.min(max, abi.declaredMaxPages());
        }
        this.memoryLimits = new MemoryLimits(abi.initialPages(), Math.max(max, abi.initialPages()));
    }

    /** The name given in the {@link WasmPluginSpec}. */
    public String name() {
        return name;
    }

    /** SHA-256 of the module's bytes, in hex: the module's identity. */
    public String sha256() {
        return code.sha256();
    }

    public WasmPolicy policy() {
        return policy;
    }

    public CodeSource codeSource() {
        return codeSource;
    }

    /** Whether the module imports WASI (and so gets the sandboxed WASI environment). */
    public boolean usesWasi() {
        return abi.usesWasi();
    }

    /** Whether the module exports {@code dealloc}. */
    public boolean hasDealloc() {
        return abi.hasDealloc();
    }

    /** Every export, in the module's order, with its type and ABI shape. */
    public List<ExportInfo> exports() {
        return new ArrayList<>(abi.exports().values());
    }

    public Optional<ExportInfo> export(String exportName) {
        return Optional.ofNullable(abi.exports().get(exportName));
    }

    /**
     * Calls an export taking input ({@code library_call}, {@code library_check}, or any export of an
     * input-taking ABI shape) with {@code input}, and returns its reply.
     */
    public byte[] call(String exportName, byte[] input) throws WasmPluginException {
        return call(exportName, input, null);
    }

    /**
     * As {@link #call(String, byte[])}, telling {@code access} (when not null, and the plugin has a workspace) every
     * workspace path the answer may rest on: what the instance's guest touched in this call and in the earlier calls it
     * served ({@link WorkspaceAccess}).
     */
    public byte[] call(String exportName, byte[] input, WorkspaceAccess access) throws WasmPluginException {
        Objects.requireNonNull(input, "input");
        ExportInfo info = abi.exports().get(exportName);
        if (info == null) {
            throw error(Kind.NO_SUCH_EXPORT, exportName, "the module has no such export");
        }
        if (!info.callableWithInput()) {
            throw error(Kind.NO_SUCH_EXPORT, exportName, "is not callable with input: its type is "
                    + (info.signature().isEmpty() ? "a " + info.kind() : info.signature())
                    + "; expected one of the shapes (ptr, len) -> (ptr, len) / i64, or (out, ptr, len) -> ()");
        }
        ReturnShape shape = info.shape().orElseThrow();
        return run(exportName, onCaller -> invoke(exportName, shape, input, onCaller, access));
    }

    /**
     * Calls an export taking no input ({@code library_metadata}, {@code library_doc}); empty when the
     * module does not export it.
     */
    public Optional<byte[]> callNoInput(String exportName) throws WasmPluginException {
        ExportInfo info = abi.exports().get(exportName);
        if (info == null) {
            return Optional.empty();
        }
        if (!info.callableWithoutInput()) {
            throw error(Kind.NO_SUCH_EXPORT, exportName, "is not callable without input: its type is "
                    + (info.signature().isEmpty() ? "a " + info.kind() : info.signature()));
        }
        ReturnShape shape = info.shape().orElseThrow();
        return Optional.of(run(exportName, onCaller -> invoke(exportName, shape, null, onCaller, null)));
    }

    public Stats stats() {
        PluginInstance h = hot.get();
        long linear = h != null ? h.memory().byteSize() : 0;
        for (PluginInstance pi : idle) {
            linear += pi.memory().byteSize();
        }
        return new Stats(calls.get(), failedCalls.get(), created.get(), discarded.get(), recycled.get(),
                idleCount.get(), running.get(), linear);
    }

    /** Releases the pooled instances. Calls in flight finish; later calls fail with {@link Kind#CLOSED}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        drainIdle();
        host.released(this);
    }

    boolean isClosed() {
        return closed;
    }

    // ---- package-private, for PluginInstance and WasmHost

    /** What is left of the time of the call running on the current thread ({@link GuestDeadlines#remainingNanos}). */
    long remainingNanos() {
        return host.deadlines().remainingNanos();
    }

    WasmPluginException error(Kind kind, String export, String reason) {
        return new WasmPluginException(kind, name, export, reason);
    }

    /** The memory limit was hit; {@code refusal} says how (the budget's words), else a grow past the limit. */
    WasmPluginException memoryLimitError(String export, String refusal, Throwable cause) {
        return new WasmPluginException(Kind.MEMORY_LIMIT, name, export, refusal != null ? refusal
                : "tried to grow its memory past the limit of " + memoryLimits.maximumPages() + " pages ("
                        + mib(memoryLimits.maximumPages()) + ")", cause);
    }

    CompiledModule code() {
        return code;
    }

    ModuleInterface abi() {
        return abi;
    }

    Path mount() {
        return mount;
    }

    MemoryLimits memoryLimits() {
        return memoryLimits;
    }

    /** Creates the first instance at load time, under the timeout, so instantiation errors show at once. */
    void warmUp() throws WasmPluginException {
        run(null, onCaller -> {
            running.incrementAndGet();
            try {
                PluginInstance pi = createInstance(null);
                release(pi);
                return null;
            } catch (WasmPluginException e) {
                if (onCaller && causedBy(e, StackOverflowError.class)) {
                    throw new CallerStackOverflow(e);
                }
                throw e;
            } finally {
                running.decrementAndGet();
            }
        });
    }

    // ---- calls

    /** Guest work: run on the caller's thread ({@code onCaller}) or on a worker. */
    @FunctionalInterface
    private interface GuestTask {
        byte[] run(boolean onCaller) throws Exception;
    }

    /**
     * Runs guest work on the calling thread, timed by the host's {@link GuestDeadlines}: no thread hand-over per call.
     * A guest that overflows the caller's stack is run again, on a fresh instance, on one of the host's worker threads,
     * whose stack ({@link WasmHost.Builder#workerStackBytes}) bounds guest recursion, within what is left of the time
     * limit; so is a call nested in another on the same thread. An interrupt of the caller (cancellation) stops the
     * guest and stays set; the timer's own interrupt is cleared.
     */
    private byte[] run(String export, GuestTask task) throws WasmPluginException {
        if (closed) {
            throw error(Kind.CLOSED, export, "the plugin is closed");
        }
        if (Thread.currentThread().isInterrupted()) {
            failedCalls.incrementAndGet();
            throw cancelled(export);
        }
        Duration timeout = policy.timeout();
        long start = System.nanoTime();
        GuestDeadlines.Slot slot;
        try {
            slot = host.deadlines().arm(timeout.toNanos());
        } catch (RejectedExecutionException e) {
            throw error(Kind.CLOSED, export, "the WASM host is closed");
        }
        if (slot == null) {
            return runOnWorker(export, task, timeout.toNanos());
        }
        byte[] reply = null;
        Throwable failure = null;
        try {
            reply = task.run(true);
        } catch (Throwable t) {
            failure = t;
        }
        int fired = host.deadlines().disarm(slot);
        if (failure == null) {
            return reply; // finished, even if its time ran out as it returned
        }
        if (fired == GuestDeadlines.TIMED_OUT) {
            failedCalls.incrementAndGet();
            throw timedOut(export, timeout);
        }
        if (fired == GuestDeadlines.HOST_CLOSED) {
            failedCalls.incrementAndGet();
            throw error(Kind.CLOSED, export, "the WASM host was closed; the guest was stopped");
        }
        if (failure instanceof CallerStackOverflow) {
            long left = timeout.toNanos() - (System.nanoTime() - start);
            if (left <= 0) {
                failedCalls.incrementAndGet();
                throw timedOut(export, timeout);
            }
            return runOnWorker(export, task, left);
        }
        failedCalls.incrementAndGet();
        if (failure instanceof WasmPluginException) {
            WasmPluginException e = (WasmPluginException) failure;
            if (e.kind() == Kind.CANCELLED) {
                Thread.currentThread().interrupt(); // the caller's cancellation stays visible to the caller
                throw cancelled(export);
            }
            throw e;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        throw new WasmPluginException(Kind.TRAP, name, export, "failed inside the host: " + failure, failure);
    }

    /** Runs guest work on a worker thread, waiting at most {@code nanos}. */
    private byte[] runOnWorker(String export, GuestTask task, long nanos) throws WasmPluginException {
        GuestWorkers.Call<byte[]> call;
        try {
            call = host.submit(() -> task.run(false));
        } catch (RejectedExecutionException e) {
            throw error(Kind.CLOSED, export, "the WASM host is closed");
        }
        try {
            return call.get(nanos);
        } catch (TimeoutException e) {
            if (call.cancel()) {
                failedCalls.incrementAndGet();
                throw timedOut(export, policy.timeout());
            }
            try {
                return call.awaitFinished(); // it was finishing as the time ran out
            } catch (ExecutionException e2) {
                throw unwrap(e2, export);
            }
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            failedCalls.incrementAndGet();
            throw cancelled(export);
        } catch (CancellationException e) {
            failedCalls.incrementAndGet();
            throw cancelled(export);
        } catch (ExecutionException e) {
            throw unwrap(e, export);
        }
    }

    private WasmPluginException timedOut(String export, Duration timeout) {
        return error(Kind.TIMEOUT, export, "ran longer than the time limit of " + human(timeout) + " and was stopped");
    }

    private WasmPluginException cancelled(String export) {
        return error(Kind.CANCELLED, export, "the call was cancelled; the guest was stopped");
    }

    private WasmPluginException unwrap(ExecutionException e, String export) {
        failedCalls.incrementAndGet();
        Throwable cause = e.getCause();
        if (cause instanceof WasmPluginException) {
            return (WasmPluginException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new WasmPluginException(Kind.TRAP, name, export, "failed inside the host: " + cause, cause);
    }

    /** The guest overflowed the caller's stack: it runs again on a worker thread, whose stack is the limit. */
    private static final class CallerStackOverflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallerStackOverflow(Throwable cause) {
            super("the guest overflowed the caller's stack", cause, false, false);
        }
    }

    private byte[] invoke(String export, ReturnShape shape, byte[] input, boolean onCaller, WorkspaceAccess access)
            throws WasmPluginException {
        running.incrementAndGet();
        PluginInstance pi = null;
        boolean healthy = false;
        boolean retry = false;
        // with a workspace, what the guest touches is kept by its instance (and told to the caller)
        AccessLog log = mount != null ? new AccessLog(access) : null;
        AccessLog outer = log != null ? log.install() : null;
        try {
            pi = acquire(export);
            if (log != null) log.attach(pi.accessHistory());
            byte[] reply = pi.invoke(export, shape, input);
            healthy = true;
            calls.incrementAndGet();
            return reply;
        } catch (Throwable t) {
            if (onCaller && causedBy(t, StackOverflowError.class)) {
                retry = true;
                throw new CallerStackOverflow(t);
            }
            if (t instanceof WasmPluginException) {
                throw (WasmPluginException) t;
            }
            if (pi != null && pi.budget().refused()) {
                throw memoryLimitError(export, pi.budget().refusal(), t);
            }
            throw mapFailure(export, t);
        } finally {
            if (pi != null) {
                if (healthy) {
                    release(pi);
                } else if (retry) {
                    recycled.incrementAndGet(); // not a failure yet: the worker's run decides
                    pi.close();
                } else {
                    discard(pi);
                }
            }
            if (log != null) AccessLog.restore(outer);
            running.decrementAndGet();
        }
    }

    private PluginInstance acquire(String export) throws WasmPluginException {
        PluginInstance pi = hot.getAndSet(null);
        if (pi == null) {
            pi = idle.pollFirst();
        }
        if (pi != null) {
            idleCount.decrementAndGet();
            return pi;
        }
        return createInstance(export);
    }

    private PluginInstance createInstance(String export) throws WasmPluginException {
        try {
            PluginInstance pi = PluginInstance.create(this);
            created.incrementAndGet();
            return pi;
        } catch (WasmPluginException e) {
            throw e;
        } catch (Throwable t) {
            if (t instanceof UninstantiableException || t instanceof UnlinkableException) {
                // a trapping start function, a data or element segment out of bounds...
                Kind kind = t.getCause() instanceof TrapException ? Kind.TRAP : Kind.LOAD;
                throw new WasmPluginException(kind, name, export, "could not be instantiated: " + t.getMessage(), t);
            }
            throw mapFailure(export, t);
        }
    }

    private void release(PluginInstance pi) {
        if (closed) {
            pi.close();
            return;
        }
        if (!abi.hasDealloc() && pi.memory().byteSize() > (long) memoryLimits.maximumPages() * WasmPolicy.PAGE_SIZE / 2) {
            // Without dealloc every reply leaks; start afresh before the guest runs out.
            recycled.incrementAndGet();
            pi.close();
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            pi.close();
            return;
        }
        if (!hot.compareAndSet(null, pi)) {
            idle.addFirst(pi);
        }
        if (closed) {
            drainIdle();
        }
    }

    private void discard(PluginInstance pi) {
        discarded.incrementAndGet();
        LOG.log(Level.FINE, () -> "plugin '" + name + "': instance discarded after a failed call");
        pi.close();
    }

    private void drainIdle() {
        PluginInstance pi = hot.getAndSet(null);
        if (pi != null) {
            idleCount.decrementAndGet();
            pi.close();
        }
        while ((pi = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            pi.close();
        }
    }

    /** Turns whatever the engine threw into our error; nothing of the engine escapes. */
    private WasmPluginException mapFailure(String export, Throwable t) {
        if (t instanceof ChicoryInterruptedException || Thread.currentThread().isInterrupted()) {
            return new WasmPluginException(Kind.CANCELLED, name, export, "was interrupted and stopped", t);
        }
        if (t instanceof WasiExitException) {
            return new WasmPluginException(Kind.EXIT, name, export, "called proc_exit("
                    + ((WasiExitException) t).exitCode() + "); a plugin must return a reply, not exit", t);
        }
        if (t instanceof ExecutionCompletedException) {
            return new WasmPluginException(Kind.EXIT, name, export,
                    "called proc_exit(0); a plugin must return a reply, not exit", t);
        }
        if (isStackOverflow(t)) {
            return new WasmPluginException(Kind.STACK_OVERFLOW, name, export,
                    "exhausted the call stack (recursion too deep)", t);
        }
        if (t instanceof TrapException) {
            return new WasmPluginException(Kind.TRAP, name, export, "trapped: " + t.getMessage(), t);
        }
        if (t instanceof OutOfMemoryError) {
            return new WasmPluginException(Kind.MEMORY_LIMIT, name, export, "the host ran out of memory running it", t);
        }
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
        if (t instanceof LinkageError) {
            return new WasmPluginException(Kind.LOAD, name, export, "its compiled code failed to load: " + t, t);
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return new WasmPluginException(Kind.TRAP, name, export, "failed: " + message, t);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStackOverflow(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StackOverflowError
                    || (c.getMessage() != null && c.getMessage().contains("call stack exhausted"))) {
                return true;
            }
        }
        return false;
    }

    private static String mib(int pages) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", pages / 16.0);
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000 || ms % 1000 != 0) {
            return ms + " ms";
        }
        return (ms / 1000) + " s";
    }

    @Override
    public String toString() {
        return "WasmPlugin[" + name + ", sha256=" + sha256() + ", " + codeSource + "]";
    }
}
