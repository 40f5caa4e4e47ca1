package org.hielements.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryError;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.ParameterDoc;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;

/**
 * The {@code sample} library of {@code test-fixtures/plugins/sample} written as Java code in the process, for the
 * plugin benchmark: the same functions and answers as the Python process plugin and the C WASM module, with no
 * transport at all, so that it shows what a call costs without a plugin boundary.
 */
public final class JavaSampleLibrary implements Library {
    private static final long MAX_PRIME_N = 10_000_000;
    private static final LibraryDoc DOC = new LibraryDoc("sample",
            "Sample plugin library: a folder selector and checks over a scope's files", "1.0.0",
            List.of(new FunctionDoc("simple_selector", "Selects every file under a folder of the workspace, or one file",
                    List.of(new ParameterDoc("path", "string", "Folder or file, relative to the workspace")), "Scope",
                    "sample.simple_selector('src')")),
            List.of(new FunctionDoc("always_pass", "Always passes", List.of(), "CheckResult", "sample.always_pass()"),
                    new FunctionDoc("file_count_check", "Passes when the scope has at most max files",
                            List.of(new ParameterDoc("scope", "Scope", "The files to count"),
                                    new ParameterDoc("max", "integer", "The largest number of files allowed")),
                            "CheckResult", "sample.file_count_check(src, 10)"),
                    new FunctionDoc("has_extension",
                            "Passes when the name of every file of the scope ends with the extension",
                            List.of(new ParameterDoc("scope", "Scope", "The files to look at"),
                                    new ParameterDoc("ext", "string", "The extension, with or without its dot")),
                            "CheckResult", "sample.has_extension(src, '.py')"),
                    new FunctionDoc("prime_count",
                            "Counts the primes below n by trial division (a compute-heavy check) and passes when "
                                    + "there are expected of them",
                            List.of(new ParameterDoc("n", "integer", "The bound (at most 10000000)"),
                                    new ParameterDoc("expected", "integer", "The expected number of primes below n")),
                            "CheckResult", "sample.prime_count(100000, 9592)")));

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public LibraryKind kind() {
        return LibraryKind.BUILTIN;
    }

    @Override
    public Value call(String function, List<Value> args, CallContext context) throws LibraryException {
        if (!function.equals("simple_selector")) throw error("unknown selector: " + function);
        String path = string(args, 0, "simple_selector", "first");
        String rel = path;
        while (rel.startsWith("./")) rel = rel.substring(2);
        while (rel.length() > 1 && rel.endsWith("/")) rel = rel.substring(0, rel.length() - 1);
        if (rel.equals(".")) rel = "";
        if (rel.startsWith("/") || List.of(rel.split("/", -1)).contains("..")) {
            throw error("simple_selector: the path must stay inside the workspace: " + path);
        }
        String ws = context.workspace().rootString();
        Path full = Path.of(rel.isEmpty() ? ws : ws + "/" + rel);
        if (Files.isDirectory(full, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.walk(full)) {
                s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
            } catch (IOException | RuntimeException e) {
                // an unreadable folder is skipped, as the other builds do
            }
            files.sort(Comparator.comparing(Path::toString));
            return Scope.of(ScopeKind.FOLDER, path, files);
        }
        if (Files.isRegularFile(full, LinkOption.NOFOLLOW_LINKS)) return Scope.of(ScopeKind.FILE, path, List.of(full));
        return Scope.empty(ScopeKind.FILE, path);
    }

    @Override
    public CheckResult check(String function, List<Value> args, CallContext context) throws LibraryException {
        switch (function) {
            case "always_pass":
                return new CheckResult.Pass();
            case "file_count_check": {
                List<Path> paths = scope(args, 0, "file_count_check", "first");
                long limit = integer(args, 1, "file_count_check", "second");
                return paths.size() <= limit ? new CheckResult.Pass()
                        : new CheckResult.Fail("Too many files: " + paths.size() + " > " + limit);
            }
            case "has_extension": {
                List<Path> paths = scope(args, 0, "has_extension", "first");
                String ext = string(args, 1, "has_extension", "second");
                if (!ext.startsWith(".")) ext = "." + ext;
                List<String> wrong = new ArrayList<>();
                for (Path p : paths) {
                    Path name = p.getFileName();
                    if (name == null || !name.toString().endsWith(ext)) wrong.add(p.toString());
                }
                if (wrong.isEmpty()) return new CheckResult.Pass();
                String prefix = context.workspace().rootString() + "/";
                List<String> shown = new ArrayList<>();
                for (String w : wrong.subList(0, Math.min(3, wrong.size()))) {
                    shown.add(w.startsWith(prefix) ? w.substring(prefix.length()) : w);
                }
                return new CheckResult.Fail(wrong.size() + " of " + paths.size() + " files do not end with '" + ext
                        + "': " + String.join(", ", shown) + (wrong.size() > 3 ? ", ..." : ""));
            }
            case "prime_count": {
                long n = integer(args, 0, "prime_count", "first");
                long expected = integer(args, 1, "prime_count", "second");
                if (n > MAX_PRIME_N) throw error("prime_count: n must be at most 10000000");
                long count = primesBelow(n);
                return count == expected ? new CheckResult.Pass()
                        : new CheckResult.Fail("There are " + count + " primes below " + n + ", not " + expected);
            }
            default:
                throw error("unknown check: " + function);
        }
    }

    /** Trial division, the same loop as sample.c and sample_plugin.py. */
    static long primesBelow(long n) {
        long count = 0;
        for (long p = 2; p < n; p++) {
            if (p % 2 == 0) {
                if (p == 2) count++;
                continue;
            }
            boolean prime = true;
            for (long d = 3; d * d <= p; d += 2) {
                if (p % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) count++;
        }
        return count;
    }

    private static LibraryException error(String message) {
        return new LibraryException(new LibraryError("E-32000", message));
    }

    private static String string(List<Value> args, int i, String function, String which) throws LibraryException {
        Optional<String> s = i < args.size() ? args.get(i).asString() : Optional.empty();
        if (s.isEmpty()) throw error(function + ": argument " + (i + 1) + " must be a string");
        return s.get();
    }

    private static long integer(List<Value> args, int i, String function, String which) throws LibraryException {
        if (i < args.size() && args.get(i) instanceof Value.IntValue v) return v.value();
        throw error(function + ": argument " + (i + 1) + " must be an integer");
    }

    private static List<Path> scope(List<Value> args, int i, String function, String which) throws LibraryException {
        if (i < args.size() && args.get(i) instanceof Scope s) return s.paths();
        throw error(function + ": argument " + (i + 1) + " must be a scope");
    }

    @Override
    public Optional<LibraryDoc> knownFunctions() {
        return Optional.of(DOC);
    }

    @Override
    public LibraryDoc documentation() {
        return DOC;
    }
}
