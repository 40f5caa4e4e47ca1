package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.Position;
import org.hielements.text.SourceText;
import org.hielements.text.Span;
import org.junit.jupiter.api.Test;

/**
 * {@code hielements parse} streams its JSON; the bytes are those of the earlier version, which built the whole
 * document as a Jackson tree and printed it (kept here, {@link #tree}, as the reference).
 */
class TreeJsonTest {
    private static final Path FIXTURES = Path.of(System.getProperty("hielements.fixtures", "../test-fixtures"));

    @Test
    void everyFixtureStreamsTheBytesOfTheTreeVersion() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(FIXTURES)) {
            files = s.filter(p -> p.toString().endsWith(".hie")).sorted().toList();
        }
        assertTrue(files.size() >= 20, "fixtures found: " + files);
        for (Path f : files) {
            SourceText source = new SourceText(f.toString(), Files.readString(f));
            assertSame(Parser.parse(source), f.toString());
        }
    }

    @Test
    void escapesNumbersBrokenInputAndAKindComponent() {
        String text = "import files\n"
                + "## Doc with \u007f, \u0085, \u202e bidi, \u2028, emoji \ud83d\ude00 and \"quotes\" \\ back\n"
                + "pattern p:\n    requires element x: kind\n"
                + "element a:\n    scope s = files.folder_selector('caf\u00e9 \u0007 \t tab')\n"
                + "    check files.max_size(s, 12.5)\n    check files.exists(s, 7)\n"
                + "element b implements p:\n    x = a\n"
                + "element broken(:\n    scope = \n\u00e9l\u00e9ment\n";
        ParseResult parsed = Parser.parse(new SourceText("t\u00e9st \u001b.hie", text));
        assertTrue(parsed.hasErrors(), "the broken part is an error");
        String out = assertSame(parsed, "synthetic");
        assertTrue(out.contains("\\u202E") && out.contains("\\u007F") && out.contains("\\u001B"), out);
        assertTrue(out.contains("12.5"), out);
    }

    private static String assertSame(ParseResult parsed, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ParseCommand.write(parsed, bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String streamed = bytes.toString(StandardCharsets.UTF_8);
        ObjectNode root = Json.NODES.objectNode();
        root.put("file", parsed.source().name());
        ArrayNode diagnostics = root.putArray("diagnostics");
        for (Diagnostic d : parsed.diagnostics()) diagnostics.add(Json.diagnostic(d));
        root.set("tree", tree(parsed.source(), parsed.file()));
        assertArrayEquals((Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8), bytes.toByteArray(), what);
        return streamed;
    }

    // ---------------------------------------------------------------------- the tree version, as it was

    private static JsonNode tree(SourceText source, Object v) {
        if (v == null) return Json.NODES.nullNode();
        if (v instanceof Span span) return span(source, span);
        if (v instanceof String s) return Json.NODES.textNode(s);
        if (v instanceof Boolean b) return Json.NODES.booleanNode(b);
        if (v instanceof Double d) return Json.NODES.numberNode(d);
        if (v instanceof Integer i) return Json.NODES.numberNode(i);
        if (v instanceof Enum<?> e) return Json.NODES.textNode(e.name());
        if (v instanceof List<?> list) {
            ArrayNode a = Json.NODES.arrayNode();
            for (Object item : list) a.add(tree(source, item));
            return a;
        }
        if (v instanceof Record r) {
            ObjectNode o = Json.NODES.objectNode();
            o.put("kind", r.getClass().getSimpleName());
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    o.set(c.getName(), tree(source, c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return o;
        }
        return Json.NODES.textNode(String.valueOf(v));
    }

    private static ObjectNode span(SourceText source, Span span) {
        ObjectNode o = Json.NODES.objectNode();
        o.set("start", position(source, span.start()));
        o.set("end", position(source, span.end()));
        return o;
    }

    private static ObjectNode position(SourceText source, int offset) {
        Position p = source.position(offset);
        ObjectNode o = Json.NODES.objectNode();
        o.put("offset", offset);
        o.put("line", p.line());
        o.put("character", p.character());
        return o;
    }
}
