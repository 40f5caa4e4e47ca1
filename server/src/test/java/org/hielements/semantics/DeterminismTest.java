package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.hielements.bench.WorkspaceGenerator;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.syntax.Ast;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;

/** The same workspace analysed with files and declarations in shuffled orders gives the same diagnostics. */
class DeterminismTest {

    private static Fixture fixture(Map<String, String> files) {
        Fixture f = new Fixture();
        files.forEach(f::file);
        return f;
    }

    /** What a diagnostic says, independent of where the declarations happen to be in the file. */
    private static List<String> keys(SemanticModel m) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : m.diagnostics()) {
            StringBuilder sb = new StringBuilder(d.source().name()).append(' ').append(d.code()).append(" [")
                    .append(Texts.collapse(d.source().text(), d.span())).append("] ").append(d.message());
            for (Diagnostic.Related r : d.related()) {
                sb.append(" | ").append(r.source().name()).append(": ").append(r.message());
            }
            out.add(sb.toString());
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void fileOrderDoesNotMatter() {
        Map<String, String> ws = WorkspaceGenerator.workspace(3000, 5);
        List<String> expected = Fixture.render(fixture(ws).analyze());
        assertTrue(expected.size() > 10, "the generated workspace has findings: " + expected.size());
        for (long seed = 1; seed <= 4; seed++) {
            List<String> names = new ArrayList<>(ws.keySet());
            Collections.shuffle(names, new Random(seed));
            Map<String, String> shuffled = new LinkedHashMap<>();
            for (String n : names) shuffled.put(n, ws.get(n));
            Fixture f = fixture(shuffled);
            assertEquals(expected, Fixture.render(f.analyze(names.toArray(String[]::new))), "seed " + seed);
        }
    }

    @Test
    void declarationOrderDoesNotMatter() {
        Map<String, String> ws = WorkspaceGenerator.workspace(2000, 3);
        List<String> expected = keys(fixture(ws).analyze());
        for (String code : List.of("E200", "E206", "E212", "E215", "E221")) {
            assertTrue(expected.stream().anyMatch(k -> k.contains(" " + code + " ")), code + " in " + expected);
        }
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            Map<String, String> shuffled = new LinkedHashMap<>();
            ws.forEach((name, text) -> shuffled.put(name, shuffle(name, text, random)));
            assertEquals(expected, keys(fixture(shuffled).analyze()), "seed " + seed);
        }
    }

    @Test
    void corpusFilesWithShuffledDeclarations() throws IOException {
        Path corpus = CorpusGoldenTest.fixtures().resolve("corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            // language_example.hie leaves blocks unclosed: moving its declarations changes what they contain
            files = s.filter(p -> p.toString().endsWith(".hie") && !p.endsWith("language_example.hie")).sorted()
                    .toList();
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace("\r\n", "\n");
            List<String> expected = keys(Fixture.of(name, text).analyze());
            for (long seed = 1; seed <= 3; seed++) {
                String shuffled = shuffle(name, text, new Random(seed));
                assertEquals(expected, keys(Fixture.of(name, shuffled).analyze()), name + " seed " + seed);
            }
        }
    }

    /** The text with its top-level declarations (with their doc comments) in a random order. */
    static String shuffle(String name, String text, Random random) {
        SourceText source = new SourceText(name, text);
        Ast.File file = Parser.parse(source).file();
        List<Integer> starts = new ArrayList<>();
        int previousEnd = file.imports().isEmpty() ? 0 : file.imports().get(file.imports().size() - 1).span().end();
        for (Ast.Declaration d : file.declarations()) {
            int start = d.span().start();
            Ast.DocComment doc = d instanceof Ast.Element e ? e.doc() : d instanceof Ast.Pattern pt ? pt.doc()
                    : ((Ast.Language) d).doc();
            if (doc != null) start = Math.min(start, doc.span().start());
            start = source.lineStart(source.line(start));
            starts.add(Math.max(start, previousEnd));
            previousEnd = d.span().end();
        }
        return WorkspaceGenerator.shuffleBlocks(text, starts, random);
    }
}
