package org.hielements.cli;

import java.nio.file.Path;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.config.Libraries;

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

    /**
     * The built-ins and the plugins of the workspace's {@code hielements.toml} (a missing file: built-ins only). With
     * {@code describe}, every plugin is asked for its documentation now (a process plugin is started), so that the
     * semantic checks know its functions.
     */
    static WorkspaceLibraries load(Path root, boolean describe) {
        Libraries libs = Libraries.load(root, Libraries.Options.defaults());
        if (describe) libs.describeAll();
        return new WorkspaceLibraries(libs.registry(), libs.diagnostics(), libs);
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
