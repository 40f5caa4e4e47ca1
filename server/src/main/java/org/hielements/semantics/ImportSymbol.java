package org.hielements.semantics;

import java.util.Optional;
import org.hielements.syntax.Ast;

/**
 * The name an {@code import} makes visible in its file: the alias of {@code import x as y}, or else the library name
 * or the last segment of a file import's path. Its {@link #target()} is a {@link LibrarySymbol} or a
 * {@link FileSymbol}.
 */
public final class ImportSymbol implements Symbol {
    private final SourceFile file;
    private final Ast.Import node;
    private final String name;
    private final Ast.Name declaredName;
    private final Symbol target;

    ImportSymbol(SourceFile file, Ast.Import node, String name, Ast.Name declaredName, Symbol target) {
        this.file = file;
        this.node = node;
        this.name = name;
        this.declaredName = declaredName;
        this.target = target;
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.IMPORT;
    }

    @Override
    public String name() {
        return name;
    }

    public Ast.Import node() {
        return node;
    }

    public SourceFile file() {
        return file;
    }

    /** A {@link LibrarySymbol} or a {@link FileSymbol}. */
    public Symbol target() {
        return target;
    }

    /** True when {@link #target()} is a library. */
    public boolean isLibrary() {
        return target instanceof LibrarySymbol;
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.of(new Location(file, declaredName.span(), node.span()));
    }

    @Override
    public String qualifiedName() {
        return name;
    }

    @Override
    public String toString() {
        return "import " + name + " -> " + target.qualifiedName();
    }
}
