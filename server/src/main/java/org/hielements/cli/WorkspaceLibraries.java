package org.hielements.cli;

import java.nio.file.Path;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.LibraryRegistry;

/**
 * The libraries a command uses in one workspace: the registry (closed with this object, which stops plugin
 * processes) and the problems of the workspace's {@code hielements.toml} as diagnostics in that file.
 */
final class WorkspaceLibraries implements AutoCloseable {
    private final LibraryRegistry registry;
    private final List<Diagnostic> diagnostics;
    private final AutoCloseable owner;

    private WorkspaceLibraries(LibraryRegistry registry, List<Diagnostic> diagnostics, AutoCloseable owner) {
        this.registry = registry;
        this.diagnostics = List.copyOf(diagnostics);
        this.owner = owner;
    }

    /** The built-ins. */
    static WorkspaceLibraries load(Path root) {
        LibraryRegistry r = LibraryRegistry.withBuiltins();
        return new WorkspaceLibraries(r, List.of(), r);
    }

    LibraryRegistry registry() {
        return registry;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            java.util.logging.Logger.getLogger(WorkspaceLibraries.class.getName())
                    .log(java.util.logging.Level.WARNING, "closing the libraries failed", e);
        }
    }
}
