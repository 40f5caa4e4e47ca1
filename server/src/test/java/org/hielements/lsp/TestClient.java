package org.hielements.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** The editor side of in-process tests: records what the server sends and answers its requests. */
final class TestClient implements LanguageClient {
    final List<PublishDiagnosticsParams> diagnostics = new ArrayList<>();
    final List<RegistrationParams> registrations = new ArrayList<>();
    final List<MessageParams> messages = new ArrayList<>();
    final List<ProgressParams> progress = new ArrayList<>();
    final List<ConfigurationParams> configurationRequests = new ArrayList<>();
    /** What {@code workspace/configuration} answers for the {@code hielements} section (a Gson tree or null). */
    volatile Object configuration;

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public synchronized void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.add(params);
        notifyAll();
    }

    @Override
    public synchronized void showMessage(MessageParams params) {
        messages.add(params);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void logMessage(MessageParams params) {
        messages.add(params);
    }

    @Override
    public synchronized CompletableFuture<Void> registerCapability(RegistrationParams params) {
        registrations.add(params);
        notifyAll();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        configurationRequests.add(params);
        notifyAll();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < params.getItems().size(); i++) out.add(configuration);
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void notifyProgress(ProgressParams params) {
        progress.add(params);
        notifyAll();
    }

    @Override
    public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
        return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(false));
    }

    /** How many diagnostics notifications arrived so far (a mark for {@link #awaitDiagnostics}). */
    synchronized int mark() {
        return diagnostics.size();
    }

    /**
     * Waits until a diagnostics notification for {@code uri} matching {@code test} arrives, looking at notifications
     * from number {@code from} on; returns it.
     */
    synchronized PublishDiagnosticsParams awaitDiagnostics(String uri, int from,
            Predicate<PublishDiagnosticsParams> test, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            for (int i = from; i < diagnostics.size(); i++) {
                PublishDiagnosticsParams p = diagnostics.get(i);
                if (p.getUri().equals(uri) && test.test(p)) return p;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching diagnostics for " + uri + " within " + timeoutMillis
                        + " ms; got: " + of(uri));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Every diagnostics notification received for {@code uri}, in order. */
    synchronized List<PublishDiagnosticsParams> of(String uri) {
        List<PublishDiagnosticsParams> out = new ArrayList<>();
        for (PublishDiagnosticsParams p : diagnostics) {
            if (p.getUri().equals(uri)) out.add(p);
        }
        return out;
    }

    synchronized <T> T await(java.util.function.Supplier<T> probe, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            T t = probe.get();
            if (t != null) return t;
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }
}
