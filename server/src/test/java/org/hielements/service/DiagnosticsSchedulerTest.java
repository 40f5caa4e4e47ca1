package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hielements.text.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debounce holds back publishing, not the work: an edit's version is analysed (and offered for rendering) while the
 * delay runs, and the publish after the delay reuses that analysis.
 */
class DiagnosticsSchedulerTest {
    private static final int DELAY_MS = 1500;

    record Published(Integer version, List<String> codes) {}

    @TempDir
    Path root;

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final List<List<DocumentDiagnostic>> prepared = new CopyOnWriteArrayList<>();
    private final DiagnosticsHub hub = new DiagnosticsHub((u, v, d) -> published.add(new Published(v,
            d.stream().map(DocumentDiagnostic::code).toList())), prepared::add);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static TextChange replace(int line, int from, int to, String text) {
        return new TextChange(new Range(new Position(line, from), new Position(line, to)), text);
    }

    @Test
    void theEditedVersionIsAnalysedDuringTheDelayAndPublishedAfterIt() throws Exception {
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            s.folders().add(root);
            String uri = root.resolve("a.hie").toUri().toString();
            DiagnosticsScheduler scheduler = new DiagnosticsScheduler(s, executor, hub, () -> DELAY_MS);
            s.open(uri, 1, "element a:\n    scope src = files.folder_selector('s')\n    check files.exists(src, 'x')\n");
            scheduler.schedule(uri, true);
            awaitTrue(() -> published.size() == 1);
            assertEquals(new Published(1, List.of()), published.get(0));

            long edited = System.nanoTime();
            s.change(uri, 2, List.of(replace(2, 23, 26, "sr")));
            scheduler.schedule(uri, false);
            DocumentAnalysis second = s.analysis(uri).orElseThrow();
            awaitTrue(() -> second.modelIfDone() != null && !prepared.isEmpty());
            assertTrue((System.nanoTime() - edited) / 1_000_000 < DELAY_MS,
                    "analysed before the delay ended (else this machine is far too slow for this test)");
            assertEquals(1, published.size(), "nothing published before the delay ends");
            assertEquals(List.of("E200"), prepared.get(0).stream().map(DocumentDiagnostic::code).toList());

            awaitTrue(() -> published.size() == 2);
            assertTrue((System.nanoTime() - edited) / 1_000_000 >= DELAY_MS, "published only after the delay");
            assertEquals(new Published(2, List.of("E200")), published.get(1));
            assertTrue(s.diagnostics(second) == s.diagnostics(second), "the version's diagnostics are kept");
        }
    }

    @Test
    void aVersionReplacedBeforeItsPreparationStartsIsNotAnalysed() throws Exception {
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            s.folders().add(root);
            String uri = root.resolve("b.hie").toUri().toString();
            DiagnosticsScheduler scheduler = new DiagnosticsScheduler(s, executor, hub, () -> DELAY_MS);
            s.open(uri, 1, "element b:\n    scope src = files.folder_selector('s')\n");
            // hold the one analysis thread so that both edits queue their preparations behind it
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            executor.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            s.change(uri, 2, List.of(replace(0, 9, 9, "x")));
            scheduler.schedule(uri, false);
            DocumentAnalysis two = s.analysis(uri).orElseThrow();
            s.change(uri, 3, List.of(replace(0, 10, 10, "y")));
            scheduler.schedule(uri, false);
            release.countDown();
            awaitTrue(() -> prepared.size() == 1);
            Thread.sleep(100);
            assertEquals(1, prepared.size(), "only the newest version was prepared");
            assertNull(two.modelIfDone(), "version 2 was never analysed");
            assertNotNull(s.analysis(uri).orElseThrow().modelIfDone());
            assertEquals(3, s.analysis(uri).orElseThrow().version());
            scheduler.cancel(uri);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(5);
        }
    }
}
