package org.hielements.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * sorted by relative path. A large tree of code holds few {@code .hie} files: an entry's type is asked
     * ({@code lstat}) only while it may be a folder or is named {@code *.hie}, and the type of a link named
     * {@code *.hie} again with the link followed. On file systems that keep a folder's link count as two plus its
     * subfolders ({@link #COUNTED}: ext2/3/4, XFS, tmpfs; as {@code find}'s leaf optimization), once a folder's
     * subfolders are all found its other entries are not looked at, so a folder of code files costs no look per
     * file; elsewhere (another file system, a mount below, a count under two) every entry is looked at.
     */
    private static List<Path> find(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        BasicFileAttributes top = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!top.isDirectory()) return found;      // a link to a folder is not entered (as a walk that follows none)
        Object device = null;
        try {
            if (COUNTED.contains(Files.getFileStore(folder).type())) device = Files.getAttribute(folder, "unix:dev");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            device = null;                         // no counts to trust: every entry is looked at
        }
        search(folder, subfolders(folder, device), device, found);
        found.sort(Comparator.comparing(p -> folder.relativize(p).toString().replace('\\', '/')));
        return found;
    }

    /** File systems whose folders' link counts are two plus their subfolders. */
    private static final Set<String> COUNTED = Set.of("ext2", "ext3", "ext4", "xfs", "tmpfs");

    private static void search(Path dir, long subfolders, Object device, List<Path> found) throws IOException {
        long left = subfolders;                    // subfolders not found yet; -1: unknown
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path child : entries) {
                Path name = child.getFileName();
                boolean hie = name != null && name.toString().endsWith(".hie");
                if (left == 0 && !hie) continue;   // every subfolder found: this entry is no folder
                BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isDirectory()) {
                    if (left > 0) left--;
                    if (!hidden(name)) search(child, subfolders(child, device), device, found);
                } else if (hie && (a.isRegularFile() || a.isSymbolicLink() && Files.isRegularFile(child))) {
                    found.add(child);
                }
            }
        }
    }

    /** How many subfolders {@code dir} has by its link count; -1 when the count is not to be trusted. */
    private static long subfolders(Path dir, Object device) throws IOException {
        if (device == null) return -1;
        Map<String, Object> a = Files.readAttributes(dir, "unix:nlink,dev", LinkOption.NOFOLLOW_LINKS);
        if (!device.equals(a.get("dev")) || !(a.get("nlink") instanceof Integer n) || n < 2) return -1;
        return n - 2;
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
