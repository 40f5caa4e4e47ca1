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
    private volatile boolean allowProcess = Settings.DEFAULT.allowProcess();
    private volatile java.util.function.Consumer<Folder> librariesChanged = f -> { };
    private final Map<Path, Folder> workspace = new ConcurrentHashMap<>();
    /** Folders holding their own hielements.toml below a workspace folder's root. */
    private final Map<Path, Folder> nested = new ConcurrentHashMap<>();
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
        return new Folder(root, workspaceFolder, loader, () -> allowProcess, f -> librariesChanged.accept(f),
                d -> nested.computeIfAbsent(d, r -> create(r, true)), store);
    }

    /** Adds a workspace folder (no-op when already there). */
    public Folder add(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return workspace.computeIfAbsent(r, p -> create(p, true));
    }

    /** Removes a workspace folder (and the folders nested in it) and releases their libraries. */
    public void remove(Path root) {
        Path r = root.toAbsolutePath().normalize();
        Folder f = workspace.remove(r);
        if (f != null) f.close();
        nested.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(r) && workspace.values().stream().noneMatch(w -> e.getKey().startsWith(w.root()))) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /**
     * The folders whose files the server reads from disk: the workspace folders the editor opened and the folders
     * with their own {@code hielements.toml} inside them (found by listing the workspace folders), by root.
     */
    public List<Folder> workspaceFolders() {
        for (Folder f : workspace.values()) f.diskFiles();
        List<Folder> out = new ArrayList<>(workspace.values());
        out.addAll(nested.values());
        out.sort((a, b) -> a.root().compareTo(b.root()));
        return out;
    }

    /** Every folder created so far (no listing of files). */
    public List<Folder> existing() {
        List<Folder> out = new ArrayList<>(workspace.values());
        out.addAll(nested.values());
        out.addAll(loose.values());
        return out;
    }

    /**
     * The folder {@link #folderFor} would give, if it exists already: never creates one (so never loads libraries),
     * for the editor connection's thread.
     */
    public Optional<Folder> peek(Path file) {
        Path p = file.toAbsolutePath().normalize();
        Folder best = null;
        for (Folder f : workspace.values()) {
            if (f.contains(p) && (best == null || f.root().getNameCount() > best.root().getNameCount())) best = f;
        }
        if (best != null) {
            for (Path d = p.getParent(); d != null && d.startsWith(best.root()) && !d.equals(best.root());
                    d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("hielements.toml"))) return Optional.ofNullable(nested.get(d));
            }
            return Optional.of(best);
        }
        return Optional.ofNullable(loose.get(looseRoot(p)));
    }

    /** The root of the workspace folder holding a file, if any (for naming it in messages). */
    public Optional<Path> workspaceRootOf(Path file) {
        Path p = file.toAbsolutePath().normalize();
        Path best = null;
        for (Path r : workspace.keySet()) {
            if (p.startsWith(r) && (best == null || r.getNameCount() > best.getNameCount())) best = r;
        }
        return Optional.ofNullable(best);
    }

    /** Every folder, workspace folders first. */
    public List<Folder> all() {
        List<Folder> out = workspaceFolders();
        out.addAll(loose.values());
        return out;
    }

    /**
     * The folder a file belongs to. Inside a workspace folder: the folder holding the {@code hielements.toml} nearest
     * above the file (up to the workspace folder's root), else the workspace folder itself. Outside them: the folder
     * holding the nearest {@code hielements.toml}, else the file's own folder. So a file gets the same libraries in
     * the editor as on the command line.
     */
    public Folder folderFor(Path file) {
        Path p = file.toAbsolutePath().normalize();
        Folder best = null;
        for (Folder f : workspace.values()) {
            if (f.contains(p) && (best == null || f.root().getNameCount() > best.root().getNameCount())) best = f;
        }
        if (best != null) {
            for (Path d = p.getParent(); d != null && d.startsWith(best.root()) && !d.equals(best.root());
                    d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("hielements.toml"))) {
                    return nested.computeIfAbsent(d, r -> create(r, true));
                }
            }
            return best;
        }
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
        nested.clear();
        loose.clear();
    }
}
