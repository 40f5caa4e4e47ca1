package org.hielements.library.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryError;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.Value;
import org.hielements.library.ValueCodec;

/**
 * A library served by an external process speaking JSON-RPC 2.0 over stdin/stdout, one JSON object per line
 * (PLUGINS.md §3).
 *
 * <ul>
 *   <li>Started on the first call (or the first {@link #documentation()}), with no shell, in the workspace root, with
 *       the server's environment plus the entry's {@code env}; kept for later calls. Requests are sent one at a
 *       time.</li>
 *   <li>Every request has the entry's timeout (default 10 s): past it the process is killed, the call fails with
 *       "timed out after 10 s" (E530), and the next call starts a fresh process. A process that exits while answering
 *       fails that call (E505, naming the last stderr lines) and is restarted on the next call.</li>
 *   <li>After {@value #FAILURE_LIMIT} such failures (exits or timeouts during a request) within a minute the library
 *       is disabled: every call fails at once (E531) naming the last failure and stderr lines, until one of its
 *       watched files (the executable, script arguments) changes, or the configuration is reloaded.</li>
 *   <li>{@code library.metadata} and {@code library.doc} are asked once, on the running process, and cached; a
 *       plugin answering neither works for calls, without a function list.</li>
 *   <li>When the workspace is not trusted ({@code allowProcess = false}) nothing is ever started (E532).</li>
 *   <li>{@link #close()}: input closed, 500 ms to exit, then the process tree is killed.</li>
 * </ul>
 * Other codes: E500 the process cannot be started (missing or non-executable file), E506 a reply that breaks the
 * protocol, E507 an empty result, E508/E509 a result that does not convert, {@code E<n>} the plugin's own JSON-RPC
 * error.
 */
public final class ProcessLibrary implements Library {
    private static final Logger LOG = Logger.getLogger(ProcessLibrary.class.getName());

    public static final String START_FAILED = "E500";
    public static final String EXITED = "E505";
    public static final String BAD_REPLY = JsonRpc.BAD_REPLY;
    public static final String EMPTY_RESULT = "E507";
    public static final String TIMED_OUT = "E530";
    public static final String DISABLED = "E531";
    public static final String NOT_ALLOWED = "E532";

    /**
     * Why a process plugin does not start in the editor, and how to change that ({0}: the library). The command line
     * always runs them: the user ran it.
     */
    public static final String NOT_ALLOWED_MESSAGE = "Library '{0}' is a process plugin: the editor does not start "
            + "programs of a workspace it was not told to trust. In VS Code, trust the folder (command \"Workspaces: "
            + "Manage Workspace Trust\"); in another editor, set \"hielements.plugins.allowProcess\": true for a folder "
            + "you trust (or have the client send \"trustedWorkspace\": true in its initializationOptions); "
            + "hielements check on the command line runs it";

    public static final int FAILURE_LIMIT = 3;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    public static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);
    private static final int STDERR_LINES_IN_MESSAGES = 5;

    /** Where the library stands. */
    public enum State {
        /** Nothing started yet (the normal state until the first call). */
        NOT_STARTED,
        /** A process is running. */
        RUNNING,
        /** The last process ended (crash, timeout, or it exited); the next call starts a new one. */
        STOPPED,
        /** Disabled after repeated failures; calls fail at once. */
        DISABLED,
        /** The workspace is not trusted: never started. */
        NOT_ALLOWED,
        /** Closed. */
        CLOSED
    }

    private final ProcessPluginSpec spec;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ArrayDeque<Long> failures = new ArrayDeque<>();
    private PluginProcess process;
    private List<String> lastStderr = List.of();
    private volatile State state;
    private String disabledReason;
    private List<String> disabledFingerprint;
    private volatile LibraryDoc doc;
    private volatile boolean docAnswered;
    /** Whether its {@code library.metadata} or {@code library.doc} said {@code "pure": true}. */
    private volatile boolean pure;
    private final List<String> docProblems = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration lastStartTime;
    private volatile String lastProblem;
    private int starts;

    /**
     * Does now, on a thread of its own, what the first process plugin's start would do once per JVM (the probe of its
     * process wrappers, one short process): for a command that has not read its configuration yet but will likely
     * start a plugin.
     */
    public static void prepareLaunching() {
        Thread t = new Thread(ProcessLauncher::prepare, "hielements-process-launching");
        t.setDaemon(true);
        t.start();
    }

    public ProcessLibrary(ProcessPluginSpec spec) {
        this.spec = spec;
        this.state = spec.allowed() ? State.NOT_STARTED : State.NOT_ALLOWED;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public LibraryKind kind() {
        return LibraryKind.PROCESS;
    }

    public ProcessPluginSpec spec() {
        return spec;
    }

    public State state() {
        return state;
    }

    /** The running process's id, if one runs. */
    public OptionalLong pid() {
        PluginProcess p = process;
        return p != null && p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
    }

    /** How many processes were started so far. */
    public int starts() {
        return starts;
    }

    /** How long the last start took (process creation), if one happened. */
    public Optional<Duration> lastStartTime() {
        return Optional.ofNullable(lastStartTime);
    }

    /** The last problem met (a failed call, a failed start), for {@code hielements libraries}. */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** Problems met asking {@code library.metadata} / {@code library.doc}. */
    public List<String> documentationProblems() {
        synchronized (docProblems) {
            return List.copyOf(docProblems);
        }
    }

    /** The last lines the current (or last) process wrote to stderr. */
    public List<String> stderrTail() {
        PluginProcess p = process;
        return p != null ? p.stderrTail() : lastStderr;
    }

    // ------------------------------------------------------------------ Library

    @Override
    public Value call(String function, List<Value> args, CallContext context) throws LibraryException {
        JsonNode result = result("library.call", function, ValueCodec.requestParams(function, args,
                context.workspace()));
        return ValueCodec.decodeValue(result, name(), function, context.workspace());
    }

    @Override
    public CheckResult check(String function, List<Value> args, CallContext context) throws LibraryException {
        JsonNode result = result("library.check", function, ValueCodec.requestParams(function, args,
                context.workspace()));
        return ValueCodec.decodeCheckResult(result, name(), function, context.workspace());
    }

    /** Sends one request and returns its {@code result}; every failure is a {@link LibraryException}. */
    private JsonNode result(String method, String function, JsonNode params) throws LibraryException {
        lock.lock();
        try {
            JsonNode reply = send(method, function, params, true);
            if (JsonRpc.isError(reply) || reply.has("error") && !reply.get("error").isNull()) {
                throw new LibraryException(JsonRpc.error(reply.get("error"), name()));
            }
            JsonNode result = reply.get("result");
            if (result == null || result.isNull()) {
                throw new LibraryException(EMPTY_RESULT, "Library '" + name() + "', function '" + function
                        + "': External process returned empty result");
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a request on the running (or a fresh) process; the caller holds the lock. */
    private JsonNode send(String method, String function, JsonNode params, boolean countFailures)
            throws LibraryException {
        PluginProcess p = ensureRunning();
        try {
            return p.request(method, params, spec.timeout());
        } catch (PluginProcess.Failure f) {
            String what = method.equals("library.call") || method.equals("library.check")
                    ? "'" + function + "'" : method;
            LibraryError error;
            switch (f.kind) {
                case TIMED_OUT -> error = new LibraryError(TIMED_OUT, "Library '" + name() + "': " + what + " "
                        + f.getMessage() + "; the plugin process was stopped and is restarted on the next call"
                        + p.protocolNotes());
                case EXITED -> {
                    p.awaitStderr(Duration.ofMillis(500));
                    error = new LibraryError(EXITED, "Library '" + name() + "': the plugin process " + f.getMessage()
                            + " before answering " + what + stderrSuffix(p.stderrTail())
                            + "; it is restarted on the next call");
                }
                case BAD_LINE -> error = new LibraryError(BAD_REPLY, "Library '" + name() + "': the plugin "
                        + f.getMessage() + " while answering " + what);
                default -> error = new LibraryError(EXITED, "Library '" + name() + "': " + f.getMessage()
                        + " (" + what + ")" + stderrSuffix(p.stderrTail()));
            }
            lastProblem = error.message();
            if (f.kind == PluginProcess.FailureKind.BAD_LINE) throw new LibraryException(error);
            stop(p);
            if (countFailures) failed(error.message());
            throw new LibraryException(error);
        }
    }

    private PluginProcess ensureRunning() throws LibraryException {
        if (state == State.CLOSED) {
            throw new LibraryException(START_FAILED, "Library '" + name() + "' is closed");
        }
        if (!spec.allowed()) {
            throw new LibraryException(NOT_ALLOWED, NOT_ALLOWED_MESSAGE.replace("{0}", name()));
        }
        if (state == State.DISABLED) {
            if (!fingerprint().equals(disabledFingerprint)) {
                LOG.info(() -> "plugin '" + name() + "' changed on disk: enabled again");
                failures.clear();
                state = State.STOPPED;
            } else {
                throw new LibraryException(DISABLED, disabledReason);
            }
        }
        PluginProcess p = process;
        if (p != null && p.isAlive()) return p;
        if (p != null) {
            LOG.fine(() -> "plugin '" + name() + "' exited; restarting it");
            stop(p);
        }
        List<String> command = new ArrayList<>(spec.command());
        command.set(0, resolveExecutable());
        long t0 = System.nanoTime();
        try {
            p = PluginProcess.start(name(), command, spec.workingDirectory(), spec.environment());
        } catch (IOException e) {
            String msg = "Failed to start external library '" + name() + "': " + e.getMessage();
            lastProblem = msg;
            throw new LibraryException(START_FAILED, msg);
        }
        lastStartTime = Duration.ofNanos(System.nanoTime() - t0);
        starts++;
        process = p;
        state = State.RUNNING;
        return p;
    }

    /** The executable as an absolute path; E500 naming it when it is missing or cannot be run. */
    private String resolveExecutable() throws LibraryException {
        String exe = spec.executable();
        Path resolved;
        if (exe.indexOf('/') >= 0) {
            try {
                resolved = spec.workingDirectory().resolve(exe).normalize();
            } catch (InvalidPathException e) {
                throw startFailure("'" + exe + "' is not a valid path");
            }
            if (!Files.exists(resolved)) throw startFailure("executable " + resolved + " not found");
        } else {
            String path = spec.environment().getOrDefault("PATH", System.getenv("PATH"));
            resolved = ProcessLauncher.onPath(exe, path).orElseThrow(
                    () -> startFailure("executable '" + exe + "' not found on PATH"));
        }
        if (!Files.isRegularFile(resolved)) throw startFailure(resolved + " is not a file");
        if (!Files.isExecutable(resolved)) {
            throw startFailure(resolved + " is not executable (make it executable, or name its interpreter as "
                    + "'executable' and the script in 'args')");
        }
        return resolved.toString();
    }

    private LibraryException startFailure(String reason) {
        String msg = "Failed to start external library '" + name() + "': " + reason;
        lastProblem = msg;
        return new LibraryException(START_FAILED, msg);
    }

    private void stop(PluginProcess p) {
        p.killTree();
        p.awaitStderr(Duration.ofMillis(200));
        lastStderr = p.stderrTail();
        if (process == p) {
            process = null;
            if (state == State.RUNNING) state = State.STOPPED;
        }
    }

    private void failed(String description) {
        long now = System.nanoTime();
        failures.addLast(now);
        while (!failures.isEmpty() && now - failures.peekFirst() > FAILURE_WINDOW.toNanos()) failures.removeFirst();
        if (failures.size() >= FAILURE_LIMIT) {
            state = State.DISABLED;
            disabledFingerprint = fingerprint();
            disabledReason = "Library '" + name() + "' is disabled: its process failed " + failures.size()
                    + " times within a minute (last: " + description + ")"
                    + "; it is tried again when the plugin or hielements.toml changes";
            LOG.warning(disabledReason);
        }
    }

    /**
     * Process plugins are not assumed pure: the stamps of the executable and scripts and the entry, while the plugin
     * may be deterministic; see {@link #deterministic}.
     */
    @Override
    public String cacheIdentity() {
        return "process:" + spec + ":" + fingerprint();
    }

    /** Only a plugin whose metadata says {@code "pure": true} (asked of the running process once, then kept). */
    @Override
    public boolean deterministic() {
        if (!docAnswered) documentation();
        return pure;
    }

    private List<String> fingerprint() {
        List<String> f = new ArrayList<>();
        List<Path> files = new ArrayList<>(spec.watchedFiles());
        if (spec.executable().indexOf('/') >= 0) files.add(spec.workingDirectory().resolve(spec.executable()));
        for (Path file : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                f.add(file + ":" + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) + ":" + a.size()
                        + ":" + a.fileKey());
            } catch (IOException | RuntimeException e) {
                f.add(file + ":missing");
            }
        }
        return f;
    }

    private static String stderrSuffix(List<String> tail) {
        List<String> lines = new ArrayList<>();
        for (String l : tail) {
            if (!l.isBlank()) lines.add(l.strip());
        }
        if (lines.isEmpty()) return "";
        List<String> last = lines.subList(Math.max(0, lines.size() - STDERR_LINES_IN_MESSAGES), lines.size());
        return ". Last stderr lines: " + String.join(" | ", last);
    }

    // ------------------------------------------------------------------ documentation

    @Override
    public Optional<LibraryDoc> knownFunctions() {
        LibraryDoc d = doc;
        return docAnswered && d != null ? Optional.of(d) : Optional.empty();
    }

    /**
     * The plugin's documentation: {@code library.doc} when it answers, else the names of {@code library.metadata},
     * else upstream's fallback (name = the TOML key, "External library: EXE", version 0.1.0). Asked once on the
     * running process (starting it if needed) and cached; each request obeys the timeout.
     */
    @Override
    public LibraryDoc documentation() {
        LibraryDoc d = doc;
        if (d != null) return d;
        lock.lock();
        try {
            if (doc != null) return doc;
            LibraryDoc fallback = new LibraryDoc(name(), "External library: " + spec.executable(),
                    LibraryDoc.DEFAULT_VERSION, List.of(), List.of());
            if (!spec.allowed() || state == State.CLOSED) return fallback;
            JsonNode empty = JsonNodeFactory.instance.objectNode();
            LibraryDoc fromMetadata = null;
            LibraryDoc fromDoc = null;
            boolean gaveUp = false;
            try {
                JsonNode reply = send("library.metadata", "library.metadata", empty, false);
                if (JsonRpc.isError(reply)) {
                    docProblems.add("library.metadata: " + JsonRpc.error(reply.get("error"), name()));
                } else if (reply.get("result") != null && !reply.get("result").isNull()) {
                    fromMetadata = ValueCodec.decodeMetadata(reply.get("result"), name());
                    if (reply.get("result").path("pure").asBoolean(false)
                            && reply.get("result").path("pure").isBoolean()) {
                        pure = true;
                    }
                }
            } catch (LibraryException e) {
                if (notStarted(e)) return fallback;   // not cached: a later attempt may start it
                docProblems.add("library.metadata: " + e.error().message());
                gaveUp = !e.code().equals(ValueCodec.VALUE_CONVERSION);
            }
            if (!gaveUp) {
                try {
                    JsonNode reply = send("library.doc", "library.doc", empty, false);
                    if (JsonRpc.isError(reply)) {
                        docProblems.add("library.doc: " + JsonRpc.error(reply.get("error"), name()));
                    } else if (reply.get("result") != null && !reply.get("result").isNull()) {
                        fromDoc = ValueCodec.decodeDoc(reply.get("result"), name());
                        if (reply.get("result").path("pure").isBoolean()) {
                            pure = reply.get("result").path("pure").booleanValue();
                        }
                    }
                } catch (LibraryException e) {
                    if (notStarted(e) && fromMetadata == null) return fallback;
                    docProblems.add("library.doc: " + e.error().message());
                }
            }
            LibraryDoc result = fromDoc != null ? fromDoc : fromMetadata != null ? fromMetadata : fallback;
            docAnswered = fromDoc != null || fromMetadata != null;
            doc = result;
            if (!docAnswered) LOG.log(Level.FINE, "plugin ''{0}'' answers neither library.doc nor library.metadata",
                    name());
            return result;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ closing

    /** Closes stdin, waits 500 ms, then kills the process tree. Calls afterwards fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            PluginProcess p = process;
            process = null;
            state = State.CLOSED;
            if (p != null) {
                p.shutdown(SHUTDOWN_GRACE);
                lastStderr = p.stderrTail();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ProcessLibrary[" + name() + ", " + state + ", " + String.join(" ", spec.command()) + "]";
    }

    private static boolean notStarted(LibraryException e) {
        return e.code().equals(START_FAILED) || e.code().equals(NOT_ALLOWED) || e.code().equals(DISABLED);
    }
}
