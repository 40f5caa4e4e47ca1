package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Workspace;
import org.hielements.library.config.Libraries;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceProvider;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus file ({@code test-fixtures/corpus}, upstream's examples) run against the small workspace built for it
 * ({@code test-fixtures/workspaces/corpus/<name>/}, with its {@code hielements.toml} when it has plugins), the
 * outcomes and the diagnostics found while running pinned in {@code test-fixtures/golden/run/<name>.golden}. Lines
 * starting with {@code #} are comments, ignored by the comparison and kept by {@code -Dgolden.update=true}, which
 * rewrites the rest. On a mismatch the actual output is written to {@code target/golden-actual/run/}.
 */
class CorpusRunGoldenTest {
    static Path fixtures() {
        return Path.of(System.getProperty("hielements.fixtures", "../test-fixtures"));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileRunsAgainstItsWorkspace() throws IOException {
        Path corpus = fixtures().resolve("corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".hie")).sorted().toList();
        }
        assertTrue(files.size() >= 15, "corpus files found in " + corpus);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    static List<String> run(Path file, Path workspace) throws IOException {
        String name = file.getFileName().toString();
        SourceText text = new SourceText(name, Files.readString(file, StandardCharsets.UTF_8));
        ParseResult parsed = Parser.parse(text);
        try (Libraries libs = Libraries.load(workspace)) {
            libs.describeAll();
            SemanticModel model = new Analyzer(KnownLibraries.of(libs.registry()), SourceProvider.disk(workspace),
                    workspace).analyze(Map.of(file.toAbsolutePath().normalize(), parsed));
            RunResult r = new Evaluator(model, libs.registry(), Workspace.of(workspace)).run(RunOptions.defaults());
            List<String> out = new ArrayList<>();
            for (Diagnostic d : libs.diagnostics()) out.add("config " + CheckFixture.render(d));
            for (Outcome o : r.outcomes()) out.add(row(o));
            for (Diagnostic d : r.diagnostics()) out.add("diagnostic " + CheckFixture.render(d));
            out.add("summary: " + r.total() + " total, " + r.passed() + " passed, " + r.failed() + " failed, "
                    + r.errors() + " errors");
            return out;
        }
    }

    /** {@code STATUS element :: check [(origin)]}, then for a failure or error the message, code and position. */
    static String row(Outcome o) {
        StringBuilder sb = new StringBuilder(o.status().name()).append(' ').append(o.element()).append(" :: ")
                .append(o.check());
        if (o.origin() != null) sb.append("  (").append(o.kind().word()).append(' ').append(o.origin()).append(')');
        if (!o.passed()) {
            sb.append("\n    --> ").append(o.message()).append(" [").append(o.code()).append("] at ")
                    .append(o.source().cliLine(o.span().start())).append(':')
                    .append(o.source().cliColumn(o.span().start()));
        }
        return sb.toString();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    private static void check(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path workspace = fixtures().resolve("workspaces/corpus/" + name.substring(0, name.length() - 4))
                .toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(workspace), "a workspace for " + name + " at " + workspace);
        if (Files.readString(workspace.resolve("hielements.toml").toFile().exists()
                ? workspace.resolve("hielements.toml") : file).contains("python3") && !onPath("python3")) {
            System.err.println("!!! CorpusRunGoldenTest: python3 is not on the PATH: the process plugin of " + name
                    + " cannot start, so its golden cannot match (install python3)");
        }
        List<String> actual = new ArrayList<>();
        for (String row : run(file, workspace)) actual.addAll(List.of(row.split("\n")));
        Path golden = fixtures().resolve("golden/run/" + name + ".golden");
        List<String> existing = Files.exists(golden) ? Files.readAllLines(golden, StandardCharsets.UTF_8) : List.of();
        if (Boolean.getBoolean("golden.update")) {
            List<String> updated = new ArrayList<>();
            for (String line : existing) {
                if (line.startsWith("#")) updated.add(line);
                else break;
            }
            updated.addAll(actual);
            Files.createDirectories(golden.getParent());
            Files.write(golden, updated, StandardCharsets.UTF_8);
            existing = updated;
        }
        List<String> expected = new ArrayList<>();
        for (String line : existing) {
            if (!line.startsWith("#")) expected.add(line);
        }
        if (existing.isEmpty()) expected.add("<missing golden " + golden + ">");
        if (!expected.equals(actual)) {
            Path out = Path.of("target/golden-actual/run/" + name + ".golden");
            Files.createDirectories(out.getParent());
            Files.write(out, actual, StandardCharsets.UTF_8);
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual), name);
    }
}
