package org.hielements.lsp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.hielements.service.RunProgress;

/**
 * {@code $/progress} for check runs: a run that lasts longer than a moment gets a server-initiated work-done progress
 * (created, begun with a percentage and cancellable, reported at most every 100 ms, ended with the counts); the
 * client's cancel stops the run.
 */
final class WorkDoneProgressReporter implements RunProgress.Factory {
    private static final long REPORT_EVERY_NANOS = 100_000_000L;

    private final Supplier<LanguageClient> client;
    private final BooleanSupplier supported;
    private final long delayNanos;
    private final AtomicInteger tokens = new AtomicInteger();
    private final Map<String, Runnable> cancels = new ConcurrentHashMap<>();

    WorkDoneProgressReporter(Supplier<LanguageClient> client, BooleanSupplier supported, long delayMillis) {
        this.client = client;
        this.supported = supported;
        this.delayNanos = delayMillis * 1_000_000L;
    }

    /** The client cancelled the progress with this token. */
    void cancel(String token) {
        Runnable r = cancels.get(token);
        if (r != null) r.run();
    }

    @Override
    public RunProgress open(String title, Runnable cancel) {
        LanguageClient c = client.get();
        if (c == null || !supported.getAsBoolean()) return RunProgress.NONE.open(title, cancel);
        String token = "hielements-checks-" + tokens.incrementAndGet();
        long start = System.nanoTime();
        return new RunProgress() {
            private CompletableFuture<Void> chain;
            private long lastReport;

            private void begin(int percent, String message) {
                cancels.put(token, cancel);
                WorkDoneProgressBegin b = new WorkDoneProgressBegin();
                b.setTitle(title);
                b.setCancellable(true);
                b.setPercentage(percent);
                b.setMessage(message);
                chain = c.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(token)))
                        .thenRun(() -> c.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(b))));
            }

            @Override
            public synchronized void report(int percent, String message) {
                long now = System.nanoTime();
                if (chain == null) {
                    if (now - start >= delayNanos) {
                        begin(percent, message);
                        lastReport = now;
                    }
                    return;
                }
                if (now - lastReport < REPORT_EVERY_NANOS) return;
                lastReport = now;
                WorkDoneProgressReport r = new WorkDoneProgressReport();
                r.setPercentage(percent);
                r.setMessage(message);
                r.setCancellable(true);
                chain = chain.thenRun(() -> c.notifyProgress(new ProgressParams(Either.forLeft(token),
                        Either.forLeft(r))));
            }

            @Override
            public synchronized void done(String message) {
                cancels.remove(token);
                if (chain == null) return;
                WorkDoneProgressEnd e = new WorkDoneProgressEnd();
                e.setMessage(message);
                chain = chain.thenRun(() -> c.notifyProgress(new ProgressParams(Either.forLeft(token),
                        Either.forLeft(e))));
            }
        };
    }
}
