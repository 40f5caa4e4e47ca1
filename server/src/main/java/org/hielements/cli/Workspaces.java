package org.hielements.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hielements.text.SourceText;

/**
 * Which workspace a {@code .hie} file is checked in (PRODUCT.md): the folder given with {@code --workspace}, else the
 * folder holding the {@code hielements.toml} nearest above the file, else the nearest folder above holding {@code .git}
 * (the repository: a {@code .hie} kept in {@code docs/} checks the code, not the {@code docs/} folder), else the file's
 * own folder. The command line prints the workspace it used.
 */
final class Workspaces {
    static final String CONFIG = "hielements.toml";

    private Workspaces() {}

    /** The files of one workspace, in the order they were given. */
    record Group(Path root, List<SourceText> sources) {}

    /** The workspace root of a file (absolute, normalized). */
    static Path rootOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(CONFIG))) return d;
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) return d;   // a folder, or a worktree's file
        }
        return dir == null ? abs : dir;
    }

    /** The sources grouped by workspace, groups in order of their first file; {@code override} puts all in one. */
    static List<Group> group(List<SourceText> sources, Path override) {
        Map<Path, List<SourceText>> groups = new LinkedHashMap<>();
        for (SourceText s : sources) {
            Path root = override != null ? override.toAbsolutePath().normalize() : rootOf(Path.of(s.name()));
            groups.computeIfAbsent(root, k -> new ArrayList<>()).add(s);
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((root, list) -> out.add(new Group(root, List.copyOf(list))));
        return out;
    }
}
