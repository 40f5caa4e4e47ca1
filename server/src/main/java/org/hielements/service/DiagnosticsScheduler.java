package org.hielements.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Debounced analysis diagnostics (syntax and semantics) per document: every edit cancels the pending run of that
 * document and schedules a new one after the delay; a run publishes only if the document is still at the version it
 * analysed. Runs on the executor it is given (never the editor connection's reader thread). After an edited document is
 * published, the other open documents of its folder whose model includes it are scheduled too (what they import
 * changed); those runs do not cascade further.
 *
 * <p>The delay holds back publishing, not the work: a quarter of the way into the delay, a preparation parses and
 * analyses the new version (skipped when a newer version has arrived by then, so fast typing analyses no more versions
 * than the one thread keeps up with; and a request that comes right with the keystroke, such as completion, does not
 * share the processor with it). Publishing after the delay then reuses that analysis, and the editor gets the
 * diagnostics right when the delay ends instead of after it plus the analysis.
 */
public final class DiagnosticsScheduler {
    private static final Logger LOG = Logger.getLogger(DiagnosticsScheduler.class.getName());

    private final LanguageService service;
    private final ScheduledExecutorService executor;
    private final DiagnosticsHub hub;
    private final IntSupplier delayMillis;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> preparing = new ConcurrentHashMap<>();

    public DiagnosticsScheduler(LanguageService service, ScheduledExecutorService executor, DiagnosticsHub hub,
            IntSupplier delayMillis) {
        this.service = service;
        this.executor = executor;
        this.hub = hub;
        this.delayMillis = delayMillis;
    }

    /** Analyses the document after the debounce delay (at once when {@code now}), replacing any pending run. */
    public void schedule(String uri, boolean now) {
        schedule(uri, now, true);
    }

    private void schedule(String uri, boolean now, boolean cascade) {
        long delay = now ? 0 : Math.max(0, delayMillis.getAsInt());
        ScheduledFuture<?> f;
        try {
            f = executor.schedule(() -> run(uri, cascade), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return; // shutting down
        }
        ScheduledFuture<?> old = pending.put(uri, f);
        if (old != null) old.cancel(false);
        ScheduledFuture<?> oldPrepare = preparing.remove(uri);
        if (oldPrepare != null) oldPrepare.cancel(false);
        if (delay > 0) {
            try {
                ScheduledFuture<?> publish = f;
                ScheduledFuture<?> p = executor.schedule(() -> prepare(uri, publish), delay / 4,
                        TimeUnit.MILLISECONDS);
                preparing.put(uri, p);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    /**
     * Analyses the document's current version ahead of publishing, unless it changed again meanwhile: {@code run} is
     * the publish this preparation is for, and an edit since then replaced it (while edits come faster than a large
     * document is analysed, each preparation would otherwise analyse a version no one will see).
     */
    private void prepare(String uri, ScheduledFuture<?> run) {
        try {
            ScheduledFuture<?> f = pending.get(uri);
            if (f == null || f != run || f.isDone()) return; // closed, edited again since, or already published
            Optional<DocumentAnalysis> a = service.analysis(uri);
            if (a.isEmpty() || !service.isCurrent(uri, a.get().version())) return;
            if (a.get().editorDiagnosticsIfDone() != null) return; // an earlier preparation did this version
            hub.prepare(uri, DiagnosticKind.ANALYSIS, service.diagnostics(a.get()));
        } catch (RuntimeException | Error e) { // a bug, or out of memory: logged, the next edit tries again
            LOG.log(Level.SEVERE, "analysing " + uri + " failed", e);
        }
    }

    /** Drops the pending run of a document (closed). */
    public void cancel(String uri) {
        ScheduledFuture<?> old = pending.remove(uri);
        if (old != null) old.cancel(false);
        ScheduledFuture<?> oldPrepare = preparing.remove(uri);
        if (oldPrepare != null) oldPrepare.cancel(false);
    }

    private void run(String uri, boolean cascade) {
        try {
            Optional<DocumentAnalysis> a = service.analysis(uri);
            if (a.isEmpty()) return;
            int version = a.get().version();
            if (!service.isCurrent(uri, version)) return;
            List<DocumentDiagnostic> diagnostics = service.diagnostics(a.get());
            boolean published = hub.update(uri, DiagnosticKind.ANALYSIS, version, diagnostics,
                    () -> service.isCurrent(uri, version));
            if (published && cascade) {
                for (String dependent : service.dependents(a.get())) schedule(dependent, false, false);
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "analysing " + uri + " failed", e);
        }
    }
}
