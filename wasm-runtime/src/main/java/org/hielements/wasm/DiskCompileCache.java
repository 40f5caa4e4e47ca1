package org.hielements.wasm;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The persistent compile cache: one file per module under {@code <dir>/<version tag>/}, named by the
 * module's SHA-256, holding the classes Chicory's compiler generated. The version tag (our version
 * and Chicory's) makes entries of other versions invisible. Each file carries its own SHA-256, so a
 * corrupt or truncated entry is detected, deleted and rebuilt; writes go through a temporary file
 * and an atomic rename, so readers never see half a file. Failures only cost a recompilation.
 */
final class DiskCompileCache implements Cache {
    private static final Logger LOG = Logger.getLogger(DiskCompileCache.class.getName());
    private static final byte[] MAGIC = "HIEWASM1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 32 + 8;

    private final Path dir;

    DiskCompileCache(Path root, String versionTag) {
        this.dir = root.resolve(versionTag.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    Path directory() {
        return dir;
    }

    /** Largest cache entry read: 512 MiB (the compiled classes of a module within the module limit are far less). */
    static final long MAX_ENTRY_BYTES = 512L * 1024 * 1024;

    /** Chicory's cache key of a module whose bytes have this SHA-256 ({@code WasmModule.digest()}). */
    static String key(byte[] sha256) {
        return "sha-256:" + Base64.getEncoder().encodeToString(sha256);
    }

    /** The file for a Chicory cache key ({@code sha-256:<base64>}). */
    Path fileFor(String key) {
        String name;
        if (key.startsWith("sha-256:")) {
            name = HexFormat.of().formatHex(Base64.getDecoder().decode(key.substring("sha-256:".length())));
        } else {
            name = HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
        }
        return dir.resolve(name + ".classes");
    }

    @Override
    public byte[] get(String key) {
        Path file = fileFor(key);
        byte[] all;
        try {
            // an entry is a regular file of bounded size: anything else (a FIFO would block) is ignored unopened
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || a.size() > MAX_ENTRY_BYTES) {
                LOG.warning("compile cache: ignoring " + file + " (not a regular file of at most "
                        + (MAX_ENTRY_BYTES >> 20) + " MiB)");
                return null;
            }
            try (java.io.InputStream in = Files.newInputStream(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                all = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
            }
            if (all.length > MAX_ENTRY_BYTES) {
                return null;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(Level.FINE, "compile cache: cannot read " + file + ": " + e);
            return null;
        }
        byte[] payload = verify(all);
        if (payload == null) {
            LOG.warning("compile cache: ignoring corrupt entry " + file + "; it will be rebuilt");
            invalidate(key);
        }
        return payload;
    }

    private static byte[] verify(byte[] all) {
        if (all.length < HEADER || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        b.position(MAGIC.length);
        byte[] digest = new byte[32];
        b.get(digest);
        long length = b.getLong();
        if (length != all.length - HEADER) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(all, HEADER, all.length);
        return MessageDigest.isEqual(digest, sha256(payload)) ? payload : null;
    }

    @Override
    public void putIfAbsent(String key, byte[] data) {
        Path file = fileFor(key);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            ByteBuffer b = ByteBuffer.allocate(HEADER + data.length);
            b.put(MAGIC).put(sha256(data)).putLong(data.length).put(data);
            Files.write(tmp, b.array());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "compile cache: cannot write " + file + ": " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }

    /** Removes an entry (corrupt, or whose classes failed to load). */
    void invalidate(String key) {
        try {
            Files.deleteIfExists(fileFor(key));
        } catch (IOException e) {
            LOG.log(Level.FINE, "compile cache: cannot delete " + fileFor(key) + ": " + e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
