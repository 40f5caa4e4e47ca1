package org.hielements.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hielements.text.SourceText;
import org.hielements.text.InputFile;

/**
 * The {@code .hie} files named on the command line: a file as given, a folder as every {@code .hie} file under it
 * (hidden folders skipped), sorted by path. Files are read as UTF-8 (malformed bytes become U+FFFD, which the lexer
 * reports as E017) through {@link InputFile}: only regular files (a FIFO or device is refused without being opened),
 * at most {@link InputFile#HIE_LIMIT} bytes. A file or folder that cannot be read is a problem, reported with its
 * name.
 */
final class SourceFiles {
    private SourceFiles() {}

    /** The readable files, each named by its path as given (or folder as given joined with the relative path). */
    record Loaded(List<SourceText> sources, List<String> problems) {}

    static Loaded collect(List<Path> paths) {
        List<SourceText> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found;
                try {
                    found = find(path);
                } catch (IOException | RuntimeException e) {
                    problems.add("Failed to read folder '" + path + "': " + reason(e));
                    continue;
                }
                if (found.isEmpty()) problems.add("No .hie file found under '" + path + "'");
                for (Path p : found) read(p, p.toString(), sources, problems);
            } else {
                read(path, path.toString(), sources, problems);
            }
        }
        return new Loaded(sources, problems);
    }

    /**
     * The {@code .hie} files under {@code folder} (links to regular files included; hidden folders not entered),
     * sorted by relative path. One {@code lstat} per entry, from the walk: the type of a file is asked again (links
     * followed) only for a link named {@code *.hie}, so a large tree of code costs one look per file.
     */
    private static List<Path> find(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(folder) && hidden(dir.getFileName()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path name = file.getFileName();
                if (name != null && name.toString().endsWith(".hie")
                        && (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file))) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(p -> folder.relativize(p).toString().replace('\\', '/')));
        return found;
    }

    private static boolean hidden(Path name) {
        String segment = name == null ? "" : name.toString();
        return segment.startsWith(".") && !segment.equals(".") && !segment.equals("..");
    }

    private static void read(Path path, String name, List<SourceText> sources, List<String> problems) {
        try {
            sources.add(new SourceText(name, new String(InputFile.read(path, InputFile.HIE_LIMIT),
                    StandardCharsets.UTF_8)));
        } catch (InputFile.Refused e) {
            problems.add(e.missing() ? "Failed to read file '" + name + "': no such file or directory"
                    : "'" + name + "' " + e.getMessage());
        }
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e.getCause() instanceof IOException io && e instanceof RuntimeException) return reason(io);
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
