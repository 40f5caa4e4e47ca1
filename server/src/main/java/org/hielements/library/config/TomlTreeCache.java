package org.hielements.library.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.hielements.library.ProductVersion;
import org.hielements.text.InputFile;
import org.tomlj.TomlVersion;

/**
 * The trees of TOML texts read before ({@link TomlTree}: {@code hielements.toml}, {@code Cargo.toml}), one file per text
 * in the user's cache ({@code <cache>/hielements/toml/<SHA-256 of the TOML version and the text>}), so that a command
 * line reading the same text again does not start tomlj: its ANTLR grammar took 75-110 ms of a cold JVM for a 15-line
 * file, and the plugins of a check start only after {@code hielements.toml} is read. Only texts tomlj read without an
 * error are kept (a text with errors is read by tomlj every time, for its messages).
 *
 * <p>An entry names its format, the product's version and tomlj's, and its key: any other entry is not used (nor one
 * cut short or otherwise unreadable: it is a miss, and the next write replaces it). Entries are written to a temporary
 * file and moved into place, so a reader never sees half of one. The folder is trimmed to {@link #MAX_ENTRIES} (the
 * least recently written go) at a process's first write and after every {@link #TRIM_EVERY} writes. Never throws: a
 * cache that cannot be read or written only costs tomlj's time.
 */
public final class TomlTreeCache {
    private static final Logger LOG = Logger.getLogger(TomlTreeCache.class.getName());
    /** Bumped when the entry or tree format changes. */
    private static final String FORMAT = "hielements-toml-tree 1";
    static final int MAX_ENTRIES = 512;
    static final int TRIM_EVERY = 64;
    /** This process's writes (the folder is trimmed at the first and then every {@link #TRIM_EVERY}). */
    private static final java.util.concurrent.atomic.AtomicInteger WRITES = new java.util.concurrent.atomic.AtomicInteger();
    /** An entry larger than this is not read (a tree is smaller than its text, at most {@link ConfigLoader#MAX_CONFIG_BYTES}). */
    private static final long MAX_ENTRY_BYTES = 4 * ConfigLoader.MAX_CONFIG_BYTES;

    private final Path folder;

    public TomlTreeCache(Path folder) {
        this.folder = folder;
    }

    /** The cache in the user's cache folder named by {@code environment}. */
    public static TomlTreeCache of(java.util.Map<String, String> environment) {
        return new TomlTreeCache(org.hielements.library.registry.PackageCache.userCacheRoot(environment)
                .resolve("toml"));
    }

    Path folder() {
        return folder;
    }

    /** The tree kept for {@code text} read as TOML {@code version}, if there is a usable one. */
    Optional<TomlTree.Table> get(TomlVersion version, String text) {
        String key = key(version, text);
        if (key == null) return Optional.empty();
        Path file = folder.resolve(key);
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
            byte[] bytes = InputFile.read(file, MAX_ENTRY_BYTES);
            byte[] header = header(key);
            if (bytes.length < header.length || !Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
                return Optional.empty();
            }
            return Optional.of(TomlTree.read(Arrays.copyOfRange(bytes, header.length, bytes.length)));
        } catch (InputFile.Refused | IOException | RuntimeException e) {
            LOG.log(Level.FINE, "parsed-TOML cache: " + file + " is not usable", e);
            return Optional.empty();
        }
    }

    /** Whether an entry for {@code text} read as TOML {@code version} exists (not whether it is usable). */
    boolean holds(TomlVersion version, String text) {
        Path entry = entry(version, text);
        return entry != null && Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** The file of the entry for {@code text} read as TOML {@code version} (null without SHA-256). */
    Path entry(TomlVersion version, String text) {
        String key = key(version, text);
        return key == null ? null : folder.resolve(key);
    }

    /** Keeps {@code tree} as what {@code text} reads to as TOML {@code version} (best effort). */
    void put(TomlVersion version, String text, TomlTree.Table tree) {
        String key = key(version, text);
        if (key == null) return;
        Path tmp = null;
        try {
            byte[] body = TomlTree.write(tree);
            if (!TomlTree.read(body).equals(tree)) return;    // a value the bytes do not carry exactly: not kept
            byte[] header = header(key);
            byte[] bytes = Arrays.copyOf(header, header.length + body.length);
            System.arraycopy(body, 0, bytes, header.length, body.length);
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, key, ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, folder.resolve(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            if (WRITES.getAndIncrement() % TRIM_EVERY == 0) trim();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "parsed-TOML cache: could not keep an entry in " + folder, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is replaced by nothing and costs nothing
                }
            }
        }
    }

    /** Removes the least recently written entries beyond {@link #MAX_ENTRIES} (and stale temporary files). */
    void trim() throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            for (Path p : s) entries.add(p);
        }
        if (entries.size() <= MAX_ENTRIES) return;
        List<Written> written = new ArrayList<>();
        for (Path p : entries) {
            try {
                written.add(new Written(p, Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)));
            } catch (IOException e) {
                // gone meanwhile (another run pruned it)
            }
        }
        written.sort(java.util.Comparator.comparing(Written::time));
        for (int i = 0; i < written.size() - MAX_ENTRIES; i++) Files.deleteIfExists(written.get(i).file());
    }

    private record Written(Path file, FileTime time) {}

    private static byte[] header(String key) {
        return (FORMAT + "\n" + ProductVersion.get() + "\ntomlj " + ProductVersion.tomlj() + "\n" + key + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 of the version's name and the text, in hex; null when the JVM has no SHA-256 (it always has). */
    private static String key(TomlVersion version, String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((version.name() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }
}
