package org.hielements.wasm;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only, confined view of one workspace folder, given to Chicory's WASI as the preopened
 * directory. Chicory's WASI runs plain {@code java.nio.file} calls on the preopen's paths, follows
 * symlinks, and would happily write, delete and rename; so the confinement lives here, under it:
 * <ul>
 *   <li>every access resolves the path's real location (all symlinks followed) and refuses it unless
 *       it lies under the workspace's own real path; a symlink leading out looks like a missing file,
 *       so directory listings skip it;</li>
 *   <li>every operation that would change anything (open for writing, create, delete, move, link,
 *       set times) fails with {@link AccessDeniedException}, which WASI reports as an errno;</li>
 *   <li>files are opened at their resolved real path without following links again, and handed out
 *       as read-only channels;</li>
 *   <li>an entry of a directory listing, while the listing is open, is read at the real path the
 *       listing gave (its folder already resolved and checked) without following it, and resolved in
 *       full only if it is a symlink to be followed ({@link Listing}); attribute maps are read with
 *       one stat each, owner and group names cached by uid and gid ({@link AttributeReader}).</li>
 * </ul>
 * A {@code ..} above the workspace root stays at the root, as {@code /..} is {@code /}. Paths are
 * checked at each access, so the view is live: no copy is made.
 */
final class WorkspaceFileSystem extends FileSystem {
    private final Provider provider = new Provider();
    private final FileSystem base = FileSystems.getDefault();
    private final Path root;
    private final Path realRoot;
    private final AttributeReader attributes = new AttributeReader();

    /**
     * An open directory listing of this view. While it is open, its entries are read at the real
     * path the real listing gave (its folder's checked real path + the entry's name) without
     * resolving the folder again: one {@code lstat} answers both where the entry is and what it is
     * (only an entry that is a symlink, when asked to follow it, is resolved in full). Chicory opens
     * a listing for each {@code fd_readdir} and closes it before returning, so this shortcut lasts
     * one WASI call.
     */
    static final class Listing {
        final Path realDir;
        volatile boolean open = true;

        Listing(Path realDir) {
            this.realDir = realDir;
        }
    }

    private WorkspaceFileSystem(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    /** The workspace folder as a path of a new confined view, ready to be preopened. */
    static Path mount(Path workspace) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        Path realRoot = root.toRealPath();
        if (!Files.isDirectory(realRoot)) {
            throw new NoSuchFileException(root.toString(), null, "not a directory");
        }
        WorkspaceFileSystem fs = new WorkspaceFileSystem(root, realRoot);
        return new WorkspacePath(fs, root);
    }

    /** The workspace folder (lexical, absolute); relative paths of this view are relative to it. */
    Path rootPath() {
        return root;
    }

    /**
     * Where {@code path} really is on disk, after checking that it stays inside the workspace. With
     * {@code follow}, every symlink is resolved; without it, the last component is left as is (its
     * parent is resolved and checked), for lstat-like calls.
     */
    Path resolve(Path path, boolean follow) throws IOException {
        Path lexical = unwrap(path);
        if (!lexical.isAbsolute()) {
            lexical = root.resolve(lexical);
        }
        lexical = lexical.normalize();
        if (!lexical.startsWith(root)) {
            if (root.startsWith(lexical)) {
                lexical = root; // ".." above the root stays at the root
            } else {
                throw new AccessDeniedException(path.toString(), null, "outside the workspace");
            }
        }
        if (lexical.equals(root)) {
            return realRoot;
        }
        if (!follow) {
            return confine(lexical.getParent().toRealPath(), path).resolve(lexical.getFileName());
        }
        Path real;
        try {
            real = lexical.toRealPath();
        } catch (NoSuchFileException e) {
            // Missing, or a dangling symlink: confine the parent; a dangling link may point anywhere.
            Path candidate = confine(lexical.getParent().toRealPath(), path).resolve(lexical.getFileName());
            if (Files.isSymbolicLink(candidate)) {
                throw new NoSuchFileException(path.toString(), null, "dangling symbolic link");
            }
            throw new NoSuchFileException(path.toString());
        }
        return confine(real, path);
    }

    private Path confine(Path real, Path asked) throws IOException {
        if (!real.startsWith(realRoot)) {
            // A symlink leading out: it does not exist inside the sandbox.
            throw new NoSuchFileException(asked.toString(), null, "leads outside the workspace");
        }
        return real;
    }

    /** For an entry of a listing still open: its real path (the folder checked, itself not followed); else null. */
    private static Path listedEntry(Path p) {
        if (p instanceof WorkspacePath) {
            WorkspacePath w = (WorkspacePath) p;
            if (w.listing != null && w.listing.open) {
                return w.realEntry;
            }
        }
        return null;
    }

    /**
     * Tells the call running on this thread ({@link AccessLog}) that its guest touched {@code path}: as an absolute
     * lexical path inside the workspace (a {@code ..} above the root is the root); nothing for a path outside.
     */
    private void touched(Path path) {
        if (!(path instanceof WorkspacePath)) return;
        Path lexical = ((WorkspacePath) path).delegate;
        if (!lexical.isAbsolute()) lexical = root.resolve(lexical);
        lexical = lexical.normalize();
        if (lexical.startsWith(root)) {
            AccessLog.touched(lexical);
        } else if (root.startsWith(lexical)) {
            AccessLog.touched(root);
        }
    }

    private static Path unwrap(Path p) {
        if (!(p instanceof WorkspacePath)) {
            throw new java.nio.file.ProviderMismatchException("not a workspace path: " + p);
        }
        return ((WorkspacePath) p).delegate;
    }

    private static boolean follows(LinkOption... options) {
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                return false;
            }
        }
        return true;
    }

    private static AccessDeniedException readOnly(Path p) {
        return new AccessDeniedException(String.valueOf(p), null, "the workspace is mounted read-only");
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // nothing to release: the view holds no resources
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return base.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(new WorkspacePath(this, root));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return base.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return new WorkspacePath(this, base.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = base.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(unwrap(p));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("no user lookup inside the workspace view");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no watching inside the workspace view");
    }

    /** The provider: reads go to the real file system after {@link #resolve}; writes are refused. */
    private final class Provider extends FileSystemProvider {
        @Override
        public String getScheme() {
            return "hielements-workspace";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path getPath(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                FileAttribute<?>... attrs) throws IOException {
            return newFileChannel(path, options, attrs);
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            for (OpenOption o : options) {
                if (o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND || o == StandardOpenOption.CREATE
                        || o == StandardOpenOption.CREATE_NEW || o == StandardOpenOption.TRUNCATE_EXISTING
                        || o == StandardOpenOption.DELETE_ON_CLOSE) {
                    throw readOnly(path);
                }
            }
            touched(path);
            Path real = resolve(path, !options.contains(LinkOption.NOFOLLOW_LINKS));
            // A FIFO would block the guest's thread in open(2), where no timeout can interrupt it, and a
            // device never ends: only regular files and folders are opened.
            if (Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                throw new AccessDeniedException(String.valueOf(path), null,
                        "a special file (FIFO, device or socket): only regular files are opened");
            }
            return new ReadOnlyFileChannel(
                    FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            Path lexicalDir = unwrap(dir);
            touched(dir);
            Path realDir = resolve(dir, true);
            DirectoryStream<Path> real = Files.newDirectoryStream(realDir);
            Listing listing = new Listing(realDir);
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    Iterator<Path> it = real.iterator();
                    return new Iterator<>() {
                        private Path next = advance();

                        private Path advance() {
                            while (it.hasNext()) {
                                Path realEntry = it.next();
                                Path p = new WorkspacePath(WorkspaceFileSystem.this,
                                        lexicalDir.resolve(realEntry.getFileName().toString()), listing, realEntry);
                                try {
                                    if (filter.accept(p)) {
                                        return p;
                                    }
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }
                            return null;
                        }

                        @Override
                        public boolean hasNext() {
                            return next != null;
                        }

                        @Override
                        public Path next() {
                            if (next == null) {
                                throw new java.util.NoSuchElementException();
                            }
                            Path p = next;
                            next = advance();
                            return p;
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    listing.open = false;
                    real.close();
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            throw readOnly(dir);
        }

        @Override
        public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
            throw readOnly(link);
        }

        @Override
        public void createLink(Path link, Path existing) throws IOException {
            throw readOnly(link);
        }

        @Override
        public void delete(Path path) throws IOException {
            throw readOnly(path);
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            throw readOnly(target);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            throw readOnly(source);
        }

        @Override
        public Path readSymbolicLink(Path link) throws IOException {
            touched(link);
            Path target = Files.readSymbolicLink(resolve(link, false));
            // Resolved against the link's folder, so the result is checked like any other path.
            Path lexicalLink = unwrap(link);
            Path parent = lexicalLink.isAbsolute() ? lexicalLink.getParent() : root.resolve(lexicalLink).getParent();
            return new WorkspacePath(WorkspaceFileSystem.this, parent.resolve(target.toString()));
        }

        @Override
        public boolean isSameFile(Path a, Path b) throws IOException {
            touched(a);
            touched(b);
            return resolve(a, true).equals(resolve(b, true));
        }

        @Override
        public boolean isHidden(Path path) {
            Path name = unwrap(path).getFileName();
            return name != null && name.toString().startsWith(".");
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            throw new AccessDeniedException(path.toString(), null, "no file store inside the workspace view");
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            for (AccessMode m : modes) {
                if (m == AccessMode.WRITE) {
                    throw readOnly(path);
                }
            }
            touched(path);
            Path real = resolve(path, true);
            real.getFileSystem().provider().checkAccess(real, modes);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            if (type != BasicFileAttributeView.class) {
                return null;
            }
            boolean follow = follows(options);
            return (V) new BasicFileAttributeView() {
                @Override
                public String name() {
                    return "basic";
                }

                @Override
                public BasicFileAttributes readAttributes() throws IOException {
                    return Provider.this.readAttributes(path, BasicFileAttributes.class,
                            follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
                }

                @Override
                public void setTimes(FileTime lastModified, FileTime lastAccess, FileTime create) throws IOException {
                    throw readOnly(path);
                }
            };
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            touched(path);
            boolean follow = follows(options);
            Path entry = listedEntry(path);
            if (entry != null) {
                A read = Files.readAttributes(entry, type, LinkOption.NOFOLLOW_LINKS);
                if (!follow || !read.isSymbolicLink()) {
                    return read;
                }
            }
            return Files.readAttributes(resolve(path, follow), type, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String names, LinkOption... options)
                throws IOException {
            touched(path);
            boolean follow = follows(options);
            AttributeReader.Request request = attributes.parse(names);
            if (request == null) {
                return Files.readAttributes(resolve(path, follow), names, LinkOption.NOFOLLOW_LINKS);
            }
            Path entry = listedEntry(path);
            if (entry != null) {
                Map<String, Object> read = Files.readAttributes(entry, request.query(follow), LinkOption.NOFOLLOW_LINKS);
                if (!follow || !Boolean.TRUE.equals(read.get("isSymbolicLink"))) {
                    return request.answer(read, entry);
                }
            }
            Path real = resolve(path, follow);
            return request.answer(Files.readAttributes(real, request.query(false), LinkOption.NOFOLLOW_LINKS), real);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
                throws IOException {
            throw readOnly(path);
        }
    }
}
