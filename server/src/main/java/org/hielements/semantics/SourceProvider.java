package org.hielements.semantics;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.text.SourceText;
import org.hielements.text.InputFile;

/**
 * Where the analysis reads files that are imported (and roots given by path): the language server supplies its
 * unsaved editor buffers and falls back to disk. Paths are absolute and normalized.
 */
@FunctionalInterface
public interface SourceProvider {

    /** The current text of {@code file}, or empty when it does not exist or cannot be read (never throws). */
    Optional<SourceText> read(Path file);

    /** The text of a file, or why there is none. */
    sealed interface Loaded {
        /** The file's text. */
        record Found(SourceText text) implements Loaded {}

        /**
         * No text: {@code absent} when the file does not exist; {@code reason} in words that follow the file's name
         * ("does not exist", "is a FIFO (named pipe), not a regular file; it was not read", "cannot be read: ...").
         */
        record Missing(boolean absent, String reason) implements Loaded {}
    }

    /** As {@link #read}, saying why when there is no text (by default: the file does not exist). */
    default Loaded load(Path file) {
        Optional<SourceText> t = read(file);
        return t.isPresent() ? new Loaded.Found(t.get())
                : new Loaded.Missing(true, "does not exist");
    }

    /**
     * Files on disk, read through {@link InputFile} (regular files only, never a FIFO or device, at most
     * {@link InputFile#HIE_LIMIT} bytes) as UTF-8 (malformed bytes replaced). Each is named by its path relative to
     * {@code displayBase} when it lies under it (the way a user typed it on the command line), else by its absolute
     * path.
     */
    static SourceProvider disk(Path displayBase) {
        Path base = displayBase.toAbsolutePath().normalize();
        Logger log = Logger.getLogger(SourceProvider.class.getName());
        return new SourceProvider() {
            @Override
            public Optional<SourceText> read(Path file) {
                return load(file) instanceof Loaded.Found f ? Optional.of(f.text()) : Optional.empty();
            }

            @Override
            public Loaded load(Path file) {
                try {
                    return new Loaded.Found(new SourceText(displayName(base, file),
                            new String(InputFile.read(file, InputFile.HIE_LIMIT), StandardCharsets.UTF_8)));
                } catch (InputFile.Refused e) {
                    log.log(Level.FINE, "cannot read {0}: {1}", new Object[] {file, e.getMessage()});
                    return new Loaded.Missing(e.missing(), e.getMessage());
                } catch (InvalidPathException e) {
                    return new Loaded.Missing(true, "is not a valid path");
                }
            }
        };
    }

    /** {@code overlay} first (texts keyed by absolute normalized path), then {@code this}. */
    default SourceProvider withOverlay(Map<Path, SourceText> overlay) {
        return withBuffers(file -> Optional.ofNullable(overlay.get(file)));
    }

    /** {@code buffers} first (editor buffers by absolute normalized path), then {@code this}. */
    default SourceProvider withBuffers(Function<Path, Optional<SourceText>> buffers) {
        SourceProvider below = this;
        return new SourceProvider() {
            @Override
            public Optional<SourceText> read(Path file) {
                return buffers.apply(file).or(() -> below.read(file));
            }

            @Override
            public Loaded load(Path file) {
                Optional<SourceText> t = buffers.apply(file);
                return t.isPresent() ? new Loaded.Found(t.get()) : below.load(file);
            }
        };
    }

    /** The name a file gets: relative to {@code base} when under it, else absolute. */
    static String displayName(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(base) && !abs.equals(base)) return base.relativize(abs).toString();
        return abs.toString();
    }
}
