package org.hielements.library.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hielements.library.JsonText;
import org.hielements.library.ValueCodec;

/**
 * One running plugin process speaking JSON-RPC 2.0, one JSON object per line.
 *
 * <p>One persistent reader thread reads stdout line by line and completes the pending request whose {@code id} the
 * reply carries; a line that is not a JSON-RPC reply is logged and skipped, a reply with an unknown id is logged and
 * dropped (both are remembered for the timeout message). An error reply with a {@code null} id (a plugin that could
 * not parse the request) answers the request in flight when there is exactly one. A second thread drains stderr
 * continuously into the log (logger {@code org.hielements.library.process.stderr}, level FINE) and keeps the last
 * lines for messages. Every request has a deadline: a watchdog kills the process when it passes, so a plugin that
 * stops reading its input cannot block us either.
 */
final class PluginProcess {
    private static final Logger LOG = Logger.getLogger(PluginProcess.class.getName());
    static final Logger STDERR = Logger.getLogger("org.hielements.library.process.stderr");

    /** Longest stdout line accepted (a reply); longer ones are dropped and fail the request in flight. */
    static final int MAX_LINE = 64 * 1024 * 1024;
    private static final int STDERR_LINES_KEPT = 20;
    private static final int STDERR_LINE_CHARS = 500;
    private static final long STDERR_LOG_LIMIT = 1024 * 1024;
    private static final int NOTE_CHARS = 200;

    private static final Set<PluginProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK = new AtomicBoolean();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hielements-plugin-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Why a request got no reply. */
    enum FailureKind { EXITED, TIMED_OUT, WRITE_FAILED, BAD_LINE }

    /** A request that got no reply; {@link PluginProcess} never throws anything else from {@link #request}. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final FailureKind kind;

        Failure(FailureKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    private final String library;
    private final Process process;
    private final OutputStream stdin;
    private final Thread reader;
    private final Thread drainer;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private final long startedNanos = System.nanoTime();
    private volatile boolean stopping;
    private volatile boolean eof;
    private volatile int skippedLines;
    private volatile String lastSkipped;
    private volatile String lastUnknownId;
    private long stderrLogged;

    private PluginProcess(String library, Process process) {
        this.library = library;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(this::readStdout, "hielements-plugin-" + library + "-stdout");
        this.drainer = new Thread(this::drainStderr, "hielements-plugin-" + library + "-stderr");
        reader.setDaemon(true);
        drainer.setDaemon(true);
    }

    /** Starts the process ({@code command.get(0)} an absolute path) and its two threads. */
    static PluginProcess start(String library, List<String> command, java.nio.file.Path cwd, Map<String, String> env)
            throws IOException {
        installHook();
        Process p = ProcessLauncher.start(command, cwd, env);
        PluginProcess pp = new PluginProcess(library, p);
        LIVE.add(pp);
        pp.reader.start();
        pp.drainer.start();
        LOG.fine(() -> "started plugin '" + library + "' (pid " + p.pid() + "): " + String.join(" ", command));
        return pp;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive() && !eof;
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The last lines the plugin wrote to stderr (each cut at 500 characters), oldest first. */
    List<String> stderrTail() {
        synchronized (stderrTail) {
            return new ArrayList<>(stderrTail);
        }
    }

    /** Waits a little for stderr to be read to its end (after the process ended), so messages show its last lines. */
    void awaitStderr(Duration max) {
        try {
            drainer.join(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ requests

    /**
     * Sends one request and waits for its reply (the whole JSON-RPC object) until {@code timeout}; on timeout the
     * process is killed.
     */
    JsonNode request(String method, JsonNode params, Duration timeout) throws Failure {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        if (eof) {
            // the reader has finished (and failed every pending request) before this one was registered
            pending.remove(id);
            awaitExit();
            throw exited();
        }
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.put("jsonrpc", "2.0");
        req.put("method", method);
        req.set("params", params);
        req.put("id", id);
        byte[] line = (JsonText.compact(req) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            LOG.fine(() -> "plugin '" + library + "': " + method + " timed out; killing pid " + process.pid());
            killTree();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            try {
                synchronized (stdin) {
                    stdin.write(line);
                    stdin.flush();
                }
            } catch (IOException e) {
                pending.remove(id);
                if (timedOut.get()) throw timeout(timeout);
                awaitExit();
                if (!process.isAlive()) throw exited();
                throw new Failure(FailureKind.WRITE_FAILED, "could not send the request: " + e.getMessage());
            }
            try {
                return reply.get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (timedOut.get()) throw timeout(timeout);
                if (e.getCause() instanceof Failure f) throw f;
                throw new Failure(FailureKind.BAD_LINE, String.valueOf(e.getCause()));
            } catch (TimeoutException e) {
                killTree();
                throw timeout(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree();
                throw new Failure(FailureKind.TIMED_OUT, "interrupted while waiting for the plugin");
            }
        } finally {
            dog.cancel(false);
            pending.remove(id);
        }
    }

    private Failure timeout(Duration timeout) {
        return new Failure(FailureKind.TIMED_OUT, "timed out after " + org.hielements.library.config.Units.human(timeout));
    }

    private Failure exited() {
        String status = process.isAlive() ? "closed its output" : "exited with status " + process.exitValue();
        return new Failure(FailureKind.EXITED, status);
    }

    private void awaitExit() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the plugin did that was not an answer: skipped lines and unknown ids, for the timeout message. */
    String protocolNotes() {
        StringBuilder b = new StringBuilder();
        if (skippedLines > 0) {
            b.append("; it wrote ").append(skippedLines).append(skippedLines == 1 ? " line" : " lines")
                    .append(" that ").append(skippedLines == 1 ? "is" : "are").append(" not JSON-RPC (last: ")
                    .append(lastSkipped).append(")");
        }
        if (lastUnknownId != null) {
            b.append("; it answered with an id no request had (").append(lastUnknownId).append(")");
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ stdout

    private void readStdout() {
        InputStream in = process.getInputStream();
        byte[] chunk = new byte[64 * 1024];
        byte[] line = new byte[8192];
        int len = 0;
        boolean overflow = false;
        try {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') continue;
                    int part = i - from;
                    if (!overflow && len + part <= MAX_LINE) {
                        line = append(line, len, chunk, from, part);
                        len += part;
                        handleLine(line, len);
                    } else {
                        overLongLine();
                    }
                    len = 0;
                    overflow = false;
                    from = i + 1;
                }
                int rest = n - from;
                if (rest > 0) {
                    if (!overflow && len + rest <= MAX_LINE) {
                        line = append(line, len, chunk, from, rest);
                        len += rest;
                    } else {
                        overflow = true;
                        len = 0;
                    }
                }
                if (line.length > 1024 * 1024 && len == 0) line = new byte[8192];
            }
            if (len > 0 && !overflow) handleLine(line, len);   // a last line without its newline
        } catch (IOException e) {
            if (!stopping) LOG.log(Level.FINE, "plugin '" + library + "': reading its output failed", e);
        } finally {
            eof = true;
            awaitExit();
            Failure f = exited();
            for (CompletableFuture<JsonNode> p : pending.values()) p.completeExceptionally(f);
            // the plugin is done: whatever it started and left behind in its group goes with it
            if (!process.isAlive()) ProcessLauncher.releaseGroup(process);
            LIVE.remove(this);
        }
    }

    private static byte[] append(byte[] buf, int len, byte[] src, int from, int count) {
        if (len + count > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + count));
        System.arraycopy(src, from, buf, len, count);
        return buf;
    }

    private void overLongLine() {
        String msg = "wrote a line longer than " + (MAX_LINE / (1024 * 1024)) + " MiB";
        LOG.warning(() -> "plugin '" + library + "' " + msg + "; dropped");
        for (CompletableFuture<JsonNode> p : pending.values()) {
            p.completeExceptionally(new Failure(FailureKind.BAD_LINE, msg));
        }
    }

    private void handleLine(byte[] bytes, int len) {
        int end = len;
        if (end > 0 && bytes[end - 1] == '\r') end--;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            skipped("(a line that is not valid UTF-8)");
            return;
        }
        if (text.isBlank()) return;
        JsonNode node;
        try {
            node = ValueCodec.readTree(text);
        } catch (IOException e) {
            skipped(text);
            return;
        }
        if (node == null || !node.isObject() || !node.has("id") || !(node.has("result") || node.has("error"))) {
            skipped(text);
            return;
        }
        JsonNode id = node.get("id");
        CompletableFuture<JsonNode> target = null;
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            target = pending.remove(id.longValue());
        } else if (id.isTextual() && id.textValue().matches("[0-9]{1,18}")) {
            target = pending.remove(Long.parseLong(id.textValue()));
        } else if (id.isNull() && node.has("error") && pending.size() == 1) {
            // a plugin that could not read the request answers with a null id: it is about the one in flight
            Long only = pending.keySet().iterator().next();
            target = pending.remove(only);
        }
        if (target == null) {
            String shown = cut(JsonText.compact(id));
            lastUnknownId = shown;
            LOG.fine(() -> "plugin '" + library + "': dropped a reply with unknown id " + shown);
            return;
        }
        target.complete(node);
    }

    private void skipped(String line) {
        skippedLines++;
        lastSkipped = "'" + cut(line) + "'";
        LOG.fine(() -> "plugin '" + library + "': skipped a stdout line that is not JSON-RPC: " + cut(line));
    }

    private static String cut(String s) {
        return s.length() <= NOTE_CHARS ? s : s.substring(0, NOTE_CHARS) + "...";
    }

    // ------------------------------------------------------------------ stderr

    private void drainStderr() {
        InputStream err = process.getErrorStream();
        byte[] chunk = new byte[64 * 1024];
        StringBuilder current = new StringBuilder();
        try {
            int n;
            while ((n = err.read(chunk)) > 0) {
                String s = new String(chunk, 0, n, StandardCharsets.UTF_8);
                int from = 0;
                for (int i = 0; i < s.length(); i++) {
                    if (s.charAt(i) != '\n') continue;
                    if (current.length() < STDERR_LINE_CHARS) {
                        current.append(s, from, Math.min(i, from + STDERR_LINE_CHARS - current.length()));
                    }
                    stderrLine(current.toString());
                    current.setLength(0);
                    from = i + 1;
                }
                if (from < s.length() && current.length() < STDERR_LINE_CHARS) {
                    current.append(s, from, Math.min(s.length(), from + STDERR_LINE_CHARS - current.length()));
                }
            }
        } catch (IOException e) {
            if (!stopping) LOG.log(Level.FINE, "plugin '" + library + "': reading its stderr failed", e);
        } finally {
            if (current.length() > 0) stderrLine(current.toString());
        }
    }

    private void stderrLine(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        synchronized (stderrTail) {
            if (stderrTail.size() == STDERR_LINES_KEPT) stderrTail.removeFirst();
            stderrTail.addLast(line);
        }
        if (stderrLogged < STDERR_LOG_LIMIT && STDERR.isLoggable(Level.FINE)) {
            stderrLogged += line.length() + 1;
            STDERR.fine("[" + library + "] " + line);
            if (stderrLogged >= STDERR_LOG_LIMIT) {
                STDERR.fine("[" + library + "] (stderr beyond 1 MiB is not logged)");
            }
        }
    }

    // ------------------------------------------------------------------ stopping

    /** Kills the process and everything it started, at once: its process group, and its descendants one by one. */
    void killTree() {
        stopping = true;
        ProcessLauncher.killGroup(process);
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "listing the children of plugin '" + library + "' failed", e);
        }
        process.destroyForcibly();
    }

    /** Orderly stop: close its input, give it {@code grace} to exit, then kill the tree. */
    void shutdown(Duration grace) {
        stopping = true;
        try {
            stdin.close();
        } catch (IOException ignored) {
            // it may be gone already
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.fine(() -> "plugin '" + library + "' did not exit within " + grace.toMillis() + " ms; killing it");
                killTree();
                process.waitFor(2, TimeUnit.SECONDS);
            } else {
                // the plugin is gone; children it left behind are not
                ProcessLauncher.killGroup(process);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree();
        }
        LIVE.remove(this);
    }

    private static void installHook() {
        if (!HOOK.compareAndSet(false, true)) return;
        Runtime.getRuntime().addShutdownHook(new Thread(PluginProcess::stopAll, "hielements-plugin-shutdown"));
    }

    /** Stops every live plugin process: input closed, 500 ms for all of them together, then killed. */
    static void stopAll() {
        List<PluginProcess> all = new ArrayList<>(LIVE);
        for (PluginProcess p : all) {
            p.stopping = true;
            try {
                p.stdin.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        for (PluginProcess p : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !p.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.killTree();
                } else {
                    ProcessLauncher.killGroup(p.process);
                    p.process.descendants().forEach(ProcessHandle::destroyForcibly);
                }
            } catch (InterruptedException e) {
                p.killTree();
            }
        }
        // the reaper kills every group it still knows (also of plugins that ended on their own) and exits
        GroupReaper.shutdown(1000);
    }

    static int liveCount() {
        return LIVE.size();
    }
}
