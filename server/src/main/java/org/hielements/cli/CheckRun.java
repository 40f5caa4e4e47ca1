package org.hielements.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hielements.check.Evaluator;
import org.hielements.check.ProgressListener;
import org.hielements.check.RunOptions;
import org.hielements.check.RunResult;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.DiagnosticCap;
import org.hielements.library.Workspace;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;

/**
 * What {@code hielements check} (and {@code run}) does to the files of one workspace: load the workspace's libraries,
 * parse the files, build one semantic model of them and the files they import, then run the checks.
 */
final class CheckRun {
    private CheckRun() {}

    /**
     * One workspace of a run: its root, its libraries (open until the command closes them), the model, the static
     * diagnostics (hielements.toml first, then each file given in order, syntax then semantics, then each imported
     * file), and the result of the run (null before {@link #run}).
     */
    static final class Section implements AutoCloseable {
        final Path root;
        final WorkspaceLibraries libraries;
        final List<SourceText> sources;
        final SemanticModel model;
        final List<Diagnostic> staticDiagnostics;
        final Evaluator evaluator;
        RunResult result;
        /** The run compared with the workspace's baseline; null when there is none (or it is ignored). */
        org.hielements.baseline.Comparison baseline;

        Section(Path root, WorkspaceLibraries libraries, List<SourceText> sources, SemanticModel model,
                List<Diagnostic> staticDiagnostics) {
            this.root = root;
            this.libraries = libraries;
            this.sources = sources;
            this.model = model;
            this.staticDiagnostics = staticDiagnostics;
            this.evaluator = new Evaluator(model, libraries.registry(), Workspace.of(root));
        }

        /**
         * Every diagnostic of the section: static ones, then those found while running; at most
         * {@link DiagnosticCap#PER_FILE} per file, then a note counting the others.
         */
        List<Diagnostic> diagnostics() {
            List<Diagnostic> all = new ArrayList<>(staticDiagnostics);
            if (result != null) all.addAll(result.diagnostics());
            return DiagnosticCap.capPerFile(all);
        }

        /** The diagnostics found while running, capped per file as {@link #diagnostics()}. */
        List<Diagnostic> runDiagnostics() {
            return result == null ? List.of() : DiagnosticCap.capPerFile(result.diagnostics());
        }

        @Override
        public void close() {
            libraries.close();
        }
    }

    /** Loads the libraries of {@code group}'s workspace, parses and analyses its files. */
    static Section prepare(Workspaces.Group group) {
        // nothing is started or loaded here: the analysis asks only the libraries the files use
        WorkspaceLibraries libs = WorkspaceLibraries.load(group.root(), false);
        Map<Path, ParseResult> roots = new LinkedHashMap<>();
        List<ParseResult> parses = new ArrayList<>();
        for (SourceText s : group.sources()) {
            ParseResult p = Parser.parse(s);
            parses.add(p);
            roots.putIfAbsent(Path.of(s.name()).toAbsolutePath().normalize(), p);
        }
        Path cwd = Path.of("").toAbsolutePath();
        SemanticModel model = new Analyzer(KnownLibraries.describing(libs.registry()),
                org.hielements.semantics.SourceProvider.disk(cwd), group.root()).analyze(roots);
        List<Diagnostic> diagnostics = new ArrayList<>(libs.diagnostics());
        Set<SourceFile> seen = new HashSet<>();
        for (ParseResult p : parses) {
            SourceFile f = model.file(p.source()).orElse(null);
            if (f == null || !seen.add(f)) continue;
            diagnostics.addAll(f.parse().diagnostics());
            diagnostics.addAll(model.diagnostics(f));
        }
        for (SourceFile f : model.files()) {
            if (!seen.add(f)) continue;
            diagnostics.addAll(f.parse().diagnostics());
            diagnostics.addAll(model.diagnostics(f));
        }
        return new Section(group.root(), libs, group.sources(), model, DiagnosticCap.capPerFile(diagnostics));
    }

    /** Runs the checks of a prepared section. */
    static void run(Section section, String filter, int limit, ProgressListener progress, Consumer<String> verbose) {
        if (verbose != null) verbose.accept("[verbose] Workspace directory: " + section.root);
        RunOptions options = RunOptions.defaults().withFilter(filter).withLimit(limit).withProgress(progress)
                .withVerbose(verbose);
        section.result = section.evaluator.run(options);
    }
}
