package org.hielements.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.hielements.check.CheckCache;
import org.hielements.library.InputProbe;
import org.hielements.library.Workspace;
import org.hielements.text.InputFile;
import org.hielements.text.SourceText;
import org.hielements.wasm.WasmHost;

/**
 * Where {@code check} keeps its {@link CheckCache}: {@code .hielements/cache/} in the workspace, or the folder of
 * {@code --cache-dir}; one file per workspace and set of {@code .hie} files given. The file ends with a SipHash-2-4 MAC
 * of its bytes under a key of this user ({@code cache-key} in the user cache folder, made on first use; 128 bits of it
 * key the MAC): a cache this user's
 * runs did not write (one committed to a repository, one copied from elsewhere) is never trusted, since an outcome it
 * holds is taken as the verdict. Written through {@link SafeWrite} (no link followed, a temporary file renamed);
 * read only when it is a regular file reached without links, within {@link #LIMIT}. Anything wrong makes a cold run,
 * never a failure.
 */
final class CacheFiles {
    /** The largest cache file read. */
    static final long LIMIT = 512L * 1024 * 1024;
    /** The workspace-relative folder of the default cache. */
    static final String DEFAULT_FOLDER = InputProbe.PRIVATE_FOLDER + "/cache";
    /** Set to {@code off}, {@code check} keeps no cache unless {@code --cache-dir} is given. */
    static final String ENVIRONMENT = "HIELEMENTS_CACHE";
    /** A SipHash-2-4 tag: 64 bits. */
    static final int MAC_BYTES = 8;

    private CacheFiles() {}

    /** Whether {@code check} keeps a cache by default (without {@code --cache-dir}). */
    static boolean onByDefault() {
        return !"off".equalsIgnoreCase(System.getenv(ENVIRONMENT));
    }

    /** The cache file's folder and name, relative to that folder. */
    record Location(Path folder, String relative) {
        Path file() {
            return folder.resolve(relative);
        }
    }

    /** The cache of a workspace's run of {@code sources}: in {@code cacheDir} when given, else in the workspace. */
    static Location location(Path root, List<SourceText> sources, Path cacheDir) {
        List<String> names = new ArrayList<>();
        for (SourceText s : sources) names.add(Path.of(s.name()).toAbsolutePath().normalize().toString());
        names.sort(null);
        String id = InputProbe.hash(root + "\0" + String.join("\0", names)).replace('/', '_').replace('+', '-');
        String name = "check-" + id + ".bin";
        return cacheDir != null ? new Location(cacheDir.toAbsolutePath().normalize(), name)
                : new Location(root, DEFAULT_FOLDER + "/" + name);
    }

    /** A workspace's cache ready for a run: where it is written back, the key that signs it, its content. */
    record Loaded(Location at, byte[] key, CheckCache cache) {}

    /**
     * A workspace's cache loaded on a thread of its own, started before its files are parsed and analysed: the key,
     * the file read and its MAC verified, the tables decoded, every file of the table compared with the disk
     * ({@link CheckCache#prevalidate}). In a run with nothing changed this was most of the work after the JVM's start;
     * on two processors it now overlaps the analysis.
     */
    static final class Preload {
        /**
         * What a load is of: the workspace, its files' names (sorted, absolute) and the cache folder given. Its
         * equality is written out: a record's own is bound on first use through method handles, several milliseconds
         * of a cold JVM on the main thread of every run.
         */
        record Key(Path root, List<String> names, Path cacheDir) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && root.equals(k.root) && names.equals(k.names)
                        && java.util.Objects.equals(cacheDir, k.cacheDir);
            }

            @Override
            public int hashCode() {
                return (root.hashCode() * 31 + names.hashCode()) * 31 + java.util.Objects.hashCode(cacheDir);
            }
        }

        private final Key key;
        private final Thread thread;
        private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile Loaded loaded;
        private volatile Throwable failure;

        private Preload(Path root, List<SourceText> sources, Path cacheDir) {
            key = key(root, sources, cacheDir);
            thread = new Thread(() -> {
                try {
                    byte[] secret;
                    try {
                        secret = CacheFiles.key();
                    } catch (IOException | RuntimeException e) {
                        notes.add("incremental checking is off: " + e.getMessage());
                        return;
                    }
                    Location at = location(root, sources, cacheDir);
                    CheckCache cache = load(at, secret, notes::add);
                    cache.prevalidate(Workspace.of(root).root());
                    loaded = new Loaded(at, secret, cache);
                } catch (Throwable t) {     // a bug: said by the run that waits for it
                    failure = t;
                }
            }, "hielements-cache-load");
            thread.setDaemon(true);
        }

        /** The key of a load for these arguments. */
        static Key key(Path root, List<SourceText> sources, Path cacheDir) {
            List<String> names = new ArrayList<>();
            for (SourceText s : sources) names.add(Path.of(s.name()).toAbsolutePath().normalize().toString());
            names.sort(null);
            return new Key(root.toAbsolutePath().normalize(), List.copyOf(names),
                    cacheDir == null ? null : cacheDir.toAbsolutePath().normalize());
        }

        Key key() {
            return key;
        }

        /** Starts loading the cache of the workspace at {@code root} for a run of {@code sources}. */
        static Preload start(Path root, List<SourceText> sources, Path cacheDir) {
            Preload p = new Preload(root, sources, cacheDir);
            p.thread.start();
            return p;
        }

        /**
         * Waits for the cache; what its loading had to say goes to {@code note}, in order. Null when incremental
         * checking is off (no key); an empty cache when the file was missing, foreign or damaged.
         */
        Loaded await(Consumer<String> note) {
            com.google.common.util.concurrent.Uninterruptibles.joinUninterruptibly(thread);
            notes.forEach(note);
            if (failure instanceof RuntimeException r) throw r;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException(failure);
            return loaded;
        }
    }

    /** The cache at {@code at}; empty (and {@code problem} told why) when it is missing, foreign or damaged. */
    static CheckCache load(Location at, byte[] key, Consumer<String> problem) {
        Path file = at.file();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return CheckCache.empty();
        String refused = SafeWrite.refusal(file);
        if (refused != null) {
            problem.accept("the cache " + refused);
            return CheckCache.empty();
        }
        byte[] bytes;
        try {
            bytes = InputFile.read(file, LIMIT);
        } catch (InputFile.Refused e) {
            problem.accept("the cache '" + file + "' " + e.getMessage());
            return CheckCache.empty();
        }
        if (bytes.length < MAC_BYTES) {
            problem.accept("the cache '" + file + "' is damaged (too short)");
            return CheckCache.empty();
        }
        byte[] body = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(bytes, bytes.length - MAC_BYTES, bytes.length);
        if (!MessageDigest.isEqual(mac, mac(key, body))) {
            problem.accept("the cache '" + file + "' was not written by this user's runs (or is damaged); ignored");
            return CheckCache.empty();
        }
        return CheckCache.read(body, why -> problem.accept("the cache '" + file + "' is " + why + "; ignored"));
    }

    /** Writes {@code cache} at {@code at}, signed with {@code key}. */
    static void save(Location at, CheckCache cache, byte[] key) throws IOException {
        byte[] body = cache.write();
        byte[] all = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(mac(key, body), 0, all, body.length, MAC_BYTES);
        SafeWrite.replaceInside(at.folder(), at.relative(), all, PosixFilePermissions.fromString("rw-------"));
    }

    /** This user's key (made on first use, {@code rw-------}, in the user cache folder). */
    static byte[] key() throws IOException {
        Path dir = WasmHost.defaultCacheDirectory();
        Path file = dir.resolve("cache-key");
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            String refused = SafeWrite.refusal(file);
            if (refused != null) throw new IOException("the cache key " + refused);
            try {
                byte[] k = InputFile.read(file, 1024);
                if (k.length >= 32) return k;
            } catch (InputFile.Refused e) {
                throw new IOException("the cache key '" + file + "' " + e.getMessage());
            }
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Path parent = dir.getParent();
        if (parent == null) throw new IOException("no user cache folder");
        Files.createDirectories(parent);
        SafeWrite.replaceInside(parent, dir.getFileName() + "/cache-key", k, PosixFilePermissions.fromString("rw-------"));
        return k;
    }

    /**
     * The MAC of {@code body} under {@code key} (at least 16 bytes; its first 16 key it): SipHash-2-4, a keyed function
     * made to authenticate (Aumasson and Bernstein), through Guava. Not HMAC-SHA256, which it replaced: in a JVM that
     * compiles with C1 alone, as the launcher starts every check, SHA-256 has no intrinsic and signing the 1.5 MB cache
     * of a 20,000-file repository took about 55 ms of a run of 300 (SipHash: 17).
     */
    static byte[] mac(byte[] key, byte[] body) {
        if (key.length < 16) throw new IllegalArgumentException("a cache key has at least 16 bytes");
        ByteBuffer k = ByteBuffer.wrap(key, 0, 16).order(ByteOrder.LITTLE_ENDIAN);
        long tag = Hashing.sipHash24(k.getLong(), k.getLong()).hashBytes(body).asLong();
        return ByteBuffer.allocate(MAC_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(tag).array();
    }
}
