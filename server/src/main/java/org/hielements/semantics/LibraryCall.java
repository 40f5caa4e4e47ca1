package org.hielements.semantics;

import org.hielements.library.FunctionKind;
import org.hielements.syntax.Ast;

/**
 * A call {@code lib.f(args)} whose callee names a library (directly or through an import alias): the library by its
 * real name, the function, and how it is used (as a check: the top-level call of a {@code check} statement or of a
 * connection check body; as a selector: everywhere else).
 */
public record LibraryCall(Ast.Call call, LibrarySymbol library, FunctionSymbol function, FunctionKind usedAs) {
    /** The library's real name, the registry key ({@code files}, not an alias). */
    public String libraryName() {
        return library.name();
    }

    public String functionName() {
        return function.name();
    }
}
