package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The semantic diagnostics of every corpus file ({@code test-fixtures/corpus}, built-in libraries only, no plugin
 * configured), pinned in {@code test-fixtures/golden/semantics/<file>.golden}. Lines starting with {@code #} explain
 * the findings and are ignored by the comparison. On a mismatch the actual output is written to
 * {@code target/golden-actual/semantics/}; {@code -Dgolden.update=true} rewrites the goldens (comments are lost:
 * re-add them).
 */
class CorpusGoldenTest {
    static Path fixtures() {
        return Path.of(System.getProperty("hielements.fixtures", "../test-fixtures"));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFile() throws IOException {
        Path corpus = fixtures().resolve("corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".hie")).sorted().toList();
        }
        assertTrue(files.size() >= 15, "corpus files found in " + corpus);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String name = file.getFileName().toString();
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        SemanticModel model = Fixture.of(name, text).allowSyntaxErrors().analyze();
        for (SourceFile f : model.files()) {
            for (Diagnostic d : f.parse().diagnostics()) {
                assertTrue(!d.isError(), "corpus files parse without errors: " + Fixture.render(d));
            }
        }
        List<String> actual = render(model);
        Path golden = fixtures().resolve("golden/semantics/" + name + ".golden");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.write(golden, actual, StandardCharsets.UTF_8);
        }
        List<String> expected = Files.exists(golden) ? withoutComments(Files.readAllLines(golden)) : List.of("<missing>");
        if (!expected.equals(actual)) {
            Path out = Path.of("target/golden-actual/semantics/" + name + ".golden");
            Files.createDirectories(out.getParent());
            Files.write(out, actual, StandardCharsets.UTF_8);
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual), name);
    }

    static List<String> withoutComments(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.startsWith("#") && !l.isBlank()) out.add(l);
        }
        return out;
    }

    /** {@code CODE line:col-line:col [text] message}, then {@code     related file:line:col message} lines. */
    static List<String> render(SemanticModel model) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : model.diagnostics()) {
            SourceText s = d.source();
            out.add(d.code() + " " + pos(s, d.span().start()) + "-" + pos(s, d.span().end()) + " ["
                    + Texts.collapse(s.text(), d.span()) + "] " + d.message());
            for (Diagnostic.Related r : d.related()) {
                out.add("    related " + r.source().name() + ":" + pos(r.source(), r.span().start()) + " "
                        + r.message());
            }
        }
        return out;
    }

    private static String pos(SourceText s, int offset) {
        return s.cliLine(offset) + ":" + s.cliColumn(offset);
    }
}
