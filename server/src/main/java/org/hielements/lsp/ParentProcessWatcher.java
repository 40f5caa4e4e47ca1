package org.hielements.lsp;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Ends the server when the editor that started it is gone: polls the {@code processId} the client gave in
 * {@code initialize}.
 */
final class ParentProcessWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ParentProcessWatcher.class.getName());

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Threads.named("hielements-parent-watch"));

    /**
     * @param pid          the client's process id
     * @param periodMillis how often to look
     * @param onGone       what to do once it is gone (called once)
     */
    ParentProcessWatcher(long pid, long periodMillis, Runnable onGone) {
        timer.scheduleWithFixedDelay(() -> {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                LOG.warning("the editor process " + pid + " is gone; the language server exits");
                timer.shutdown();
                onGone.run();
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdown();
    }
}
