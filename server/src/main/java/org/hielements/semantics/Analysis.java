package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;

/**
 * One run of the semantic analysis over a set of root files and what they import. Not thread-safe; used once.
 *
 * <p>Phases: load files (following imports), declare symbols, link imports, resolve {@code implements} and bindings,
 * resolve every expression, check requirements, build the dependency graph (connection checks are planned on first
 * use, see {@link #plan()}). Every phase is
 * linear in the size of the files (lookups are hash lookups along the lexical chain). Each phase is a class of its own
 * file, from {@link LoadPhase} to {@link ConnectionPhase}, each extending the one before it, over the tables of
 * {@link AnalysisState}; this class drives them ({@link #run}).
 */
final class Analysis extends ConnectionPhase {
    Analysis(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser) {
        this(known, sources, workspaceRoot, parser, Sizes.NONE);
    }

    /**
     * With the sizes of a previous run of the same workspace: the big tables start at that size, so a rebuild per
     * keystroke does not grow (rehash and copy) them step by step from empty.
     */
    Analysis(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        super(known, sources, workspaceRoot, parser, hint);
    }

    // ============================================================================================ driver

    /** Nanoseconds spent in each phase of the last {@link #run}, in order (for benchmarks). */
    final Map<String, Long> phaseNanos = new LinkedHashMap<>();
    private long phaseStart;

    private void phase(String name) {
        long now = System.nanoTime();
        phaseNanos.put(name, now - phaseStart);
        phaseStart = now;
    }

    void run(Map<Path, ParseResult> roots) {
        phaseStart = System.nanoTime();
        load(roots);
        phase("load");
        for (SourceFile f : files) declareFile(f);
        phase("declare");
        for (SourceFile f : files) linkImports(f);
        importCycles();
        phase("imports");
        implementsClauses();
        bindings();
        phase("patterns");
        resolveAll();
        phase("resolve");
        new Requirements(this).checkAll();
        phase("requirements");
        buildGraph();
        phase("graph");
        index.freeze();
        phase("index");
    }

    List<Diagnostic> sortedDiagnostics() {
        List<Diagnostic> out = new ArrayList<>(diagnostics);
        out.sort(DIAGNOSTIC_ORDER);
        return out;
    }

    static final Comparator<Diagnostic> DIAGNOSTIC_ORDER = Comparator
            .comparing((Diagnostic d) -> d.source().name())
            .thenComparingInt(d -> d.span().start())
            .thenComparingInt(d -> d.span().end())
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);
}
