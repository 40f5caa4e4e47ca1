package org.hielements.semantics;

import java.util.Optional;
import org.hielements.text.Span;

/** A {@code .hie} file as the namespace an import qualifier stands for. */
public final class FileSymbol implements Symbol {
    private final SourceFile file;

    FileSymbol(SourceFile file) {
        this.file = file;
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.FILE;
    }

    public SourceFile file() {
        return file;
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.of(new Location(file, Span.at(0), file.ast().span()));
    }

    @Override
    public String qualifiedName() {
        return file.name();
    }

    @Override
    public String toString() {
        return "file " + file.name();
    }
}
