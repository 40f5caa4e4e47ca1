package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.hielements.service.ConfiguredLibraries;
import org.junit.jupiter.api.Test;

/**
 * The language server soaked: a scripted LSP4J client over pipes sends random edits, completions, hovers,
 * formattings, other requests and cancellations over several documents of the demo workspace, its plugins loaded
 * (the WASM plugin and the Python process plugin run in the check runs that opening documents starts). Every request
 * is answered (its result, ContentModified when an edit overtook it, or the cancellation the client asked for),
 * nothing is logged as a problem, and the heap after the soak is within twice the heap after warm-up. 1,000
 * operations in {@code mvn verify}, {@code -Dsoak.operations=10000} for the long one (docs/RELIABILITY.md). Seeded.
 */
class SoakTest {
    private static final long SEED = 20261203L;
    private static final int OPERATIONS = Integer.getInteger("soak.operations", 1_000);
    private static final String[] INSERTS = {"x", "\n", "    check files.", "scope s = files.folder_selector('a')\n",
        "(", ")", "'", "element soaked:\n    scope t = sample_wasm.simple_selector('config')\n", ":", "sample_py.",
        "    check sample_py.file_count_check(config, 3)\n", "##", "\t", "é", "{\n", "}\n"};

    /** A document as the client knows it: its text (LF only) and version. */
    private static final class Doc {
        final String uri;
        String text;
        int version = 1;

        Doc(String uri, String text) {
            this.uri = uri;
            this.text = text;
        }

        int lines() {
            return (int) text.chars().filter(c -> c == '\n').count() + 1;
        }

        int offset(Position p) {
            int line = 0;
            int i = 0;
            while (line < p.getLine() && i < text.length()) {
                if (text.charAt(i++) == '\n') line++;
            }
            int end = text.indexOf('\n', i);
            if (end < 0) end = text.length();
            return Math.min(i + p.getCharacter(), end);
        }
    }

    @Test
    void thousandsOfRandomOperationsAreAllAnsweredWithoutAProblemOrAGrowingHeap() throws Exception {
        Path demo = Path.of(System.getProperty("hielements.fixtures", "../test-fixtures")).resolve("workspaces/demo")
                .toAbsolutePath().normalize();
        Random random = new Random(SEED);
        Map<String, Object> trust = Map.of("plugins", Map.of("allowProcess", true));
        try (LogRecorder log = LogRecorder.install();
                LspHarness lsp = LspHarness.start(demo, p -> p.setInitializationOptions(trust),
                        ConfiguredLibraries.loader())) {
            List<Doc> docs = new ArrayList<>();
            for (String name : List.of("architecture.hie", "patterns.hie")) {
                docs.add(new Doc(lsp.uri(name), Files.readString(demo.resolve(name), StandardCharsets.UTF_8)));
            }
            // documents open in the editor only (never saved: nothing of the workspace is written)
            docs.add(new Doc(lsp.uri("soak-a.hie"), "import './patterns.hie'\n\nelement a:\n    scope config = "
                    + "sample_wasm.simple_selector('config')\n    check sample_py.file_count_check(config, 3)\n"));
            docs.add(new Doc(lsp.uri("soak-b.hie"), "element b:\n    scope s = files.folder_selector('orders')\n"));
            for (Doc d : docs) lsp.open(d.uri.substring(demo.toUri().toString().length()), d.text);
            for (Doc d : docs) lsp.awaitCheckRun(d.uri);
            // the plugins are loaded and answer: the process plugin's check ran on the WASM plugin's scope
            var outcomes = lsp.server.checkRuns().lastRun(docs.get(0).uri).orElseThrow().outcomes();
            assertTrue(outcomes.stream().anyMatch(o -> o.check().contains("sample_py.file_count_check(config")
                    && o.status() != org.hielements.check.Outcome.Status.ERROR), outcomes.toString());
            TextDocumentService s = lsp.remote.getTextDocumentService();
            Map<String, Integer> counts = new LinkedHashMap<>();
            int warmUp = Math.max(50, OPERATIONS / 10);
            long afterWarmUp = 0;
            List<CompletableFuture<?>> pending = new ArrayList<>();
            List<CompletableFuture<?>> cancelled = new ArrayList<>();
            int answered = 0;
            int contentModified = 0;
            for (int op = 0; op < OPERATIONS; op++) {
                Doc d = docs.get(random.nextInt(docs.size()));
                TextDocumentIdentifier id = new TextDocumentIdentifier(d.uri);
                Position p = new Position(random.nextInt(d.lines() + 1), random.nextInt(50));
                int kind = random.nextInt(100);
                String what;
                if (kind < 40) {
                    what = "edit";
                    Position to = random.nextInt(3) == 0 ? new Position(p.getLine(), p.getCharacter()
                            + random.nextInt(6)) : p;
                    String insert = random.nextInt(4) == 0 ? "" : INSERTS[random.nextInt(INSERTS.length)];
                    int a = d.offset(p);
                    int b = Math.max(a, d.offset(to));
                    d.text = d.text.substring(0, a) + insert + d.text.substring(b);
                    lsp.change(d.uri, ++d.version, new Range(p, to), insert);
                } else if (kind < 55) {
                    what = "completion";
                    pending.add(s.completion(new CompletionParams(id, p)));
                } else if (kind < 70) {
                    what = "hover";
                    pending.add(s.hover(new HoverParams(id, p)));
                } else if (kind < 78) {
                    what = "formatting";
                    pending.add(s.formatting(new DocumentFormattingParams(id, new FormattingOptions(4, true))));
                } else if (kind < 88) {
                    what = "cancellation";
                    CompletableFuture<?> f = random.nextBoolean() ? s.semanticTokensFull(new SemanticTokensParams(id))
                            : s.completion(new CompletionParams(id, p));
                    f.cancel(true); // sends $/cancelRequest
                    cancelled.add(f);
                } else {
                    what = "other";
                    pending.add(switch (random.nextInt(5)) {
                        case 0 -> s.definition(new DefinitionParams(id, p));
                        case 1 -> s.semanticTokensFull(new SemanticTokensParams(id));
                        case 2 -> s.documentSymbol(new DocumentSymbolParams(id));
                        case 3 -> s.codeLens(new CodeLensParams(id));
                        default -> s.signatureHelp(new SignatureHelpParams(id, p));
                    });
                }
                counts.merge(what, 1, Integer::sum);
                if (pending.size() >= 20 || op == OPERATIONS - 1 || op == warmUp) {
                    for (CompletableFuture<?> f : pending) {
                        try {
                            f.get(LspHarness.TIMEOUT * 3, TimeUnit.MILLISECONDS);
                        } catch (ExecutionException e) {
                            assertTrue(e.getCause() instanceof ResponseErrorException r && r.getResponseError()
                                    .getCode() == ResponseErrorCode.ContentModified.getValue(), e.toString());
                            contentModified++;
                        }
                        answered++;
                    }
                    pending.clear();
                }
                if (op == warmUp) {
                    settle(lsp, docs);
                    afterWarmUp = MemoryTest.usedHeap();
                }
            }
            for (CompletableFuture<?> f : cancelled) {
                // cancelled here first, or answered first (its result, or the server's RequestCancelled)
                try {
                    f.get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
                } catch (CancellationException e) {
                    // the client's own cancellation
                } catch (ExecutionException e) {
                    int code = e.getCause() instanceof ResponseErrorException r ? r.getResponseError().getCode() : 0;
                    assertTrue(code == ResponseErrorCode.RequestCancelled.getValue()
                            || code == ResponseErrorCode.ContentModified.getValue(), e.toString());
                }
                answered++;
            }
            settle(lsp, docs);
            long after = MemoryTest.usedHeap();
            System.out.printf("SoakTest: %d operations %s: %d requests answered (%d ContentModified); heap %d MB "
                    + "after warm-up, %d MB after the soak%n", OPERATIONS, counts, answered, contentModified,
                    afterWarmUp >> 20, after >> 20);
            assertEquals(OPERATIONS - counts.getOrDefault("edit", 0), answered, "every request is answered");
            assertEquals(List.of(), log.problems(), "seed " + SEED);
            assertTrue(after <= 2 * afterWarmUp, "the heap went from " + (afterWarmUp >> 20) + " MB after warm-up to "
                    + (after >> 20) + " MB");
            for (Doc d : docs) lsp.close(d.uri);
        }
    }

    /** Waits until every document's diagnostics are for its last version. */
    private static void settle(LspHarness lsp, List<Doc> docs) throws InterruptedException {
        for (Doc d : docs) {
            int v = d.version;
            lsp.client.await(() -> lsp.client.of(d.uri).stream().anyMatch(p -> p.getVersion() != null
                    && p.getVersion() >= v) ? true : null, LspHarness.TIMEOUT * 6);
        }
    }
}
