package org.hielements.library.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/**
 * A TOML document as {@link ConfigLoader} and the {@code rust} library's {@code Cargo.toml} reader read it: tables (their
 * keys in the order of the text, each value and where its key is written), arrays, and the scalars tomlj gives
 * ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, the four date and time types). Made from tomlj's
 * result, or read back from the bytes {@link #write} made of one ({@link #parse} with a {@link TomlTreeCache}: a command
 * line that reads the same text again does not start tomlj's ANTLR parser, in a cold JVM 75-110 ms for the first file
 * of 15 lines, before which a check's plugins cannot start).
 */
public final class TomlTree {
    private TomlTree() {
    }

    /** The tree of a text with nothing in it. */
    public static final Table EMPTY = new Table();

    /** A text's tree and tomlj's errors (none when it came from the cache: only texts without errors are kept). */
    public record Parsed(Table tree, List<TomlParseError> errors) {}

    /**
     * Reads {@code text} as TOML {@code version}: the tree {@code cache} (null: none) keeps for it, else tomlj's reading,
     * kept when it has no error. Throws what tomlj throws on the few texts it cannot read.
     */
    public static Parsed parse(String text, TomlVersion version, TomlTreeCache cache) {
        if (cache != null) {
            Optional<Table> kept = cache.get(version, text);
            if (kept.isPresent()) return new Parsed(kept.get(), List.of());
        }
        TomlParseResult r = Toml.parse(text, version);
        Table tree = of(r);
        if (cache != null && r.errors().isEmpty()) cache.put(version, text, tree);
        return new Parsed(tree, r.errors());
    }

    /** A table: its keys in order, each one's value and the position of the key (null when unknown). */
    public static final class Table {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, TomlPosition> positions = new HashMap<>();

        public Set<String> keySet() {
            return Collections.unmodifiableSet(values.keySet());
        }

        public boolean has(String key) {
            return values.containsKey(key);
        }

        /** The value of {@code key} (the key as one name, dots and all), or null. */
        public Object get(String key) {
            return values.get(key);
        }

        /** Where {@code key} is written (1-based line, column in code points, as tomlj counts), or null. */
        public TomlPosition position(String key) {
            return positions.get(key);
        }

        private void put(String key, Object value, TomlPosition position) {
            values.put(key, value);
            if (position != null) positions.put(key, position);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Table t && values.equals(t.values) && positions.equals(t.positions)
                    && List.copyOf(values.keySet()).equals(List.copyOf(t.values.keySet()));
        }

        @Override
        public int hashCode() {
            return Objects.hash(values, positions);
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    /** An array's items, in order. */
    public static final class Array {
        private final List<Object> items;

        private Array(List<Object> items) {
            this.items = items;
        }

        public int size() {
            return items.size();
        }

        public Object get(int i) {
            return items.get(i);
        }

        public boolean isString(int i) {
            return items.get(i) instanceof String;
        }

        public String getString(int i) {
            return (String) items.get(i);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Array a && items.equals(a.items);
        }

        @Override
        public int hashCode() {
            return items.hashCode();
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }

    // ------------------------------------------------------------------ from tomlj

    /** The tree of what tomlj read (also of a text with errors: what it kept). */
    static Table of(TomlTable t) {
        Table out = new Table();
        for (String key : t.keySet()) {
            List<String> path = List.of(key);
            out.put(key, value(t.get(path)), t.inputPositionOf(path));
        }
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof TomlTable t) return of(t);
        if (v instanceof TomlArray a) {
            List<Object> items = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) items.add(value(a.get(i)));
            return new Array(items);
        }
        return v;
    }

    // ------------------------------------------------------------------ as bytes

    private static final byte TABLE = 'T';
    private static final byte ARRAY = 'A';
    private static final byte STRING = 'S';
    private static final byte INTEGER = 'I';
    private static final byte FLOAT = 'F';
    private static final byte BOOLEAN = 'B';
    private static final byte OFFSET_DATE_TIME = 'O';
    private static final byte LOCAL_DATE_TIME = 'L';
    private static final byte LOCAL_DATE = 'D';
    private static final byte LOCAL_TIME = 'M';
    /** Deeper than this is not written (tomlj itself refuses far less). */
    private static final int MAX_DEPTH = 256;

    /** The tree as bytes {@link #read} reads back into an equal tree. */
    static byte[] write(Table tree) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeValue(out, tree, 0);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void writeValue(DataOutputStream out, Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("nested too deeply");
        if (v instanceof Table t) {
            out.writeByte(TABLE);
            out.writeInt(t.values.size());
            for (Map.Entry<String, Object> e : t.values.entrySet()) {
                writeString(out, e.getKey());
                TomlPosition p = t.positions.get(e.getKey());
                out.writeInt(p == null ? -1 : p.line());
                out.writeInt(p == null ? -1 : p.column());
                writeValue(out, e.getValue(), depth + 1);
            }
        } else if (v instanceof Array a) {
            out.writeByte(ARRAY);
            out.writeInt(a.items.size());
            for (Object item : a.items) writeValue(out, item, depth + 1);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (v instanceof Long n) {
            out.writeByte(INTEGER);
            out.writeLong(n);
        } else if (v instanceof Double d) {
            out.writeByte(FLOAT);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (dateTag(v) != 0) {
            out.writeByte(dateTag(v));
            writeString(out, v.toString());         // ISO 8601, which the type's parse reads back
        } else {
            throw new IllegalArgumentException("not a TOML value: " + (v == null ? "null" : v.getClass().getName()));
        }
    }

    /** The tag of a date or time value, 0 for any other value. */
    private static byte dateTag(Object v) {
        if (v instanceof OffsetDateTime) return OFFSET_DATE_TIME;
        if (v instanceof LocalDateTime) return LOCAL_DATE_TIME;
        if (v instanceof LocalDate) return LOCAL_DATE;
        if (v instanceof LocalTime) return LOCAL_TIME;
        return 0;
    }

    /** A string: its length in UTF-8 bytes, then those bytes. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[count(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * The tree {@link #write} wrote; throws {@link IOException} for bytes that are not one (cut short, an unknown tag,
     * bytes left over).
     */
    static Table read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Object v = readValue(in, in.readByte(), 0);
        if (!(v instanceof Table t) || in.available() != 0) throw new IOException("not a TOML tree");
        return t;
    }

    private static Object readValue(DataInputStream in, byte tag, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new IOException("nested too deeply");
        switch (tag) {
            case TABLE -> {
                int n = count(in);
                Table t = new Table();
                for (int i = 0; i < n; i++) {
                    String key = readString(in);
                    int line = in.readInt();
                    int column = in.readInt();
                    TomlPosition p = line < 1 || column < 1 ? null : TomlPosition.positionAt(line, column);
                    t.put(key, readValue(in, in.readByte(), depth + 1), p);
                }
                return t;
            }
            case ARRAY -> {
                int n = count(in);
                List<Object> items = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) items.add(readValue(in, in.readByte(), depth + 1));
                return new Array(items);
            }
            case STRING -> {
                return readString(in);
            }
            case INTEGER -> {
                return in.readLong();
            }
            case FLOAT -> {
                return in.readDouble();
            }
            case BOOLEAN -> {
                return in.readBoolean();
            }
            case OFFSET_DATE_TIME, LOCAL_DATE_TIME, LOCAL_DATE, LOCAL_TIME -> {
                String s = readString(in);
                try {
                    return switch (tag) {
                        case OFFSET_DATE_TIME -> OffsetDateTime.parse(s);
                        case LOCAL_DATE_TIME -> LocalDateTime.parse(s);
                        case LOCAL_DATE -> LocalDate.parse(s);
                        default -> LocalTime.parse(s);
                    };
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IOException("not a date or time: " + s, e);
                }
            }
            default -> throw new IOException("unknown tag " + tag);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > ConfigLoader.MAX_CONFIG_BYTES) throw new IOException("bad count " + n);
        return n;
    }
}
