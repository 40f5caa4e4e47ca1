package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing a large document keeps no old versions: one-character edits, each followed by the requests an editor sends
 * (semantic tokens, outline, folding), from a real LSP4J client over pipes, faster than the document is analysed.
 * Every request is answered (with its result, or ContentModified when an edit overtook it); the heap measured after
 * garbage collection stays within a few versions of the document, during the edits and after. {@code mvn verify}: 100
 * edits to a 1 MB document; the case (500 edits to 5 MB) with {@code -Dmemory.size=5242880
 * -Dmemory.edits=500}. {@link #theServerProcessStaysUnderTwoGigabytes} measures the resident memory of a real
 * {@code hielements lsp} process ({@code -Dmemory.process=true}). Figures are printed.
 */
class MemoryTest {
    @TempDir
    Path root;

    static long usedHeap() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    static String bigDocument(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 200);
        for (int i = 0; sb.length() < bytes; i++) {
            sb.append("element e").append(i).append(":\n    scope s = files.folder_selector('x").append(i)
                    .append("')\n    check files.exists(s, 'y')\n");
        }
        return sb.toString();
    }

    /** Awaits every request: its result, or ContentModified; returns how many were ContentModified. */
    static int awaitAll(List<CompletableFuture<?>> requests) throws Exception {
        int modified = 0;
        for (CompletableFuture<?> f : requests) {
            try {
                f.get(300, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof ResponseErrorException r
                        && r.getResponseError().getCode() == ResponseErrorCode.ContentModified.getValue(),
                        e.toString());
                modified++;
            }
        }
        return modified;
    }

    @Test
    void editsToALargeDocumentKeepNoOldVersions() throws Exception {
        int edits = Integer.getInteger("memory.edits", 100);
        String text = bigDocument(Integer.getInteger("memory.size", 1024 * 1024));
        try (LspHarness lsp = LspHarness.start(root)) {
            long before = usedHeap();
            int mark = lsp.client.mark();
            String uri = lsp.open("big.hie", text);
            lsp.awaitDiagnostics(uri, mark, p -> p.getVersion() != null && p.getVersion() == 1);
            lsp.awaitCheckRun(uri);
            long opened = usedHeap();
            mark = lsp.client.mark();
            long[] peak = {0};
            Thread sampler = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        System.gc();
                        peak[0] = Math.max(peak[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    // done
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            List<CompletableFuture<?>> requests = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int v = 2; v <= edits + 1; v++) {
                // one character typed at the end of the first line, again and again, and what an editor asks then
                lsp.change(uri, v, new Range(new Position(0, 11 + v - 2), new Position(0, 11 + v - 2)), "x");
                requests.add(lsp.remote.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(id)));
                requests.add(lsp.remote.getTextDocumentService().documentSymbol(new DocumentSymbolParams(id)));
                requests.add(lsp.remote.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(id)));
            }
            int modified = awaitAll(requests);
            int last = edits + 1;
            lsp.client.awaitDiagnostics(uri, mark, p -> p.getVersion() != null && p.getVersion() == last, 300_000);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            sampler.interrupt();
            sampler.join();
            long after = usedHeap();
            long oneVersion = Math.max(opened - before, 1);
            System.out.printf("MemoryTest: %d KB document: heap %d MB before, %d MB open, at most %d MB during %d "
                    + "edits with %d requests (%d answered ContentModified), %d MB after; %d ms%n",
                    text.length() >> 10, before >> 20, opened >> 20, peak[0] >> 20, edits, requests.size(), modified,
                    after >> 20, ms);
            assertEquals(3 * edits, requests.size());
            // what stays: the last version, and the results of the last check run (of the first version here)
            assertTrue(after - before < 3 * oneVersion, "the heap grew from " + (opened >> 20)
                    + " MB to " + (after >> 20) + " MB over " + edits + " edits");
            assertTrue(peak[0] - before < 5 * oneVersion + (64L << 20), "the heap reached " + (peak[0] >> 20)
                    + " MB during the edits, one version being " + (oneVersion >> 20) + " MB");
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "memory.process", matches = "true")
    void theServerProcessStaysUnderTwoGigabytes() throws Exception {
        int edits = Integer.getInteger("memory.edits", 500);
        String text = bigDocument(Integer.getInteger("memory.size", 5 * 1024 * 1024));
        // the JVM options of the hielements launcher
        List<String> options = List.of(System.getProperty("memory.jvm", "-Xmx1536m").split(" "));
        try (ServerProcess s = new ServerProcess(root, options, null)) {
            String uri = root.resolve("big.hie").toUri().toString();
            long start = s.rss();
            s.remote.getTextDocumentService().didOpen(new org.eclipse.lsp4j.DidOpenTextDocumentParams(
                    new org.eclipse.lsp4j.TextDocumentItem(uri, "hielements", 1, text)));
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            List<CompletableFuture<?>> requests = new ArrayList<>();
            long max = 0;
            for (int v = 2; v <= edits + 1; v++) {
                s.remote.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                        new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, v), List.of(
                                new org.eclipse.lsp4j.TextDocumentContentChangeEvent(new Range(new Position(0, 9 + v),
                                        new Position(0, 9 + v)), "x"))));
                requests.add(s.remote.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(id)));
                requests.add(s.remote.getTextDocumentService().documentSymbol(new DocumentSymbolParams(id)));
                requests.add(s.remote.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(id)));
                Thread.sleep(20);
                max = Math.max(max, s.rss());
            }
            int modified = awaitAll(requests);
            max = Math.max(max, s.rss());
            System.out.printf("MemoryTest: hielements lsp %s, %d KB document, %d edits, %d requests (%d "
                    + "ContentModified): resident %d MB at start, at most %d MB%n", options, text.length() >> 10, edits,
                    requests.size(), modified, start >> 20, max >> 20);
            assertTrue(max < 2L << 30, "resident memory reached " + (max >> 20) + " MB");
        }
    }
}
