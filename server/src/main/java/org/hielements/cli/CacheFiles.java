package org.hielements.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.hielements.check.CheckCache;
import org.hielements.library.InputProbe;
import org.hielements.text.InputFile;
import org.hielements.text.SourceText;
import org.hielements.wasm.WasmHost;

/**
 * Where {@code check} keeps its {@link CheckCache}: {@code .hielements/cache/} in the workspace, or the folder of
 * {@code --cache-dir}; one file per workspace and set of {@code .hie} files given. The file ends with an HMAC-SHA256 of
 * its bytes under a key of this user ({@code cache-key} in the user cache folder, made on first use): a cache this user's
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
    private static final int MAC_BYTES = 32;

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
     * HMAC-SHA256 (RFC 2104) over {@link MessageDigest}: the same bytes as {@code Mac.getInstance("HmacSHA256")}, without
     * the JCE provider (whose start-up, verifying the provider, cost a small check about a tenth of its time).
     */
    static byte[] mac(byte[] key, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] k = key.length > 64 ? sha.digest(key) : key;
            byte[] inner = new byte[64];
            byte[] outer = new byte[64];
            for (int i = 0; i < 64; i++) {
                byte b = i < k.length ? k[i] : 0;
                inner[i] = (byte) (b ^ 0x36);
                outer[i] = (byte) (b ^ 0x5c);
            }
            sha.update(inner);
            byte[] h = sha.digest(body);
            sha.update(outer);
            return sha.digest(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
