package org.hielements.library.builtin;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.hielements.library.CheckResult;
import org.hielements.library.FileIndex;
import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;

/**
 * {@code files}: selecting files and folders, checking existence, names and sizes (upstream-libraries.md §2.2), with
 * these deliberate differences: no path leaves the workspace (an absolute path or an escaping {@code ..} is an argument
 * error; a symlink leading outside counts as missing), {@code contains} matches whole path segments
 * ({@code main.rs} does not match {@code domain.rs}; in a folder at any depth), {@code no_files_matching} judges the
 * scope's own entries ({@link #noFilesMatching}), a negative {@code max_size} is an argument error, paths are
 * absolute inside and printed relative to the workspace, and selector results are sorted. On a crate's scope
 * ({@code rust.crate_selector}) {@code exists}, {@code contains} and {@code no_files_matching} look in the crate's own
 * folder, wherever it is ({@code crates/matcher} for {@code grep-matcher}; upstream looked in {@code ws/<name>}), and
 * {@code exists} also in its {@code src/}: {@code files.exists(crate, 'lib.rs')}.
 */
final class FilesLibrary extends BuiltinLibrary {

    FilesLibrary() {
        super("files", "File system operations library for selecting files/folders and checking file existence.",
                "E199");
        selector(doc("file_selector", "Select a single file by its path relative to the workspace.", "Scope",
                "scope main = files.file_selector('src/main.rs')",
                param("path", "string", "Relative path to the file from workspace root")), this::fileSelector);
        selector(doc("folder_selector", "Select a folder and all files within it recursively.", "Scope",
                "scope src = files.folder_selector('src')",
                param("path", "string", "Relative path to the folder from workspace root")), this::folderSelector);
        selector(doc("glob_selector", "Select files matching a glob pattern.", "Scope",
                "scope rust_files = files.glob_selector('**/*.rs')",
                param("pattern", "string", "Glob pattern (e.g., '**/*.rs', 'src/*.py')")), this::globSelector);

        check(doc("exists", "Check if a file exists within a scope.", "CheckResult",
                "check files.exists(src, 'main.rs')",
                param("scope", "Scope", "The scope to check within"),
                param("filename", "string", "The filename to look for")), this::exists);
        check(doc("contains", "Check if a scope contains a file with the given name.", "CheckResult",
                "check files.contains(docs, 'README.md')",
                param("scope", "Scope", "The scope to check"),
                param("filename", "string", "The filename to look for")), this::contains);
        check(doc("no_files_matching", "Check that no files match a given pattern within a scope.", "CheckResult",
                "check files.no_files_matching(src, '*.bak')",
                param("scope", "Scope", "The scope to check"),
                param("pattern", "string", "Glob pattern that should not match any files")), this::noFilesMatching);
        check(doc("max_size", "Check that all files in a scope are under a maximum size.", "CheckResult",
                "check files.max_size(assets, 1048576)",
                param("scope", "Scope", "The scope to check"),
                param("max_bytes", "integer", "Maximum file size in bytes")), this::maxSize);
    }

    @Override
    String unknownSelectorMessage(String function) {
        return "Unknown function: files." + function;
    }

    @Override
    String unknownCheckMessage(String function) {
        return "Unknown check function: files." + function;
    }

    // ---------------------------------------------------------------- selectors

    private Value fileSelector(List<Value> args, Workspace ws) throws LibraryException {
        String path = Args.string(args, 0, "E100", "file_selector requires a string path argument");
        Path p = ws.resolve(path, "file_selector", "E100");
        return Scope.of(ScopeKind.FILE, path, ws.isRegularFileInside(p) ? List.of(p) : List.of());
    }

    private Value folderSelector(List<Value> args, Workspace ws) throws LibraryException {
        String path = Args.string(args, 0, "E101", "folder_selector requires a string path argument");
        Path p = ws.resolve(path, "folder_selector", "E101");
        return Scope.of(ScopeKind.FOLDER, path, filesUnderFolder(ws, p));
    }

    /**
     * Every regular file under the folder {@code p} (from the shared listing). A folder reached through a symlink that
     * stays inside the workspace is listed under the path as written, as upstream (whose walk follows its root).
     */
    static List<Path> filesUnderFolder(Workspace ws, Path p) {
        Optional<Path> real = ws.realPathInside(p);
        if (real.isEmpty() || !java.nio.file.Files.isDirectory(real.get())) return List.of();
        List<Path> out = new ArrayList<>();
        for (FileIndex.Entry e : ws.index().filesUnder(ws.segments(real.get()))) {
            out.add(real.get().equals(p) ? e.absolute() : p.resolve(real.get().relativize(e.absolute())));
        }
        return out;
    }

    private Value globSelector(List<Value> args, Workspace ws) throws LibraryException {
        String pattern = Args.string(args, 0, "E102", "glob_selector requires a string pattern argument");
        Path full = ws.resolve(pattern, "glob_selector", "E102");
        Optional<GlobPattern> glob = GlobPattern.compile(ws.segments(full));
        List<Path> paths = new ArrayList<>();
        if (glob.isPresent()) {          // as upstream, an invalid pattern selects nothing
            for (FileIndex.Entry e : ws.index().files()) {
                if (glob.get().matches(e.segments(), false)) paths.add(e.absolute());
            }
        }
        return Scope.of(ScopeKind.GLOB, pattern, paths);
    }

    // ---------------------------------------------------------------- checks

    private CheckResult exists(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E110", "exists requires a scope as first argument");
        String filename = Args.string(args, 1, "E111", "exists requires a filename as second argument");
        switch (scope.kind()) {
            case FILE: {
                Path p = scopePath(ws, scope, "exists", "E110");
                return ws.existsInside(p) ? CheckResult.pass()
                        : CheckResult.fail("File '" + scope.argument() + "' does not exist");
            }
            case FOLDER: {
                Path folder = scopePath(ws, scope, "exists", "E110");
                Path f = ws.resolveFrom(folder, filename, "exists", "E111");
                if (ws.existsInside(f)) return CheckResult.pass();
                if (scope.folder() != null) {        // a crate: its sources too (files.exists(crate, 'lib.rs'))
                    Path src = ws.resolveFrom(folder.resolve("src"), filename, "exists", "E111");
                    if (ws.existsInside(src)) return CheckResult.pass();
                }
                return CheckResult.fail("File '" + filename + "' does not exist in folder '" + scope.argument() + "'");
            }
            default: {
                for (Path p : scope.paths()) {
                    Path name = p.getFileName();
                    if (name != null && name.toString().equals(filename)) return CheckResult.pass();
                }
                return CheckResult.fail("No file named '" + filename + "' found in scope");
            }
        }
    }

    /**
     * The path a File or Folder scope's argument names, relative to the workspace as upstream; an absolute argument (a
     * plugin's scope) is accepted when it lies inside the workspace. Anything leaving the workspace is an argument error.
     * A scope standing for a folder of its own (a crate selected by name) names that folder.
     */
    private static Path scopePath(Workspace ws, Scope scope, String function, String code) throws LibraryException {
        if (scope.folder() != null && ws.contains(scope.folder())) return scope.folder();   // a crate's own folder
        try {
            Path p = Path.of(scope.argument());
            if (p.isAbsolute() && ws.contains(p)) return p.normalize();
        } catch (InvalidPathException e) {
            // reported by resolve below
        }
        return ws.resolve(scope.argument(), function, code);
    }

    private CheckResult contains(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E112", "contains requires a scope as first argument");
        String filename = Args.string(args, 1, "E113", "contains requires a filename as second argument");
        Path suffix = segmentSuffix(filename);
        if (scope.kind() == ScopeKind.FOLDER) {
            // directly in the folder (a file or folder of that name), or a file of that name at any depth below it
            Path folder = scopePath(ws, scope, "contains", "E112");
            Path f = ws.resolveFrom(folder, filename, "contains", "E113");
            if (ws.existsInside(f)) return CheckResult.pass();
            if (suffix != null) {
                for (Path p : scope.paths()) {
                    if (folder.relativize(p).endsWith(suffix)) return CheckResult.pass();
                }
            }
            return CheckResult.fail("Folder '" + scope.argument() + "' does not contain '" + filename + "'");
        }
        if (suffix != null) {
            for (Path p : scope.paths()) {
                Path relative = ws.contains(p) ? ws.root().relativize(p) : p;
                if (relative.endsWith(suffix)) return CheckResult.pass();   // whole segments: main.rs is not domain.rs
            }
        }
        return CheckResult.fail("Scope does not contain '" + filename + "'");
    }

    /** The filename as a relative path of whole segments, or null when it cannot match any path. */
    private static Path segmentSuffix(String filename) {
        List<String> segs = new ArrayList<>();
        for (String s : filename.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) segs.add(s);
        }
        if (segs.isEmpty() || segs.contains("..")) return null;
        try {
            return Path.of(segs.get(0), segs.subList(1, segs.size()).toArray(new String[0]));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * No entry of the scope matches the pattern. The candidates are the scope's own files, and for a folder scope also
     * the folders and links below it (a {@code '__pycache__'} pattern names folders; links are named, never followed).
     * A pattern without {@code /} is matched against each name at any depth, as {@code .gitignore} does
     * ({@code '*.pyc'} finds {@code src/pkg/__pycache__/m.pyc}); one with {@code /} against the path relative to the
     * scope's folder (a folder scope) or to the workspace root (any other scope). Upstream globbed from a base folder
     * instead: never below it without {@code **}, and for a glob or file scope files that were not in the scope at all.
     */
    private CheckResult noFilesMatching(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E114", "no_files_matching requires a scope as first argument");
        String pattern = Args.string(args, 1, "E115", "no_files_matching requires a pattern as second argument");
        boolean byName = !pattern.contains("/");
        Path base = scope.kind() == ScopeKind.FOLDER ? scopePath(ws, scope, "no_files_matching", "E114") : ws.root();
        List<String> baseSegments = ws.contains(base) ? ws.segments(base) : List.of();
        Optional<GlobPattern> glob = byName ? GlobPattern.compile(List.of(pattern))
                : GlobPattern.compile(relativeSegments(ws, base,
                        ws.resolveFrom(base, pattern, "no_files_matching", "E115")));
        if (glob.isEmpty() || pattern.isEmpty()) return CheckResult.error("E115", "Invalid glob pattern: " + pattern);
        List<String> matches = new ArrayList<>();
        if (scope.kind() == ScopeKind.FOLDER) {
            Optional<Path> real = ws.realPathInside(base);
            if (real.isPresent() && java.nio.file.Files.isDirectory(real.get())) {
                List<String> under = ws.segments(real.get());
                FileIndex index = ws.index();
                collect(index.directories(), under, baseSegments, glob.get(), byName, true, matches);
                collect(index.files(), under, baseSegments, glob.get(), byName, false, matches);
                collect(index.links(), under, baseSegments, glob.get(), byName, false, matches);
            }
        } else {
            for (Path p : scope.paths()) {
                if (!ws.contains(p)) continue;
                List<String> segs = ws.segments(p);
                if (segs.isEmpty()) continue;
                if (byName ? glob.get().matches(segs.subList(segs.size() - 1, segs.size()), false)
                        : glob.get().matches(segs, false)) {
                    matches.add(String.join("/", segs));
                }
            }
        }
        if (matches.isEmpty()) return CheckResult.pass();
        matches = new ArrayList<>(new java.util.TreeSet<>(matches));
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < Math.min(5, matches.size()); i++) {
            if (i > 0) list.append(", ");
            list.append(debugString(matches.get(i)));
        }
        list.append(']');
        return CheckResult.fail("Found " + matches.size() + " files matching pattern '" + pattern + "': " + list);
    }

    /** The entries strictly below {@code under} (real segments) that match; named by {@code shownBase} + the rest. */
    private static void collect(List<FileIndex.Entry> entries, List<String> under, List<String> shownBase,
            GlobPattern glob, boolean byName, boolean directory, List<String> out) {
        int n = under.size();
        for (FileIndex.Entry e : entries) {
            List<String> segs = e.segments();
            if (segs.size() <= n || !e.isUnder(under)) continue;
            List<String> rel = segs.subList(n, segs.size());
            boolean hit = byName ? glob.matches(segs.subList(segs.size() - 1, segs.size()), directory)
                    : glob.matches(rel, directory);
            if (!hit) continue;
            List<String> shown = new ArrayList<>(shownBase);
            shown.addAll(rel);
            out.add(String.join("/", shown));
        }
    }

    /** The segments of {@code p} below {@code base} (both inside the workspace). */
    private static List<String> relativeSegments(Workspace ws, Path base, Path p) {
        List<String> all = ws.segments(p);
        List<String> b = ws.contains(base) ? ws.segments(base) : List.of();
        return all.size() >= b.size() && all.subList(0, b.size()).equals(b) ? all.subList(b.size(), all.size()) : all;
    }

    private static int compareSegments(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** A string as Rust's {@code {:?}} prints it: double-quoted, with {@code "} and {@code \} escaped. */
    static String debugString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append("\\u{").append(Integer.toHexString(c)).append('}');
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private CheckResult maxSize(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E116", "max_size requires a scope as first argument");
        long max = Args.integer(args, 1, "E117", "max_size requires a number as second argument");
        if (max < 0) {
            throw new LibraryException("E117",
                    "max_size requires a non-negative number as second argument, found " + max);
        }
        for (Path p : scope.paths()) {
            OptionalLong size = ws.size(p);      // missing, unreadable or outside the workspace: skipped
            if (size.isPresent() && size.getAsLong() > max) {
                return CheckResult.fail("File '" + ws.display(p) + "' exceeds maximum size (" + size.getAsLong()
                        + " > " + max + " bytes)");
            }
        }
        return CheckResult.pass();
    }
}
