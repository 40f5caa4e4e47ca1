package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.LibraryRegistry;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;

/** In-memory workspaces for semantic tests: files under {@code /ws}, built-in libraries known. */
final class Fixture {
    static final Path ROOT = Path.of("/ws").toAbsolutePath();
    static final KnownLibraries BUILTINS = KnownLibraries.of(LibraryRegistry.withBuiltins());

    private final Map<Path, SourceText> files = new LinkedHashMap<>();
    private KnownLibraries libraries = BUILTINS;
    private boolean allowSyntaxErrors;

    static Fixture of(String name, String text) {
        return new Fixture().file(name, text);
    }

    Fixture file(String name, String text) {
        files.put(ROOT.resolve(name).normalize(), new SourceText(name, text));
        return this;
    }

    /** Let files with syntax errors through (otherwise {@link #analyze} fails on them). */
    Fixture allowSyntaxErrors() {
        this.allowSyntaxErrors = true;
        return this;
    }

    Fixture libraries(KnownLibraries libs) {
        this.libraries = libs;
        return this;
    }

    SourceProvider provider() {
        return p -> Optional.ofNullable(files.get(p.toAbsolutePath().normalize()));
    }

    /** Analyses the named files as roots (all files when none are named). */
    SemanticModel analyze(String... roots) {
        Analyzer analyzer = new Analyzer(libraries, provider(), ROOT, Parser::parse);
        List<Path> paths = new ArrayList<>();
        if (roots.length == 0) paths.addAll(files.keySet());
        for (String r : roots) paths.add(ROOT.resolve(r).normalize());
        SemanticModel model = analyzer.analyzeFiles(paths);
        if (!allowSyntaxErrors) {
            for (SourceFile f : model.files()) {
                for (Diagnostic d : f.parse().diagnostics()) {
                    if (d.isError()) throw new AssertionError("syntax error in fixture: " + render(d));
                }
            }
        }
        return model;
    }

    /** Diagnostics as {@code CODE line:col text-at-span message} lines (1-based, for readable assertions). */
    static List<String> render(SemanticModel model) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : model.diagnostics()) out.add(render(d));
        return out;
    }

    static String render(Diagnostic d) {
        SourceText s = d.source();
        return d.code() + " " + s.name() + ":" + s.cliLine(d.span().start()) + ":" + s.cliColumn(d.span().start())
                + " [" + s.text().substring(d.span().start(), d.span().end()) + "] " + d.message();
    }

    static List<String> codes(SemanticModel model) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : model.diagnostics()) out.add(d.code());
        return out;
    }
}
