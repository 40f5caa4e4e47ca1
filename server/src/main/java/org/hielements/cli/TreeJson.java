package org.hielements.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.hielements.syntax.Ast;
import org.hielements.text.Position;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * The syntax tree as JSON, for {@code hielements parse}: every node is an object whose {@code "kind"} is its record
 * name ({@code "Element"}, {@code "Scope"}, {@code "Call"}, ...) followed by its fields in declaration order; a span
 * is {@code {"start": {"offset", "line", "character"}, "end": {...}}} with UTF-16 offsets, 0-based lines and 0-based
 * UTF-16 characters (the positions the language server uses).
 */
final class TreeJson {
    private final SourceText source;

    private TreeJson(SourceText source) {
        this.source = source;
    }

    static JsonNode of(SourceText source, Ast.File file) {
        return new TreeJson(source).value(file);
    }

    private JsonNode value(Object v) {
        if (v == null) return Json.NODES.nullNode();
        if (v instanceof Span span) return span(span);
        if (v instanceof String s) return Json.NODES.textNode(s);
        if (v instanceof Boolean b) return Json.NODES.booleanNode(b);
        if (v instanceof Double d) return Json.NODES.numberNode(d);
        if (v instanceof Integer i) return Json.NODES.numberNode(i);
        if (v instanceof Enum<?> e) return Json.NODES.textNode(e.name());
        if (v instanceof List<?> list) {
            ArrayNode a = Json.NODES.arrayNode();
            for (Object item : list) a.add(value(item));
            return a;
        }
        if (v instanceof Record r) return record(r);
        return Json.NODES.textNode(String.valueOf(v));
    }

    private ObjectNode record(Record r) {
        ObjectNode o = Json.NODES.objectNode();
        o.put("kind", r.getClass().getSimpleName());
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
            }
            o.set(c.getName(), value(v));
        }
        return o;
    }

    private ObjectNode span(Span span) {
        ObjectNode o = Json.NODES.objectNode();
        o.set("start", position(span.start()));
        o.set("end", position(span.end()));
        return o;
    }

    private ObjectNode position(int offset) {
        Position p = source.position(offset);
        ObjectNode o = Json.NODES.objectNode();
        o.put("offset", offset);
        o.put("line", p.line());
        o.put("character", p.character());
        return o;
    }
}
