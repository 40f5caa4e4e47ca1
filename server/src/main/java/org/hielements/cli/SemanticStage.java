package org.hielements.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.config.ConfigEntry;
import org.hielements.library.config.ConfigLoader;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.semantics.SourceProvider;
import org.hielements.syntax.ParseResult;

/**
 * The semantic model's part of {@code hielements check}: every file of one run (all the files and folders named on
 * the command line) forms one model with the files they import; each file's result gets the model's diagnostics after
 * its syntax ones, and each imported file not named on the command line gets a result of its own, after the others.
 */
final class SemanticStage {
    private SemanticStage() {}

    /**
     * @param results        the parsed files, as {@link Validation} gave them
     * @param workspaceRoot  where {@code import a.b} also looks for {@code a/b.hie}, and whose {@code hielements.toml}
     *                       names the configured plugins
     */
    static List<Validation.FileResult> apply(List<Validation.FileResult> results, Path workspaceRoot) {
        return apply(results, workspaceRoot, libraries(workspaceRoot));
    }

    static List<Validation.FileResult> apply(List<Validation.FileResult> results, Path workspaceRoot,
            KnownLibraries libraries) {
        Map<Path, ParseResult> roots = new LinkedHashMap<>();
        for (Validation.FileResult r : results) {
            roots.putIfAbsent(Path.of(r.source().name()).toAbsolutePath().normalize(), r.parse());
        }
        Path cwd = Path.of("").toAbsolutePath();
        SemanticModel model = new Analyzer(libraries, SourceProvider.disk(cwd), workspaceRoot).analyze(roots);
        List<Validation.FileResult> out = new ArrayList<>();
        // by identity: a ParseResult is a record holding the whole tree, whose hash walks every node of it
        Set<ParseResult> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Validation.FileResult r : results) {
            seen.add(r.parse());
            List<Diagnostic> all = new ArrayList<>(r.diagnostics());
            model.file(r.source()).ifPresent(f -> all.addAll(model.diagnostics(f)));
            out.add(new Validation.FileResult(r.source(), r.parse(), all));
        }
        for (SourceFile f : model.files()) {
            if (seen.contains(f.parse())) continue;
            List<Diagnostic> all = new ArrayList<>(f.parse().diagnostics());
            all.addAll(model.diagnostics(f));
            out.add(new Validation.FileResult(f.source(), f.parse(), all));
        }
        return out;
    }

    /**
     * The built-in libraries with their function lists, and the plugins configured in the workspace's
     * {@code hielements.toml} by name only (validating does not start them, so their functions are not checked).
     */
    static KnownLibraries libraries(Path workspaceRoot) {
        Map<String, LibraryDoc> known = new HashMap<>();
        LibraryRegistry builtins = LibraryRegistry.withBuiltins();
        for (Library lib : builtins.libraries()) known.put(lib.name(), lib.knownFunctions().orElse(null));
        for (String bundled : org.hielements.library.config.Libraries.BUNDLED.keySet()) known.put(bundled, null);
        for (ConfigEntry e : ConfigLoader.load(workspaceRoot).entries()) {
            if (e.loadable()) known.putIfAbsent(e.name(), null);
        }
        return KnownLibraries.of(known);
    }
}
