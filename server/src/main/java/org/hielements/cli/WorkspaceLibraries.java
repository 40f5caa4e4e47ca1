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
    private final Libraries owner;

    private WorkspaceLibraries(LibraryRegistry registry, Libraries owner) {
        this.registry = registry;
        this.owner = owner;
    }

    /**
     * The built-ins and the plugins of the workspace's {@code hielements.toml} (a missing file: built-ins only). With
     * {@code describe}, every plugin is asked for its documentation now (a process plugin is started, a WASM module
     * loaded); without, nothing is (the plugins are lazy).
     */
    static WorkspaceLibraries load(Path root, boolean describe) {
        WorkspaceLibraries libs = load(root, Main.environment());
        if (describe) libs.owner.describeAll();
        return libs;
    }

    /** The built-ins and the plugins of the workspace's {@code hielements.toml}, lazy, for a run in {@code environment}. */
    static WorkspaceLibraries load(Path root, java.util.Map<String, String> environment) {
        Libraries libs = Libraries.load(root, new Libraries.Options(true, null, environment));
        return new WorkspaceLibraries(libs.registry(), libs);
    }

    LibraryRegistry registry() {
        return registry;
    }

    /** The problems of {@code hielements.toml}, with those of the WASM modules tried so far (E521). */
    List<Diagnostic> diagnostics() {
        return owner.diagnostics();
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
