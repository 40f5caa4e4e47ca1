package org.hielements.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.hielements.library.builtin.Builtins;

/**
 * The libraries of a workspace by name. {@link #withBuiltins()} registers {@code files}, {@code python} and
 * {@code rust}; plugins are added with {@link #register(Library)}. A plugin whose name is already taken (a built-in
 * or another plugin) is refused: the library already there wins, and the caller reports the returned error.
 */
public final class LibraryRegistry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LibraryRegistry.class.getName());

    /** Code of the error returned when a library name is already registered. */
    public static final String SHADOWING_CODE = "E515";

    private final TreeMap<String, Library> libraries = new TreeMap<>();

    private LibraryRegistry() {
    }

    /** A registry with no library at all. */
    public static LibraryRegistry empty() {
        return new LibraryRegistry();
    }

    /** A registry holding the built-ins {@code files}, {@code python}, {@code rust}. */
    public static LibraryRegistry withBuiltins() {
        LibraryRegistry r = new LibraryRegistry();
        for (Library lib : Builtins.all()) r.libraries.put(lib.name(), lib);
        return r;
    }

    /**
     * Adds {@code library}; refused (and returned as an error, E515) when its name is taken. The library already
     * registered stays in place; the refused one is not closed (its owner still holds it).
     */
    public synchronized Optional<LibraryError> register(Library library) {
        Library existing = libraries.get(library.name());
        if (existing != null) {
            String message = existing.kind() == LibraryKind.BUILTIN
                    ? "Library '" + library.name() + "' shadows a built-in library; the built-in '" + existing.name()
                            + "' is used"
                    : "Library '" + library.name() + "' is already registered; the first one is used";
            LibraryError err = new LibraryError(SHADOWING_CODE, message);
            LOG.log(Level.FINE, "refused library {0}: {1}", new Object[] {library.name(), err.message()});
            return Optional.of(err);
        }
        libraries.put(library.name(), library);
        return Optional.empty();
    }

    /** Removes and closes a plugin (built-ins cannot be removed); returns whether something was removed. */
    public synchronized boolean unregister(String name) {
        Library lib = libraries.get(name);
        if (lib == null || lib.kind() == LibraryKind.BUILTIN) return false;
        libraries.remove(name);
        lib.close();
        return true;
    }

    public synchronized Optional<Library> get(String name) {
        return Optional.ofNullable(libraries.get(name));
    }

    public synchronized boolean has(String name) {
        return libraries.containsKey(name);
    }

    public synchronized boolean isBuiltin(String name) {
        Library lib = libraries.get(name);
        return lib != null && lib.kind() == LibraryKind.BUILTIN;
    }

    /** Every registered name, sorted. */
    public synchronized List<String> names() {
        return new ArrayList<>(libraries.keySet());
    }

    /** Every registered library, sorted by name. */
    public synchronized List<Library> libraries() {
        return new ArrayList<>(libraries.values());
    }

    /** {@link Library#documentation()} of every library, sorted by name (what {@code hielements doc} prints). */
    public List<LibraryDoc> documentation() {
        List<LibraryDoc> docs = new ArrayList<>();
        for (Library lib : libraries()) docs.add(lib.documentation());
        return docs;
    }

    /** Closes every plugin (built-ins hold nothing). */
    @Override
    public void close() {
        for (Library lib : libraries()) {
            try {
                lib.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing library " + lib.name() + " failed", e);
            }
        }
    }
}
