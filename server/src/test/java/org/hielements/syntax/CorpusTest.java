package org.hielements.syntax;

import org.hielements.text.SourceText;

import static org.hielements.syntax.Hie.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hielements.diagnostics.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every upstream example (copied into test-fixtures/corpus, see ORIGIN.md there) parses with no error. */
class CorpusTest {
    static Stream<Path> corpus() throws IOException {
        Path dir = Hie.fixtures().resolve("corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".hie")).sorted().toList();
        }
        assertEquals(15, files.size(), "the corpus copies are missing from " + dir);
        return files.stream();
    }

    static ParseResult parse(Path file) throws IOException {
        return Parser.parse(new SourceText(file.getFileName().toString(),
                new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesWithoutError(Path file) throws IOException {
        ParseResult r = parse(file);
        List<String> diags = r.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList();
        if (file.getFileName().toString().equals("language_example.hie")) {
            assertEquals(List.of("W002 block opened here is never closed", "W002 block opened here is never closed"),
                    diags);
        } else {
            assertEquals(List.of(), diags);
        }
        assertFalse(r.file().declarations().isEmpty());
    }

    @Test
    void languageExampleHasUpstreamsTree() throws IOException {
        ParseResult r = parse(Hie.fixtures().resolve("corpus/language_example.hie"));
        assertEquals(List.of("python", "rust"),
                r.file().languages().stream().map(l -> l.name().text()).toList());
        assertEquals(2, r.file().languages().get(0).checks().size());
        assertEquals("python.imports_allowed(source, target)",
                AstPrinter.print(r.file().languages().get(0).checks().get(0).body()));
        // the two unclosed '{': full_stack_app ends up a child of api_service, as upstream
        Ast.Element api = r.file().elements().get(0);
        assertEquals("api_service", api.name().text());
        assertEquals(List.of("scope src", "scope tests", "check files.exists(src, '__init__.py')",
                "element full_stack_app"), names(api.items()));
        Ast.Element fullStack = api.items(Ast.Element.class).get(0);
        assertEquals("A multi-language system implementing the multilingual_app pattern", fullStack.doc().text());
        assertEquals(List.of("element frontend", "element backend"), names(fullStack.items()));
        for (Diagnostic d : r.diagnostics()) assertEquals("{", r.source().text().substring(d.span().start(),
                d.span().end()));
    }

    @Test
    void hierarchicalUsesEveryRequirementForm() throws IOException {
        ParseResult r = parse(Hie.fixtures().resolve("corpus/hierarchical.hie"));
        Ast.Pattern dockerized = r.file().patterns().get(0);
        // the banner lines before it are doc comments too: a doc run collects every ## line since the last statement
        String bar = "=".repeat(76);
        assertEquals(bar + "\nTemplates\n" + bar + "\nDockerized Template\n"
                + "Requires that at least one descendant element has a docker configuration.", dockerized.doc().text());
        assertEquals(List.of("requires descendant ScopeSpec", "requires descendant CheckSpec"),
                names(dockerized.items()));
        Ast.Element myApp = r.file().elements().get(0);
        assertEquals(List.of("dockerized", "observable"),
                myApp.implemented().stream().map(Ast.Name::text).toList());
        assertEquals(List.of("scope root", "element frontend", "element backend", "element metrics"),
                names(myApp.items()));
    }

    @Test
    void crlfFilesHaveTheSameTreeAsTheirLfVersion() throws IOException {
        for (String name : List.of("minimal.hie", "simple.hie", "microservices.hie")) {
            Path file = Hie.fixtures().resolve("corpus").resolve(name);
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertTrue(text.contains("\r\n"), name + " should keep its CRLF line endings");
            ParseResult crlf = Parser.parse(new SourceText(name, text));
            ParseResult lf = Parser.parse(new SourceText(name, text.replace("\r\n", "\n")));
            assertEquals(shape(lf.file()), shape(crlf.file()), name);
        }
    }

    /** The tree without spans: the names of everything, recursively. */
    private static String shape(Ast.File f) {
        StringBuilder b = new StringBuilder();
        for (Ast.Element e : f.elements()) shape(e, b);
        return b.toString();
    }

    private static void shape(Ast.Element e, StringBuilder b) {
        b.append("element ").append(e.name().text()).append(" [").append(e.doc() == null ? "" : e.doc().text())
                .append("] {");
        for (Ast.Item i : e.items()) {
            if (i instanceof Ast.Element child) shape(child, b);
            else b.append(Hie.itemName(i)).append("; ");
        }
        b.append("} ");
    }
}
