package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hielements.check.Outcome;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.Implementation;
import org.hielements.semantics.SourceFile;

/**
 * Code lenses (LSP.md): on each element, and on each pattern its {@code implements} clause names, the checks passed,
 * failed and errored in the last run (marked stale when files changed since); on each top-level element a "Run
 * checks" action and a "Show diagram" one (the command {@value #SHOW_DIAGRAM}: the element's diagram as SVG).
 */
public final class CodeLenses {
    static final String RUN_CHECKS = "hielements.runChecks";
    /** The command of the "Show diagram" lens: arguments the document URI and the element's path. */
    public static final String SHOW_DIAGRAM = "hielements.showDiagram";

    private CodeLenses() {}

    static List<Lens> of(DocumentAnalysis a, Optional<CheckRuns.LastRun> last) {
        List<Lens> out = new ArrayList<>();
        Optional<SourceFile> file = a.file();
        if (file.isEmpty()) return out;
        for (ElementSymbol e : a.model().elements()) {
            if (e.file() != file.get()) continue;
            Range at = Range.of(a.source(), e.nameNode().span());
            if (last.isPresent()) {
                out.add(new Lens(at, counts(last.get(), e.path(), null), null, List.of()));
            }
            if (e.parent() == null) {
                out.add(new Lens(at, "Run checks", RUN_CHECKS, List.of(a.uri())));
                out.add(new Lens(at, "Show diagram", SHOW_DIAGRAM, List.of(a.uri(), e.path())));
            }
            if (last.isPresent()) {
                for (Implementation impl : e.implementations()) {
                    Range clause = Range.of(a.source(), impl.clause().span());
                    out.add(new Lens(clause, "pattern " + impl.pattern().name() + ": "
                            + counts(last.get(), e.path(), impl.pattern().name()), null, List.of()));
                }
            }
        }
        return out;
    }

    /** "2 passed, 1 failed, 0 errored" for an element's outcomes (of one pattern when {@code pattern} is set). */
    private static String counts(CheckRuns.LastRun run, String element, String pattern) {
        int passed = 0;
        int failed = 0;
        int errored = 0;
        for (Outcome o : run.outcomes()) {
            if (!o.element().equals(element)) continue;
            if (pattern != null && !(o.kind() == Outcome.Kind.PATTERN_CHECK && pattern.equals(o.origin()))) continue;
            switch (o.status()) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case ERROR -> errored++;
            }
        }
        String s = passed + failed + errored == 0 ? "no checks"
                : passed + " passed, " + failed + " failed, " + errored + " errored";
        return run.stale() ? s + " (stale)" : s;
    }
}
