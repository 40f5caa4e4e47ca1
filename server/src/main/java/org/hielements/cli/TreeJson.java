package org.hielements.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
 *
 * <p>Written as it is walked, to a {@link JsonGenerator}: no JSON tree and no whole text in memory (a 200,000-line
 * file's tree as JSON nodes took gigabytes).
 */
final class TreeJson {
    /**
     * A record type's component names and accessors, read once per type; {@code kindComponent} is the index of a
     * component itself named {@code kind} (its value then stands first, in place of the record's name), or -1.
     */
    private record Shape(String kind, SerializedString[] names, Method[] accessors, int kindComponent) {
        static Shape of(Class<?> type) {
            RecordComponent[] cs = type.getRecordComponents();
            SerializedString[] names = new SerializedString[cs.length];
            Method[] accessors = new Method[cs.length];
            int kindComponent = -1;
            for (int i = 0; i < cs.length; i++) {
                names[i] = new SerializedString(cs[i].getName());
                accessors[i] = cs[i].getAccessor();
                if (cs[i].getName().equals("kind")) kindComponent = i;
            }
            return new Shape(type.getSimpleName(), names, accessors, kindComponent);
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    /** Field names, serialized once (written as bytes, not encoded again each time). */
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString START = new SerializedString("start");
    private static final SerializedString END = new SerializedString("end");
    private static final SerializedString OFFSET = new SerializedString("offset");
    private static final SerializedString LINE = new SerializedString("line");
    private static final SerializedString CHARACTER = new SerializedString("character");

    private final SourceText source;
    private final JsonGenerator g;

    private TreeJson(SourceText source, JsonGenerator g) {
        this.source = source;
        this.g = g;
    }

    /** Writes the tree of {@code file} as one JSON value. */
    static void write(SourceText source, Ast.File file, JsonGenerator g) throws IOException {
        new TreeJson(source, g).value(file);
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Span span) {
            span(span);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) value(item);
            g.writeEndArray();
        } else if (v instanceof Record r) {
            record(r);
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private void record(Record r) throws IOException {
        Shape shape = SHAPES.get(r.getClass());
        g.writeStartObject();
        g.writeFieldName(KIND);
        if (shape.kindComponent() < 0) {
            g.writeString(shape.kind());
        } else {
            value(component(r, shape, shape.kindComponent()));
        }
        for (int i = 0; i < shape.names().length; i++) {
            if (i == shape.kindComponent()) continue;
            g.writeFieldName(shape.names()[i]);
            value(component(r, shape, i));
        }
        g.writeEndObject();
    }

    private static Object component(Record r, Shape shape, int i) {
        try {
            return shape.accessors()[i].invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + shape.names()[i].getValue() + " of " + r.getClass(), e);
        }
    }

    private void span(Span span) throws IOException {
        g.writeStartObject();
        g.writeFieldName(START);
        position(span.start());
        g.writeFieldName(END);
        position(span.end());
        g.writeEndObject();
    }

    private void position(int offset) throws IOException {
        Position p = source.position(offset);
        g.writeStartObject();
        g.writeFieldName(OFFSET);
        g.writeNumber(offset);
        g.writeFieldName(LINE);
        g.writeNumber(p.line());
        g.writeFieldName(CHARACTER);
        g.writeNumber(p.character());
        g.writeEndObject();
    }
}
