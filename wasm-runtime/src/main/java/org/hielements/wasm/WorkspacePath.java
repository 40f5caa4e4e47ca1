package org.hielements.wasm;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * A path of a {@link WorkspaceFileSystem}: a lexical path of the default file system, wrapped so
 * that every file operation on it goes through the confined provider. Pure path arithmetic is
 * delegated; nothing here touches the disk except {@link #toRealPath}, which is checked.
 */
final class WorkspacePath implements Path {
    final WorkspaceFileSystem fs;
    final Path delegate;
    /** For an entry of a directory listing of this view: the listing it came from; otherwise null. */
    final WorkspaceFileSystem.Listing listing;
    /** With {@link #listing}: the entry as the real listing gave it (the listing's real folder + its name). */
    final Path realEntry;

    WorkspacePath(WorkspaceFileSystem fs, Path delegate) {
        this(fs, delegate, null, null);
    }

    WorkspacePath(WorkspaceFileSystem fs, Path delegate, WorkspaceFileSystem.Listing listing, Path realEntry) {
        this.fs = fs;
        this.delegate = delegate;
        this.listing = listing;
        this.realEntry = realEntry;
    }

    private WorkspacePath wrap(Path p) {
        return p == null ? null : new WorkspacePath(fs, p);
    }

    private Path unwrap(Path other) {
        if (!(other instanceof WorkspacePath) || ((WorkspacePath) other).fs != fs) {
            throw new ProviderMismatchException("not a path of this workspace view: " + other);
        }
        return ((WorkspacePath) other).delegate;
    }

    @Override
    public FileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return delegate.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(delegate.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(delegate.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(delegate.getParent());
    }

    @Override
    public int getNameCount() {
        return delegate.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(delegate.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(delegate.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return other instanceof WorkspacePath && ((WorkspacePath) other).fs == fs
                && delegate.startsWith(((WorkspacePath) other).delegate);
    }

    @Override
    public boolean endsWith(Path other) {
        return other instanceof WorkspacePath && ((WorkspacePath) other).fs == fs
                && delegate.endsWith(((WorkspacePath) other).delegate);
    }

    @Override
    public Path normalize() {
        return wrap(delegate.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(delegate.resolve(unwrap(other)));
    }

    @Override
    public Path resolve(String other) {
        return wrap(delegate.resolve(other));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(delegate.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        // A URI would lead back to the default file system, around the confinement.
        throw new UnsupportedOperationException("workspace paths have no URI");
    }

    @Override
    public Path toAbsolutePath() {
        return isAbsolute() ? this : wrap(fs.rootPath().resolve(delegate));
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        // The confined real location, expressed in this view (it is under the workspace's real path).
        boolean follow = true;
        for (LinkOption o : options) {
            follow &= o != LinkOption.NOFOLLOW_LINKS;
        }
        return wrap(fs.resolve(this, follow));
    }

    @Override
    public File toFile() {
        throw new UnsupportedOperationException("workspace paths are not files of the default file system");
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("no watching inside the workspace view");
    }

    @Override
    public int compareTo(Path other) {
        return delegate.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkspacePath && ((WorkspacePath) o).fs == fs && ((WorkspacePath) o).delegate.equals(delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
