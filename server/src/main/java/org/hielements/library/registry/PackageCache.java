package org.hielements.library.registry;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import org.hielements.text.InputFile;

/**
 * The content-addressed cache of plugin tarballs: {@code $XDG_CACHE_HOME/hielements/packages} (else
 * {@code ~/.cache/hielements/packages}), one {@code <sha512 hex>.tgz} per tarball as the registry served it, and the
 * module unpacked beside it in {@code <sha512 hex>/}. A tarball is stored only after its SHA-512 matched, and read only
 * when it matches again: {@link #open} hashes the tarball against the lock's integrity each time and refuses it when
 * they differ; the unpacked module is then rewritten from the tarball whenever its bytes are not the tarball's. Nothing
 * here touches the network.
 */
public final class PackageCache {
    /** The largest tarball stored or read: 64 MiB. */
    public static final long MAX_TARBALL = 64L * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    public PackageCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache of the user named by {@code environment} ({@code XDG_CACHE_HOME}, else {@code HOME/.cache}). */
    public static PackageCache of(Map<String, String> environment) {
        return new PackageCache(userCacheRoot(environment).resolve("packages"));
    }

    /**
     * The product's folder in the cache of the user named by {@code environment}: {@code $XDG_CACHE_HOME/hielements}
     * when that is an absolute path, else {@code $HOME/.cache/hielements}.
     */
    public static Path userCacheRoot(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) base = Path.of(xdg);
        else {
            String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
            base = Path.of(home, ".cache");
        }
        return base.resolve("hielements");
    }

    public Path root() {
        return root;
    }

    /** Where the tarball of {@code integrity} is (or would be). */
    public Path tarball(Integrity integrity) {
        return root.resolve(integrity.hex() + ".tgz");
    }

    public boolean contains(Integrity integrity) {
        return Files.isRegularFile(tarball(integrity), LinkOption.NOFOLLOW_LINKS);
    }

    /** A package opened from the cache: its contents and the unpacked module file. */
    public record Opened(PluginPackage pkg, Path module) {}

    /** Why a package could not be opened from the cache. */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        /** What went wrong. */
        public enum Kind {
            /** No tarball of that integrity in the cache. */
            MISSING,
            /** The cached tarball's hash is not the lock's. */
            TAMPERED,
            /** The tarball is not a plugin package (keyword, manifest, module). */
            INVALID,
            /** The cache cannot be read or written. */
            IO
        }

        private final Kind kind;

        public Problem(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * Opens the package locked with {@code integrity}: the tarball is hashed, refused when it differs (nothing of it is
     * read), then read; the module is unpacked (when missing or different) and its path given.
     */
    public Opened open(Integrity integrity, long moduleLimit) throws Problem {
        Path file = tarball(integrity);
        byte[] tgz;
        try {
            tgz = InputFile.read(file, MAX_TARBALL);
        } catch (InputFile.Refused e) {
            if (e.missing()) {
                throw new Problem(Problem.Kind.MISSING, "it is not in the package cache (" + root + ")");
            }
            throw new Problem(Problem.Kind.IO, "the cached tarball " + file + " " + e.getMessage());
        }
        Integrity actual = Integrity.of(tgz);
        if (!actual.equals(integrity)) {
            throw new Problem(Problem.Kind.TAMPERED, "the cached tarball " + file + " has the hash " + actual.sri()
                    + ", not the " + integrity.sri() + " of hielements.lock: it is refused and nothing of it is "
                    + "loaded ('hielements plugins install' replaces it with a verified download)");
        }
        PluginPackage pkg;
        try {
            pkg = PluginPackage.read(tgz, moduleLimit);
        } catch (InvalidPackage e) {
            throw new Problem(Problem.Kind.INVALID, e.getMessage());
        }
        Path dir = root.resolve(integrity.hex());
        String moduleName = Path.of(pkg.manifest().module()).getFileName().toString();
        Path module = dir.resolve(moduleName);
        try {
            byte[] existing = Files.isRegularFile(module, LinkOption.NOFOLLOW_LINKS)
                    ? InputFile.read(module, pkg.module().length) : null;
            if (existing == null || !Arrays.equals(existing, pkg.module())) {
                ensureFolder(dir);
                writeAtomically(module, pkg.module());
            }
        } catch (InputFile.Refused | IOException e) {
            try {
                ensureFolder(dir);
                writeAtomically(module, pkg.module());
            } catch (IOException again) {
                throw new Problem(Problem.Kind.IO, "the module cannot be unpacked into " + dir + ": "
                        + again.getMessage());
            }
        }
        return new Opened(pkg, module);
    }

    /** Stores a tarball whose hash is {@code integrity} (checked again here); returns its file. */
    public Path store(Integrity integrity, byte[] tgz) throws IOException {
        if (!integrity.matches(tgz)) {
            throw new IOException("the tarball's hash is not " + integrity.sri() + "; it is not stored");
        }
        ensureFolder(root);
        Path file = tarball(integrity);
        writeAtomically(file, tgz);
        return file;
    }

    /** Creates the folder and its parents, refusing a link where a folder should be. */
    private static void ensureFolder(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) throw new IOException(dir + " is a symbolic link; the cache does not follow it");
        Files.createDirectories(dir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new IOException(dir + " is not a folder");
    }

    /** A new exclusive temporary file beside {@code target}, renamed over it. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + HexFormat.of().formatHex(randomBytes())
                + ".tmp");
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a temporary file " + tmp + " already exists", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
