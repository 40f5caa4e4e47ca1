package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.hielements.syntax.RobustnessTest;
import org.junit.jupiter.api.Test;

/**
 * Every feature asked at random places of randomly broken documents (mutations of the upstream examples), between
 * random edits: every request is answered, and nothing is logged as a problem. Seeded: a failure names its seed.
 */
class FeatureFuzzTest extends LspTestBase {
    private static final long SEED = 20261126L;
    private static final int DOCUMENTS = 60;

    @Test
    void everyFeatureAnswersOnBrokenDocumentsWithoutAProblem() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        Path corpus = Path.of(System.getProperty("hielements.fixtures", "../test-fixtures")).resolve("corpus");
        try (Stream<Path> s = Files.list(corpus)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".hie")).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        assertTrue(seeds.size() >= 10, "corpus at " + corpus);
        Random random = new Random(SEED);
        TextDocumentService docs = lsp.remote.getTextDocumentService();
        int requests = 0;
        try (LogRecorder log = LogRecorder.install()) {
            for (int d = 0; d < DOCUMENTS; d++) {
                byte[] bytes = seeds.get(random.nextInt(seeds.size()));
                for (int k = random.nextInt(3); k > 0; k--) bytes = RobustnessTest.mutate(bytes, random);
                String text = new String(bytes, StandardCharsets.UTF_8);
                String uri = lsp.open(freshName(), text);
                TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
                int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
                int version = 1;
                for (int round = 0; round < 3; round++) {
                    List<CompletableFuture<?>> answers = new ArrayList<>();
                    List<CompletableFuture<?>> renames = new ArrayList<>();
                    for (int r = 0; r < 6; r++) {
                        Position p = new Position(random.nextInt(lines + 2), random.nextInt(60));
                        Range range = new Range(p, new Position(p.getLine() + random.nextInt(3), random.nextInt(60)));
                        answers.add(docs.completion(new CompletionParams(id, p)));
                        answers.add(docs.hover(new HoverParams(id, p)));
                        answers.add(docs.signatureHelp(new SignatureHelpParams(id, p)));
                        answers.add(docs.definition(new DefinitionParams(id, p)));
                        answers.add(docs.references(new ReferenceParams(id, p, new ReferenceContext(true))));
                        answers.add(docs.prepareRename(new PrepareRenameParams(id, p)));
                        renames.add(docs.rename(new RenameParams(id, p, "renamed_" + r)));
                        answers.add(docs.codeAction(new CodeActionParams(id, range, new CodeActionContext(List.of()))));
                    }
                    answers.add(docs.documentSymbol(new DocumentSymbolParams(id)));
                    answers.add(docs.semanticTokensFull(new SemanticTokensParams(id)));
                    answers.add(docs.foldingRange(new FoldingRangeRequestParams(id)));
                    answers.add(docs.codeLens(new CodeLensParams(id)));
                    answers.add(docs.formatting(new DocumentFormattingParams(id, new FormattingOptions(4, true))));
                    answers.add(lsp.remote.getWorkspaceService().symbol(new WorkspaceSymbolParams("a")));
                    for (CompletableFuture<?> a : answers) {
                        a.get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
                        requests++;
                    }
                    for (CompletableFuture<?> a : renames) {
                        try {
                            a.get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
                        } catch (java.util.concurrent.ExecutionException e) {
                            // where nothing can be renamed, the answer is an error the editor shows
                            assertTrue(e.getCause() instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException,
                                    e.toString());
                        }
                        requests++;
                    }
                    // a random edit, sometimes reaching past the end of the text
                    Position from = new Position(random.nextInt(lines + 1), random.nextInt(40));
                    Position to = new Position(from.getLine() + random.nextInt(2), random.nextInt(40));
                    if (to.getLine() == from.getLine() && to.getCharacter() < from.getCharacter()) to = from;
                    String[] inserts = {"", "\n", "x", "    check files.", "(", "'", "{\n", "}", "scope s = "};
                    lsp.change(uri, ++version, new Range(from, to), inserts[random.nextInt(inserts.length)]);
                }
                lsp.close(uri);
            }
            assertEquals(List.of(), log.problems(), "seed " + SEED);
        }
        assertTrue(requests > DOCUMENTS * 3 * 50, "requests answered: " + requests);
    }
}
