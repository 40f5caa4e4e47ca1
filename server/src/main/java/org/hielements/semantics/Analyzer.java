package org.hielements.semantics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;

/**
 * Builds {@link SemanticModel}s. One analyzer per workspace: it keeps the parse of each imported file and parses it
 * again only when its text changed, so rebuilding the model on every keystroke costs the parse of the edited file
 * plus a linear walk of the model. Thread-safe.
 *
 * <pre>{@code
 * Analyzer analyzer = new Analyzer(KnownLibraries.of(registry), SourceProvider.disk(cwd), workspaceRoot);
 * SemanticModel model = analyzer.analyze(Map.of(path, parseResult));
 * }</pre>
 */
public final class Analyzer {
    private final KnownLibraries libraries;
    private final SourceProvider sources;
    private final Path workspaceRoot;
    private final Function<SourceText, ParseResult> parser;
    private final Map<Path, ParseResult> parsed = new ConcurrentHashMap<>();
    /**
     * The table sizes of the last model built for each set of roots (a capacity hint for the next model of the same
     * roots: an edit changes them little). Bounded: forgotten all at once past {@link #MAX_SIZE_HINTS} root sets.
     */
    private final Map<java.util.Set<Path>, Analysis.Sizes> lastSizes = new ConcurrentHashMap<>();
    private static final int MAX_SIZE_HINTS = 64;

    /**
     * @param libraries     built-in and configured libraries
     * @param sources       where imported files are read (editor buffers first, in the language server)
     * @param workspaceRoot where {@code import a.b} also looks for {@code a/b.hie}; null for none
     * @param parser        the parser ({@code Parser::parse})
     */
    public Analyzer(KnownLibraries libraries, SourceProvider sources, Path workspaceRoot,
            Function<SourceText, ParseResult> parser) {
        this.libraries = Objects.requireNonNull(libraries);
        this.sources = Objects.requireNonNull(sources);
        this.workspaceRoot = workspaceRoot == null ? null : workspaceRoot.toAbsolutePath().normalize();
        this.parser = Objects.requireNonNull(parser);
    }

    /** An analyzer using the {@link Parser}. */
    public Analyzer(KnownLibraries libraries, SourceProvider sources, Path workspaceRoot) {
        this(libraries, sources, workspaceRoot, Parser::parse);
    }

    /**
     * The model of {@code roots} (file path to its parse, already done by the caller) and every file they import,
     * transitively. The order of the map does not matter: files are processed in path order.
     */
    public SemanticModel analyze(Map<Path, ParseResult> roots) {
        java.util.Set<Path> key = java.util.Set.copyOf(roots.keySet());
        Analysis.Sizes hint = lastSizes.get(key);
        if (hint == null) hint = Analysis.Sizes.estimate(roots.values());
        Analysis analysis = new Analysis(libraries, sources, workspaceRoot, this::parseAt, hint);
        analysis.run(roots);
        if (lastSizes.size() >= MAX_SIZE_HINTS) lastSizes.clear();
        lastSizes.put(key, analysis.sizes());
        return new SemanticModel(analysis);
    }

    /** Reads (through the source provider) and parses {@code roots}, then analyses them; unreadable ones are skipped. */
    public SemanticModel analyzeFiles(List<Path> roots) {
        Map<Path, ParseResult> parsedRoots = new LinkedHashMap<>();
        for (Path p : roots) {
            Path n = p.toAbsolutePath().normalize();
            Optional<SourceText> text = sources.read(n);
            text.ifPresent(t -> parsedRoots.put(n, parseAt(n, t)));
        }
        return analyze(parsedRoots);
    }

    /** One root given as text (tests, editors). */
    public SemanticModel analyze(Path path, SourceText text) {
        Path n = path.toAbsolutePath().normalize();
        return analyze(Map.of(n, parseAt(n, text)));
    }

    private ParseResult parseAt(Path path, SourceText text) {
        ParseResult previous = parsed.get(path);
        if (previous != null && previous.source().text().equals(text.text())
                && previous.source().name().equals(text.name())) {
            return previous;
        }
        ParseResult r = parser.apply(text);
        parsed.put(path, r);
        return r;
    }
}
