package org.hielements.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Library;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.TestFiles;
import org.hielements.library.Workspace;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.semantics.SourceProvider;
import org.hielements.text.SourceText;

/** A workspace on disk with {@code .hie} files, analysed and run with the built-ins (and extra test libraries). */
final class CheckFixture {
    final Path root;
    final LibraryRegistry registry = LibraryRegistry.withBuiltins();
    private final List<Path> roots = new ArrayList<>();
    SemanticModel model;

    CheckFixture(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CheckFixture file(String relative, String content) {
        TestFiles.write(root, relative, content);
        return this;
    }

    /** A {@code .hie} file that is a root of the run. */
    CheckFixture hie(String relative, String content) {
        roots.add(TestFiles.write(root, relative, content));
        return this;
    }

    CheckFixture library(Library lib) {
        if (registry.register(lib).isPresent()) throw new AssertionError("cannot register " + lib.name());
        return this;
    }

    SemanticModel analyze() {
        Analyzer analyzer = new Analyzer(KnownLibraries.of(registry), SourceProvider.disk(root), root);
        model = analyzer.analyzeFiles(roots);
        for (SourceFile f : model.files()) {
            for (Diagnostic d : f.parse().diagnostics()) {
                if (d.isError()) throw new AssertionError("syntax error in fixture: " + render(d));
            }
        }
        return model;
    }

    RunResult run() {
        return run(RunOptions.defaults());
    }

    RunResult run(RunOptions options) {
        if (model == null) analyze();
        return new Evaluator(model, registry, Workspace.of(root)).run(options);
    }

    /** {@code STATUS element :: check} plus {@code  --> message [code] @file:line:col [text]} when not passed. */
    static List<String> rows(RunResult r) {
        List<String> out = new ArrayList<>();
        for (Outcome o : r.outcomes()) out.add(row(o));
        return out;
    }

    static String row(Outcome o) {
        StringBuilder sb = new StringBuilder(o.status().name()).append(' ').append(o.element()).append(" :: ")
                .append(o.check());
        if (o.origin() != null) sb.append(" (").append(o.origin()).append(')');
        if (!o.passed()) {
            sb.append(" --> ").append(o.message()).append(" [").append(o.code()).append("] @")
                    .append(at(o.source(), o.span().start())).append(" [").append(text(o.source(), o.span()))
                    .append(']');
        }
        return sb.toString();
    }

    static String render(Diagnostic d) {
        return d.code() + " @" + at(d.source(), d.span().start()) + " [" + text(d.source(), d.span()) + "] "
                + d.message();
    }

    static List<String> diagnostics(List<Diagnostic> ds) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : ds) out.add(render(d));
        return out;
    }

    static String at(SourceText s, int offset) {
        return s.name() + ":" + s.cliLine(offset) + ":" + s.cliColumn(offset);
    }

    static String text(SourceText s, org.hielements.text.Span span) {
        String t = s.text().substring(span.start(), span.end());
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + "...";
    }

    /** Semantic diagnostics of the model (to show a fixture is statically clean). */
    List<String> staticDiagnostics() {
        return diagnostics(model.diagnostics());
    }

    static Map<String, Integer> counts(RunResult r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("total", r.total());
        m.put("passed", (int) r.passed());
        m.put("failed", (int) r.failed());
        m.put("errors", (int) r.errors());
        m.put("skipped", r.skipped());
        return m;
    }

    static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
