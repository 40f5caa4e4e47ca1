package org.hielements.library;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a selector returns: a set of paths plus how it was selected.
 *
 * <p>{@code kind} and {@code argument} keep the selector argument exactly as upstream does ({@code Folder("src")},
 * {@code Glob("**&#47;*.rs")}, or a pseudo-name such as {@code File("fn:parse")}, {@code File("struct:Token")}); several
 * checks branch on them. {@code paths} are absolute and normalized (never {@code ./src/a.rs}); print them relative to
 * the workspace with {@link Workspace#display(Path)}. {@code resolved} is true for everything a built-in returns; a
 * plugin may answer false.
 *
 * <p>{@code folder} is the folder a {@code Folder} scope stands for when its argument is not that folder's path: a
 * crate found by name ({@code rust.crate_selector('grep-matcher')} is {@code Folder('grep-matcher')} with the folder
 * {@code crates/matcher}); null otherwise. It stays inside the process (plugins see the kind and argument only).
 */
public record Scope(ScopeKind kind, String argument, List<Path> paths, boolean resolved, Path folder)
        implements Value {

    public Scope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(argument, "argument");
        List<Path> normalized = new ArrayList<>(paths.size());
        for (Path p : paths) {
            if (!p.isAbsolute()) throw new IllegalArgumentException("scope path must be absolute: " + p);
            normalized.add(p.normalize());
        }
        paths = List.copyOf(normalized);
        if (folder != null) {
            if (!folder.isAbsolute()) throw new IllegalArgumentException("scope folder must be absolute: " + folder);
            folder = folder.normalize();
        }
    }

    /** A scope with no folder of its own (every scope but a crate's). */
    public Scope(ScopeKind kind, String argument, List<Path> paths, boolean resolved) {
        this(kind, argument, paths, resolved, null);
    }

    /** A resolved {@code Folder(argument)} scope standing for {@code folder} (a crate selected by name). */
    public static Scope ofFolder(String argument, Collection<Path> paths, Path folder) {
        return new Scope(ScopeKind.FOLDER, argument, List.copyOf(paths), true, folder);
    }

    /** A resolved scope (what built-in selectors return). */
    public static Scope of(ScopeKind kind, String argument, Collection<Path> paths) {
        return new Scope(kind, argument, List.copyOf(paths), true);
    }

    public static Scope empty(ScopeKind kind, String argument) {
        return new Scope(kind, argument, List.of(), true);
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /** The paths relative to the workspace, with {@code /} (absolute for a path outside it). */
    public List<String> displayPaths(Workspace workspace) {
        List<String> out = new ArrayList<>(paths.size());
        for (Path p : paths) out.add(workspace.display(p));
        return out;
    }

    @Override
    public String typeName() {
        return "scope";
    }

    /** {@code Folder('src')}: the kind and the selector argument. */
    @Override
    public String display() {
        return kind.tag() + "(" + Value.quote(argument) + ")";
    }
}
