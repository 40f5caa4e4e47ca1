package org.hielements.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspace folders the editor opened (multi-root: each with its own libraries and models), plus a folder made up
 * for each file opened outside all of them (the folder holding {@code hielements.toml} nearest above the file, else
 * the file's own folder, as the command line does).
 */
public final class Folders implements AutoCloseable {
    private final LibraryLoader loader;
    private final DocumentStore store;
    private volatile boolean allowProcess = true;
    private volatile java.util.function.Consumer<Folder> librariesChanged = f -> { };
    private final Map<Path, Folder> workspace = new ConcurrentHashMap<>();
    private final Map<Path, Folder> loose = new ConcurrentHashMap<>();

    public Folders(LibraryLoader loader, DocumentStore store) {
        this.loader = loader;
        this.store = store;
    }

    /** Whether process plugins may start (the workspace is trusted); applies to folders loaded from now on. */
    public void allowProcess(boolean allow) {
        this.allowProcess = allow;
    }

    public boolean allowProcess() {
        return allowProcess;
    }

    /** Told when a folder's libraries changed after loading (documentation arrived in the background). */
    public void onLibrariesChanged(java.util.function.Consumer<Folder> listener) {
        this.librariesChanged = listener;
    }

    private Folder create(Path root, boolean workspaceFolder) {
        return new Folder(root, workspaceFolder, loader, () -> allowProcess, f -> librariesChanged.accept(f), store);
    }

    /** Adds a workspace folder (no-op when already there). */
    public Folder add(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return workspace.computeIfAbsent(r, p -> create(p, true));
    }

    /** Removes a workspace folder and releases its libraries. */
    public void remove(Path root) {
        Folder f = workspace.remove(root.toAbsolutePath().normalize());
        if (f != null) f.close();
    }

    /** The workspace folders, by root. */
    public List<Folder> workspaceFolders() {
        List<Folder> out = new ArrayList<>(workspace.values());
        out.sort((a, b) -> a.root().compareTo(b.root()));
        return out;
    }

    /** Every folder, workspace folders first. */
    public List<Folder> all() {
        List<Folder> out = workspaceFolders();
        out.addAll(loose.values());
        return out;
    }

    /** The folder a file belongs to: the innermost workspace folder holding it, else its made-up folder. */
    public Folder folderFor(Path file) {
        Path p = file.toAbsolutePath().normalize();
        Folder best = null;
        for (Folder f : workspace.values()) {
            if (f.contains(p) && (best == null || f.root().getNameCount() > best.root().getNameCount())) best = f;
        }
        if (best != null) return best;
        Path root = looseRoot(p);
        return loose.computeIfAbsent(root, r -> create(r, false));
    }

    /** The workspace folder (not a made-up one) holding {@code file}, if any. */
    public Optional<Folder> workspaceFolderFor(Path file) {
        Folder f = folderFor(file);
        return f.isWorkspaceFolder() ? Optional.of(f) : Optional.empty();
    }

    private static Path looseRoot(Path file) {
        Path dir = file.getParent();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("hielements.toml"))) return d;
        }
        return dir != null ? dir : file;
    }

    @Override
    public void close() {
        for (Folder f : all()) f.close();
        workspace.clear();
        loose.clear();
    }
}
