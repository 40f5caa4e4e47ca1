package org.hielements.semantics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.text.SourceText;

/**
 * Where the analysis reads files that are imported (and roots given by path): the language server supplies its
 * unsaved editor buffers and falls back to disk. Paths are absolute and normalized.
 */
@FunctionalInterface
public interface SourceProvider {

    /** The current text of {@code file}, or empty when it does not exist or cannot be read (never throws). */
    Optional<SourceText> read(Path file);

    /**
     * Files on disk, read as UTF-8 (malformed bytes replaced). Each is named by its path relative to
     * {@code displayBase} when it lies under it (the way a user typed it on the command line), else by its absolute
     * path.
     */
    static SourceProvider disk(Path displayBase) {
        Path base = displayBase.toAbsolutePath().normalize();
        Logger log = Logger.getLogger(SourceProvider.class.getName());
        return file -> {
            try {
                if (!Files.isRegularFile(file)) return Optional.empty();
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                return Optional.of(new SourceText(displayName(base, file), text));
            } catch (IOException | InvalidPathException | SecurityException e) {
                log.log(Level.FINE, "cannot read " + file, e);
                return Optional.empty();
            }
        };
    }

    /** {@code overlay} first (texts keyed by absolute normalized path), then {@code this}. */
    default SourceProvider withOverlay(Map<Path, SourceText> overlay) {
        return file -> {
            SourceText t = overlay.get(file);
            return t != null ? Optional.of(t) : read(file);
        };
    }

    /** The name a file gets: relative to {@code base} when under it, else absolute. */
    static String displayName(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(base) && !abs.equals(base)) return base.relativize(abs).toString();
        return abs.toString();
    }
}
