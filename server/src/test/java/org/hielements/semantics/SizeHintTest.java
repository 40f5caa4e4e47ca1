package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hielements.bench.WorkspaceGenerator;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;

/**
 * An analyzer starts each model's tables at the sizes of its previous model of the same roots, and plans connection
 * checks on first use: neither may change a model. Models built after a bigger and after a smaller model of the same
 * file equal those of a fresh analyzer.
 */
class SizeHintTest {
    private static final Path FILE = Fixture.ROOT.resolve("big.hie");

    private static SemanticModel fresh(String text) {
        return new Analyzer(Fixture.BUILTINS, SourceProvider.disk(Fixture.ROOT), Fixture.ROOT)
                .analyze(FILE, new SourceText("big.hie", text));
    }

    private static List<String> render(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.code() + "@" + d.span().start() + "-" + d.span().end() + " " + d.message())
                .toList();
    }

    private static void assertSameModel(SemanticModel expected, SemanticModel actual) {
        assertEquals(render(expected.diagnostics()), render(actual.diagnostics()));
        assertEquals(expected.index().size(), actual.index().size());
        assertEquals(expected.index().symbols().stream().map(Symbol::qualifiedName).toList(),
                actual.index().symbols().stream().map(Symbol::qualifiedName).toList());
        assertEquals(expected.graph().nodes().size(), actual.graph().nodes().size());
        assertEquals(expected.connectionPlan().connectionRuns().size(),
                actual.connectionPlan().connectionRuns().size());
        assertEquals(expected.connectionPlan().elementRuns().size(), actual.connectionPlan().elementRuns().size());
    }

    @Test
    void modelsAfterABiggerOrSmallerModelOfTheSameRootsEqualFreshOnes() {
        String small = WorkspaceGenerator.singleFile(400);
        String big = WorkspaceGenerator.singleFile(3000);
        SemanticModel smallFresh = fresh(small);
        SemanticModel bigFresh = fresh(big);
        assertTrue(bigFresh.index().size() > smallFresh.index().size() * 3, "the generator makes bigger models");
        assertTrue(bigFresh.connectionPlan().connectionRuns().size() + bigFresh.connectionPlan().elementRuns().size()
                > 0, "the generated file has connection checks to plan");

        Analyzer analyzer = new Analyzer(Fixture.BUILTINS, SourceProvider.disk(Fixture.ROOT), Fixture.ROOT);
        analyzer.analyze(FILE, new SourceText("big.hie", big));
        assertSameModel(smallFresh, analyzer.analyze(FILE, new SourceText("big.hie", small)));
        assertSameModel(bigFresh, analyzer.analyze(FILE, new SourceText("big.hie", big)));
        assertSameModel(bigFresh, analyzer.analyze(FILE, new SourceText("big.hie", big + "\n")));
    }

    @Test
    void theConnectionPlanIsMadeOnceAndKept() {
        SemanticModel m = fresh(WorkspaceGenerator.singleFile(400));
        assertTrue(m.connectionPlan() == m.connectionPlan());
    }
}
