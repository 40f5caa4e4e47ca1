package org.hielements.semantics;

import java.util.Optional;
import org.hielements.library.FunctionDoc;
import org.hielements.library.FunctionKind;

/** A function {@code lib.f} as written in a call; {@link #doc()} is empty when the library's list is unknown. */
public final class FunctionSymbol implements Symbol {
    private final LibrarySymbol library;
    private final String name;
    private final FunctionKind functionKind;
    private final FunctionDoc doc;

    FunctionSymbol(LibrarySymbol library, String name, FunctionKind functionKind, FunctionDoc doc) {
        this.library = library;
        this.name = name;
        this.functionKind = functionKind;
        this.doc = doc;
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.FUNCTION;
    }

    public LibrarySymbol library() {
        return library;
    }

    @Override
    public String name() {
        return name;
    }

    /** Selector or check, when the library documents the function; empty otherwise. */
    public Optional<FunctionKind> functionKind() {
        return Optional.ofNullable(functionKind);
    }

    public Optional<FunctionDoc> doc() {
        return Optional.ofNullable(doc);
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.empty();
    }

    @Override
    public String qualifiedName() {
        return library.name() + "." + name;
    }

    @Override
    public String toString() {
        return "function " + qualifiedName();
    }
}
