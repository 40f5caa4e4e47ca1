package org.hielements.library.builtin;

import java.util.List;

import org.hielements.library.Library;

/** The built-in libraries: {@code files}, {@code python}, {@code rust}. */
public final class Builtins {
    private static final List<Library> ALL = List.of(new FilesLibrary(), new PythonLibrary(), new RustLibrary());

    private Builtins() {
    }

    /** One shared instance of each built-in (they are stateless). */
    public static List<Library> all() {
        return ALL;
    }

    /** The names of the built-ins, sorted. */
    public static List<String> names() {
        return List.of("files", "python", "rust");
    }
}
