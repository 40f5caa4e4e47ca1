package org.hielements.semantics;

import java.nio.file.Path;
import java.util.Objects;
import org.hielements.syntax.Ast;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;

/**
 * One {@code .hie} file of a model: its absolute normalized path (its identity), its text and tree, and whether it was
 * asked for ({@link #isRoot()}) or only reached through an import.
 */
public final class SourceFile {
    private final Path path;
    private final ParseResult parse;
    private final boolean root;
    /** Position in the model's file order (path order), for cheap sorting. */
    int ordinal;

    SourceFile(Path path, ParseResult parse, boolean root) {
        this.path = Objects.requireNonNull(path);
        this.parse = Objects.requireNonNull(parse);
        this.root = root;
    }

    /** Absolute, normalized. */
    public Path path() {
        return path;
    }

    public ParseResult parse() {
        return parse;
    }

    public SourceText source() {
        return parse.source();
    }

    public Ast.File ast() {
        return parse.file();
    }

    /** True for a file given to the analysis, false for one loaded only because another file imports it. */
    public boolean isRoot() {
        return root;
    }

    /** The name users see (the {@link SourceText} name). */
    public String name() {
        return parse.source().name();
    }

    @Override
    public String toString() {
        return name();
    }
}
