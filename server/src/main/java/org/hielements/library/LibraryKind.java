package org.hielements.library;

/** Where a library's code runs. */
public enum LibraryKind {
    /** In this JVM: {@code files}, {@code python}, {@code rust}. */
    BUILTIN,
    /** An external process speaking JSON-RPC over stdio. */
    PROCESS,
    /** A WASM module run by Chicory in the sandbox. */
    WASM
}
