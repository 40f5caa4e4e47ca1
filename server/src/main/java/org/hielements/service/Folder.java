package org.hielements.service;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.library.LibraryRegistry;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceProvider;

/**
 * One workspace folder: its root, its libraries (built-ins and configured plugins), the analyzer that builds semantic
 * models of its files (open documents first, then disk), and a generation counter that moves whenever a file of the
 * folder changes (so cached models know they are stale). Thread-safe.
 */
public final class Folder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Folder.class.getName());
    private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", "target", "__pycache__");
    private static final int MAX_WORKSPACE_FILES = 5000;
    private static final long FILE_LIST_TTL_NANOS = 3_000_000_000L;

    private final Path root;
    private final boolean workspaceFolder;
    private final LibraryLoader loader;
    private final java.util.function.BooleanSupplier allowProcess;
    private final java.util.function.Consumer<Folder> librariesChanged;
    private final java.util.function.Consumer<Path> nestedFound;
    private final SourceProvider sources;
    private final AtomicLong generation = new AtomicLong();

    private volatile LibraryLoader.Loaded libraries;
    private volatile Analyzer analyzer;

    private List<Path> diskFiles;
    private long diskFilesAt;
    private SemanticModel workspaceModel;
    private long workspaceModelGeneration = -1;

    /**
     * @param root            the folder
     * @param workspaceFolder true for a folder the editor named, false for one made up for a loose file
     * @param loader          builds the libraries
     * @param allowProcess    whether process plugins may start
     * @param librariesChanged told (on a background thread) after the libraries were loaded, and again when what
     *                        is known of them changed (documentation asked in the background arrived)
     * @param nestedFound     told of each folder below the root that has its own hielements.toml (found while
     *                        listing the files)
     * @param store           the open documents (read before the disk)
     */
    Folder(Path root, boolean workspaceFolder, LibraryLoader loader, java.util.function.BooleanSupplier allowProcess,
            java.util.function.Consumer<Folder> librariesChanged, java.util.function.Consumer<Path> nestedFound,
            DocumentStore store) {
        this.root = root.toAbsolutePath().normalize();
        this.workspaceFolder = workspaceFolder;
        this.loader = loader;
        this.allowProcess = allowProcess;
        this.librariesChanged = librariesChanged;
        this.nestedFound = nestedFound;
        SourceProvider disk = SourceProvider.disk(this.root);
        this.sources = disk.withBuffers(path -> store.byPath(path).map(TextDocument::text));
        loadLibraries();
    }

    public Path root() {
        return root;
    }

    /** True for a folder the editor opened; false for the folder of a file opened outside every workspace folder. */
    public boolean isWorkspaceFolder() {
        return workspaceFolder;
    }

    public LibraryRegistry registry() {
        return libraries.registry();
    }

    public LibraryLoader.Loaded libraries() {
        return libraries;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    public SourceProvider sources() {
        return sources;
    }

    /** The current generation: it moves on every change of a file of this folder. */
    public long generation() {
        return generation.get();
    }

    /** Marks every model of this folder stale. */
    public void touch() {
        generation.incrementAndGet();
    }

    /** Marks the list of files on disk stale too (a file was created or deleted). */
    public synchronized void filesChanged() {
        diskFiles = null;
        touch();
    }

    /** Drops the libraries and loads them again (after {@code hielements.toml} or a plugin changed). */
    public synchronized void reloadLibraries() {
        LibraryLoader.Loaded old = libraries;
        loadLibraries();
        touch();
        if (old != null) old.close();
    }

    private void loadLibraries() {
        LibraryLoader.Loaded loaded;
        try {
            loaded = loader.load(root, allowProcess.getAsBoolean());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "loading the libraries of " + root + " failed; using the built-ins", e);
            loaded = LibraryLoader.builtinsOnly().load(root, false);
        }
        libraries = loaded;
        analyzer = new Analyzer(KnownLibraries.of(loaded.registry()), sources, root);
        LibraryLoader.Loaded current = loaded;
        DESCRIBER.execute(() -> {
            if (libraries == current) librariesChanged.accept(this);
        });
        if (loaded.describe() != null) {
            LibraryLoader.Loaded mine = loaded;
            DESCRIBER.execute(() -> {
                try {
                    mine.describe().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "asking the plugins of " + root + " for their documentation failed", e);
                }
                if (libraries == mine) {
                    // function lists are known now: models built before are stale
                    touch();
                    librariesChanged.accept(this);
                }
            });
        }
    }

    /** One daemon thread asks plugins for their documentation, off every editor path. */
    private static final java.util.concurrent.ExecutorService DESCRIBER = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "hielements-describe");
                t.setDaemon(true);
                return t;
            });

    /** Whether a change of {@code path} means the libraries must be loaded again. */
    public boolean isPluginFile(Path path) {
        Path p = path.toAbsolutePath().normalize();
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (name.equals("hielements.toml") && p.getParent() != null && p.getParent().equals(root)) return true;
        // a new lock changes the version of a package library (its module is in the package cache)
        if (name.equals("hielements.lock") && p.getParent() != null && p.getParent().equals(root)) return true;
        for (Path f : libraries.pluginFiles()) {
            if (f.toAbsolutePath().normalize().equals(p)) return true;
        }
        return false;
    }

    /** Whether {@code path} lies in this folder. */
    public boolean contains(Path path) {
        return path.toAbsolutePath().normalize().startsWith(root);
    }

    /**
     * The model of every {@code .hie} file of the folder (open documents with their unsaved text, the others from
     * disk): what references, rename and workspace symbols search. Cached per generation.
     */
    public synchronized SemanticModel workspaceModel(List<TextDocument> openDocuments) {
        long g = generation.get();
        if (workspaceModel != null && workspaceModelGeneration == g) return workspaceModel;
        List<Path> roots = new ArrayList<>(diskFiles());
        for (TextDocument d : openDocuments) {
            if (contains(d.path()) && !roots.contains(d.path())) roots.add(d.path());
        }
        workspaceModel = analyzer.analyzeFiles(roots);
        workspaceModelGeneration = g;
        return workspaceModel;
    }

    /**
     * The {@code .hie} files of the folder on disk (not those of folders below it that have their own
     * {@code hielements.toml}); listed again after {@link #filesChanged()} or a few seconds.
     */
    public synchronized List<Path> diskFiles() {
        long now = System.nanoTime();
        if (diskFiles != null && now - diskFilesAt < FILE_LIST_TTL_NANOS) return diskFiles;
        List<Path> found = new ArrayList<>();
        List<Path> nested = new ArrayList<>();
        if (workspaceFolder && Files.isDirectory(root)) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        if (!dir.equals(root) && (n.startsWith(".") || SKIPPED_DIRS.contains(n))) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (!dir.equals(root) && Files.isRegularFile(dir.resolve("hielements.toml"))) {
                            // a folder with its own hielements.toml is a folder of its own
                            nested.add(dir.toAbsolutePath().normalize());
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".hie")) {
                            found.add(file.toAbsolutePath().normalize());
                            if (found.size() >= MAX_WORKSPACE_FILES) return FileVisitResult.TERMINATE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot list " + root, e);
            }
        }
        diskFiles = found;
        diskFilesAt = now;
        for (Path n : nested) nestedFound.accept(n);
        return found;
    }

    @Override
    public void close() {
        LibraryLoader.Loaded l = libraries;
        if (l != null) l.close();
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
