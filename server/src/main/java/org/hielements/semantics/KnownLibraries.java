package org.hielements.semantics;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryRegistry;

/**
 * The libraries the analysis knows without any import: built-ins and configured plugins, each with its function list
 * when that is known. The command line and the language server pass their registry ({@link #of(LibraryRegistry)});
 * tests pass a map.
 */
public interface KnownLibraries {

    /** Whether {@code name} is a built-in or configured library. */
    boolean isKnown(String name);

    /**
     * The functions of library {@code name} when known; empty when the library is unknown or its list is not known
     * (then no E206/E207/E208 is reported for it).
     */
    Optional<LibraryDoc> functions(String name);

    /** The libraries of a registry, with {@link Library#knownFunctions()} (never starts a plugin). */
    static KnownLibraries of(LibraryRegistry registry) {
        return over(registry, Library::knownFunctions);
    }

    /**
     * The libraries of a registry, each asked for its documentation the first time the analysis needs its functions
     * (a WASM module is loaded, a process plugin started): only the libraries the files use are ever asked. What
     * {@code hielements check} uses, where running the plugins is the point.
     */
    static KnownLibraries describing(LibraryRegistry registry) {
        return over(registry, lib -> {
            lib.documentation();
            return lib.knownFunctions();
        });
    }

    private static KnownLibraries over(LibraryRegistry registry,
            java.util.function.Function<Library, Optional<LibraryDoc>> functionsOf) {
        return new KnownLibraries() {
            @Override
            public boolean isKnown(String name) {
                return registry.has(name);
            }

            @Override
            public Optional<LibraryDoc> functions(String name) {
                return registry.get(name).flatMap(functionsOf);
            }
        };
    }

    /** Fixed libraries: name to function list (an entry mapped to null is a library with an unknown list). */
    static KnownLibraries of(Map<String, LibraryDoc> libraries) {
        Map<String, LibraryDoc> copy = Collections.unmodifiableMap(new TreeMap<>(libraries));
        return new KnownLibraries() {
            @Override
            public boolean isKnown(String name) {
                return copy.containsKey(name);
            }

            @Override
            public Optional<LibraryDoc> functions(String name) {
                return Optional.ofNullable(copy.get(name));
            }
        };
    }

    /** No library at all. */
    static KnownLibraries none() {
        return of(Map.of());
    }
}
