package org.hielements.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * JSON for the command line, pretty-printed as upstream's {@code serde_json::to_string_pretty}: two-space indent,
 * one member or element per line, {@code "key": value}, empty containers as {@code []} and {@code {}}. Strings are
 * exact; every character a terminal acts on is escaped ({@link Terminal#unsafe}).
 */
final class Json {
    private Json() {}

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ObjectWriter WRITER;
    private static final ObjectMapper MAPPER;
    private static final DefaultPrettyPrinter PRINTER;

    static {
        Indenter indenter = new Indenter();
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new TerminalEscapes());
        WRITER = mapper.writer(printer);
        MAPPER = mapper;
        PRINTER = printer;
    }

    /**
     * A generator writing to {@code out} exactly as {@link #pretty} writes a tree (same indentation, separators and
     * escapes), for output too large to hold as a tree; closing it flushes but leaves {@code out} open.
     */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // a character outside the BMP as its 4 UTF-8 bytes, as the Writer path writes it (not as escapes)
        g.enable(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
        g.setPrettyPrinter(PRINTER.createInstance());
        g.setCodec(MAPPER);
        return g;
    }

    /**
     * A new line and two spaces per level, as Jackson's {@code DefaultIndenter("  ", "\n")} writes them, but from
     * ready-made serialized strings: a byte generator copies them as bytes, where it encoded the indenter's characters
     * one by one (most of a large pretty-printed document is indentation).
     */
    private static final class Indenter implements DefaultPrettyPrinter.Indenter, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private static final SerializedString[] LEVELS = new SerializedString[64];

        static {
            for (int i = 0; i < LEVELS.length; i++) LEVELS[i] = new SerializedString("\n" + "  ".repeat(i));
        }

        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            g.writeRaw(level < LEVELS.length ? LEVELS[level] : new SerializedString("\n" + "  ".repeat(level)));
        }

        @Override
        public boolean isInline() {
            return false;
        }
    }

    /**
     * JSON escapes the C0 controls itself; these escapes add what a terminal could still act on in a string (DEL, the
     * C1 controls, the line and paragraph separators, the bidirectional formatting characters), as a JSON unicode
     * escape: the value read back is the exact string.
     */
    private static final class TerminalEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalEscapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        /** Called for every character above ASCII: a unicode escape for the unsafe ones, the character otherwise. */
        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            if (ch > 0xFFFF || !Terminal.unsafe((char) ch)) return null;
            return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04X", ch));
        }
    }

    static String pretty(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Upstream's diagnostic shape: {@code severity, code, message, file, span{start,end{line,column,offset}}}, with
     * 1-based lines, 1-based columns and 0-based offsets counted in Unicode characters; {@code related} added when
     * there is related information.
     */
    static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode o = NODES.objectNode();
        o.put("severity", d.severity().word());
        o.put("code", d.code());
        o.put("message", d.message());
        o.put("file", d.source().name());
        o.set("span", span(d.source(), d.span()));
        if (!d.related().isEmpty()) {
            ArrayNode related = o.putArray("related");
            for (Diagnostic.Related r : d.related()) {
                ObjectNode ro = related.addObject();
                ro.put("message", r.message());
                ro.put("file", r.source().name());
                ro.set("span", span(r.source(), r.span()));
            }
        }
        return o;
    }

    static ObjectNode span(SourceText source, Span span) {
        ObjectNode o = NODES.objectNode();
        o.set("start", cliPosition(source, span.start()));
        o.set("end", cliPosition(source, span.end()));
        return o;
    }

    private static ObjectNode cliPosition(SourceText source, int offset) {
        ObjectNode o = NODES.objectNode();
        o.put("line", source.cliLine(offset));
        o.put("column", source.cliColumn(offset));
        o.put("offset", source.cliOffset(offset));
        return o;
    }
}
