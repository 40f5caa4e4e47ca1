package org.hielements.library.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.hielements.text.InputFile;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/**
 * {@code hielements.lock}: for each library of {@code hielements.toml} given as a package, the package, the range it
 * was resolved from, the version chosen and its tarball's integrity (SHA-512, as the registry gave it). Written only by
 * {@code hielements plugins add/update} (through the command line's safe writer), in one deterministic form: sorted by
 * library name, no dates, no addresses (the tarball is looked up by name and version in whatever registry
 * {@code .npmrc} names, so a mirror serves the same lock):
 * <pre>{@code
 * # hielements.lock: ...
 * lockfile = 1
 *
 * [libraries.ts]
 * package = "@acme/hie-typescript"
 * range = "^1.2"
 * version = "1.2.5"
 * integrity = "sha512-..."
 * }</pre>
 */
public final class Lockfile {
    public static final String FILE_NAME = "hielements.lock";
    /** The largest lock read. */
    public static final long MAX_BYTES = 1024 * 1024;
    private static final int FORMAT = 1;

    /**
     * One locked package.
     *
     * @param library   the {@code hielements.toml} entry
     * @param name      the package name
     * @param range     the range of the entry when it was locked
     * @param version   the version chosen
     * @param integrity its tarball's SHA-512
     */
    public record Entry(String library, String name, String range, String version, Integrity integrity) {
        public Entry {
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(integrity, "integrity");
        }

        /** Whether this entry still stands for {@code spec}: the same package, its version in the range. */
        public boolean matches(PackageSpec spec) {
            return name.equals(spec.name()) && spec.range().includes(version);
        }
    }

    private final Map<String, Entry> entries;

    public Lockfile(Map<String, Entry> entries) {
        this.entries = new TreeMap<>(entries);
    }

    public static Lockfile empty() {
        return new Lockfile(Map.of());
    }

    /** The lock of a workspace; empty when there is none; {@link Unreadable} when it cannot be read. */
    public static Lockfile read(Path workspaceRoot) throws Unreadable {
        Path file = workspaceRoot.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = InputFile.read(file, MAX_BYTES);
        } catch (InputFile.Refused e) {
            if (e.missing()) return empty();
            throw new Unreadable(FILE_NAME + " " + e.getMessage());
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Reads a lock's text. */
    public static Lockfile parse(String text) throws Unreadable {
        TomlParseResult toml = Toml.parse(text, TomlVersion.V1_0_0);
        if (toml.hasErrors()) {
            throw new Unreadable(FILE_NAME + " is not valid TOML: " + toml.errors().get(0).toString());
        }
        Object format = toml.get("lockfile");
        if (!(format instanceof Long f) || f != FORMAT) {
            throw new Unreadable(FILE_NAME + " is not a lock of this version (lockfile = " + FORMAT + " expected)");
        }
        Map<String, Entry> out = new TreeMap<>();
        TomlTable libs = toml.getTable("libraries");
        if (libs != null) {
            for (String lib : libs.keySet()) {
                Object v = libs.get(List.of(lib));
                if (!(v instanceof TomlTable t)) throw new Unreadable(FILE_NAME + ": libraries." + lib + " is not a table");
                String name = string(t, lib, "package");
                String range = string(t, lib, "range");
                String version = string(t, lib, "version");
                String sri = string(t, lib, "integrity");
                Integrity integrity = Integrity.parse(sri).orElseThrow(() -> new Unreadable(FILE_NAME + ": libraries."
                        + lib + ".integrity is not a sha512 integrity"));
                if (!NpmRange.isVersion(version)) {
                    throw new Unreadable(FILE_NAME + ": libraries." + lib + ".version is not a version");
                }
                out.put(lib, new Entry(lib, name, range, version, integrity));
            }
        }
        return new Lockfile(out);
    }

    private static String string(TomlTable t, String lib, String key) throws Unreadable {
        Object v = t.get(List.of(key));
        if (v instanceof String s) return s;
        throw new Unreadable(FILE_NAME + ": libraries." + lib + "." + key + " is missing or not a string");
    }

    public Optional<Entry> entry(String library) {
        return Optional.ofNullable(entries.get(library));
    }

    public Map<String, Entry> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    /** This lock with {@code entry} set (replacing the library's). */
    public Lockfile with(Entry entry) {
        Map<String, Entry> m = new TreeMap<>(entries);
        m.put(entry.library(), entry);
        return new Lockfile(m);
    }

    /** This lock with only the libraries of {@code keep}. */
    public Lockfile retain(java.util.Collection<String> keep) {
        Map<String, Entry> m = new TreeMap<>(entries);
        m.keySet().retainAll(keep);
        return new Lockfile(m);
    }

    /** The text written: the same entries always give the same bytes. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("# hielements.lock: the plugin packages of hielements.toml, pinned to a version and its tarball's "
                + "SHA-512.\n# Written by 'hielements plugins add' and 'hielements plugins update'; commit it, do not "
                + "edit it.\n");
        b.append("lockfile = ").append(FORMAT).append('\n');
        for (Entry e : entries.values()) {
            String key = e.library().matches("[A-Za-z0-9_-]+") ? e.library() : quote(e.library());
            b.append('\n').append("[libraries.").append(key).append("]\n");
            b.append("package = ").append(quote(e.name())).append('\n');
            b.append("range = ").append(quote(e.range())).append('\n');
            b.append("version = ").append(quote(e.version())).append('\n');
            b.append("integrity = ").append(quote(e.integrity().sri())).append('\n');
        }
        return b.toString();
    }

    /** A TOML basic string. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04X", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** A lock that cannot be read, with the reason. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreadable(String message) {
            super(message);
        }
    }

    /** The libraries locked, in order. */
    public List<String> libraries() {
        return new ArrayList<>(entries.keySet());
    }
}
