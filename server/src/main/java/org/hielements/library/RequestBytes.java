package org.hielements.library;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A plugin request written straight to UTF-8 bytes, in one pass and with no tree: the very bytes of
 * {@code ValueCodec.encodeRequest(...).getBytes(UTF_8)} (compact, keys sorted, strings escaped as
 * {@link JsonText#string}, floats as {@link JsonText#number}), which a WASM call writes into the guest's memory.
 * Sorted keys need no sorting here: every object written has a fixed key set, written in order ({@code args, function,
 * workspace}; {@code kind, paths, resolved}; {@code data, kind, name}) or a single key.
 */
final class RequestBytes {
    private byte[] buf;
    private int len;

    private RequestBytes(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] encode(String function, List<Value> args, Workspace workspace) {
        RequestBytes w = new RequestBytes(256);
        w.ascii("{\"args\":[");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) w.put((byte) ',');
            w.value(args.get(i));
        }
        w.ascii("],\"function\":");
        w.string(function);
        w.ascii(",\"workspace\":");
        w.string(workspace.rootString());
        w.put((byte) '}');
        return Arrays.copyOf(w.buf, w.len);
    }

    private void value(Value value) {
        if (value instanceof Value.NullValue) {
            ascii("null");
        } else if (value instanceof Value.BoolValue b) {
            ascii(b.value() ? "true" : "false");
        } else if (value instanceof Value.IntValue i) {
            ascii("{\"Int\":");
            ascii(Long.toString(i.value()));
            put((byte) '}');
        } else if (value instanceof Value.FloatValue f) {
            ascii("{\"Float\":");
            ascii(JsonText.number(f.value()));
            put((byte) '}');
        } else if (value instanceof Value.StringValue s) {
            ascii("{\"String\":");
            string(s.value());
            put((byte) '}');
        } else if (value instanceof Value.ListValue l) {
            ascii("{\"List\":[");
            List<Value> items = l.items();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) put((byte) ',');
                value(items.get(i));
            }
            ascii("]}");
        } else if (value instanceof Scope scope) {
            ascii("{\"Scope\":{\"kind\":{");
            string(scope.kind().tag());
            put((byte) ':');
            string(scope.argument());
            ascii("},\"paths\":[");
            List<Path> paths = scope.paths();
            for (int i = 0; i < paths.size(); i++) {
                if (i > 0) put((byte) ',');
                string(paths.get(i).toString());
            }
            ascii("],\"resolved\":");
            ascii(scope.resolved() ? "true" : "false");
            ascii("}}");
        } else {
            ConnectionPoint cp = (ConnectionPoint) value;
            ascii("{\"ConnectionPoint\":{\"data\":{},\"kind\":");
            string(cp.kind());
            ascii(",\"name\":");
            string(cp.name());
            ascii("}}");
        }
    }

    /**
     * A JSON string literal: the escapes of {@link JsonText#string} over the string's UTF-8 bytes (which
     * {@code getBytes} writes fast, {@code ?} for a lone surrogate). Every byte to escape is ASCII, and no byte of a
     * multi-byte sequence is, so escaping the bytes escapes the characters.
     */
    private void string(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        ensure(u.length + 2);
        buf[len++] = '"';
        int from = 0;
        for (int i = 0; i < u.length; i++) {
            byte c = u[i];
            if (c < 0 || (c >= 0x20 && c != '"' && c != '\\')) continue; // no escape (c < 0: inside a multi-byte char)
            put(u, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> ascii("\\\"");
                case '\\' -> ascii("\\\\");
                case '\n' -> ascii("\\n");
                case '\r' -> ascii("\\r");
                case '\t' -> ascii("\\t");
                case '\b' -> ascii("\\b");
                case '\f' -> ascii("\\f");
                default -> {
                    ascii("\\u00");
                    put((byte) Character.forDigit(c >> 4, 16));
                    put((byte) Character.forDigit(c & 15, 16));
                }
            }
        }
        put(u, from, u.length);
        put((byte) '"');
    }

    private void put(byte[] bytes, int from, int to) {
        ensure(to - from);
        System.arraycopy(bytes, from, buf, len, to - from);
        len += to - from;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[len + i] = (byte) s.charAt(i);
        len += n;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
}
