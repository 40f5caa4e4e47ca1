package org.hielements.service;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Document URIs and file paths. */
public final class Uris {
    private Uris() {}

    /** The file path of a {@code file:} URI; empty for other schemes or a malformed URI. */
    public static Optional<Path> toPath(String uri) {
        try {
            URI u = URI.create(uri);
            if (u.getScheme() == null || !u.getScheme().toLowerCase(Locale.ROOT).equals("file")) return Optional.empty();
            return Optional.of(Path.of(u).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * A path for any document: its file path, or for a document that is no file ({@code untitled:1}) a made-up path
     * under the temporary folder, unique per URI, so the semantic model can still name it.
     */
    public static Path pathOf(String uri) {
        return toPath(uri).orElseGet(() -> {
            String safe = uri.replaceAll("[^A-Za-z0-9._-]", "_");
            if (safe.length() > 100) safe = safe.substring(0, 60) + "_" + Integer.toHexString(uri.hashCode());
            return Path.of(System.getProperty("java.io.tmpdir"), "hielements-unsaved", safe).toAbsolutePath()
                    .normalize();
        });
    }

    /** The {@code file:} URI of a path. */
    public static String of(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }
}
