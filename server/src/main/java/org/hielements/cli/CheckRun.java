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
        return prepare(group, null);
    }

    /**
     * Parses and analyses the files of {@code group}, with the libraries {@code early} started for it from the raw
     * arguments ({@link EarlyPreloads}), or when null with its workspace's libraries loaded now.
     */
    static Section prepare(Workspaces.Group group, EarlyPreloads.StartedLibraries early) {
        // nothing is started or loaded here: the analysis asks only the libraries the files use
        WorkspaceLibraries libs = early != null ? early.libraries() : WorkspaceLibraries.load(group.root(), false);
        try {
            return prepare(group, libs, early != null ? early.asking() : askPluginsNamed(libs.registry(),
                    group.sources()));
        } catch (RuntimeException | Error e) {
            libs.close();
            throw e;
        }
    }

    private static Section prepare(Workspaces.Group group, WorkspaceLibraries libs, List<Thread> asking) {
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
        awaitAll(asking);
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

    /**
     * Asks each plugin the files name ({@code lib.} or {@code import lib}/{@code from lib}, in their tokens: not in
     * comments or strings) for its documentation, each on a thread of its own, before the analysis does (it needs them
     * all, one after the other): a process plugin then starts while a WASM module loads and the files are parsed. The
     * threads are joined once the model is built: none outlives the preparation.
     */
    static List<Thread> askPluginsNamed(org.hielements.library.LibraryRegistry registry, List<SourceText> sources) {
        // each plugin asked as soon as it is found named
        List<Thread> threads = new ArrayList<>();
        for (org.hielements.library.Library lib : registry.libraries()) {
            if (lib.kind() == org.hielements.library.LibraryKind.BUILTIN) continue;
            for (SourceText s : sources) {
                if (names(s, lib.name())) {
                    Thread t = new Thread(lib::documentation, "hielements-ask-" + lib.name());
                    t.setDaemon(true);
                    t.start();
                    threads.add(t);
                    break;
                }
            }
        }
        return threads;
    }

    /**
     * Whether the tokens of {@code source} use {@code library} as a library: {@code library.} or after an import. The
     * file is lexed only as far as needed: up to the end of the line of the first place its text holds the name, then
     * (while no place found so far is in code) to the next such line at least twice as far, to the end at worst. A
     * prefix ending at a line's end has the tokens of the whole file up to there, unless a string is left open in it
     * (only strings run over lines): then the whole file is lexed.
     */
    static boolean names(SourceText source, String library) {
        String text = source.text();
        int lexed = 0;
        while (true) {
            int at = text.indexOf(library, lexed);
            if (at < 0) return false;
            int end = SourceText.nextLineBreak(text, Math.max(at + library.length(), 2 * lexed));
            if (end >= text.length()) return names(org.hielements.syntax.Lexer.lex(source).tokens(), library);
            org.hielements.syntax.Lexer.Result prefix =
                    org.hielements.syntax.Lexer.lex(new SourceText(source.name(), text.substring(0, end)));
            for (org.hielements.diagnostics.Diagnostic d : prefix.diagnostics()) {
                if (d.code().equals(org.hielements.diagnostics.Code.E018.id())) {
                    return names(org.hielements.syntax.Lexer.lex(source).tokens(), library);
                }
            }
            if (names(prefix.tokens(), library)) return true;
            lexed = end;
        }
    }

    private static boolean names(List<org.hielements.syntax.Token> tokens, String library) {
        for (int i = 0; i < tokens.size(); i++) {
            org.hielements.syntax.Token t = tokens.get(i);
            if (t.kind() != org.hielements.syntax.TokenKind.IDENTIFIER || !library.equals(t.text())) continue;
            if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == org.hielements.syntax.TokenKind.DOT) return true;
            if (i > 0 && (tokens.get(i - 1).kind() == org.hielements.syntax.TokenKind.IMPORT
                    || tokens.get(i - 1).kind() == org.hielements.syntax.TokenKind.FROM)) {
                return true;
            }
        }
        return false;
    }

    private static void awaitAll(List<Thread> threads) {
        for (Thread t : threads) com.google.common.util.concurrent.Uninterruptibles.joinUninterruptibly(t);
    }

    /** Runs the checks of a prepared section. */
    static void run(Section section, String filter, int limit, ProgressListener progress, Consumer<String> verbose) {
        run(section, filter, limit, progress, verbose, null);
    }

    /** Runs the checks of a prepared section, reusing and keeping outcomes in {@code cache} (null: none). */
    static void run(Section section, String filter, int limit, ProgressListener progress, Consumer<String> verbose,
            org.hielements.check.CheckCache cache) {
        if (verbose != null) verbose.accept("[verbose] Workspace directory: " + section.root);
        RunOptions options = RunOptions.defaults().withFilter(filter).withLimit(limit).withProgress(progress)
                .withVerbose(verbose);
        section.result = section.evaluator.run(options, cache);
    }
}
