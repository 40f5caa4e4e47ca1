package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass UTF-8 request of a WASM call is, byte for byte, the text request of {@link ValueCodec#encodeRequest}
 * in UTF-8: for every kind of value, every character below U+10000, surrogate pairs and lone surrogates, and random
 * requests.
 */
class RequestBytesTest {
    private static final Workspace WS = Workspace.of(Path.of("/nonexistent-ws/é \"q\""));

    private static void assertSameBytes(String function, List<Value> args) {
        byte[] expected = ValueCodec.encodeRequest(function, args, WS).getBytes(StandardCharsets.UTF_8);
        byte[] actual = ValueCodec.encodeRequestUtf8(function, args, WS);
        assertArrayEquals(expected, actual, () -> "request " + new String(expected, StandardCharsets.UTF_8)
                + " was written as " + new String(actual, StandardCharsets.UTF_8));
    }

    @Test
    void everyKindOfValue() {
        Scope scope = Scope.of(ScopeKind.GLOB, "**/*.py", List.of(Path.of("/nonexistent-ws/a.py"),
                Path.of("/nonexistent-ws/dir with space/ü.py")));
        assertSameBytes("count", List.of(Value.NULL, Value.of(true), Value.of(false), Value.of(1L), Value.of(-42L),
                Value.of(Long.MIN_VALUE), Value.of(Long.MAX_VALUE), Value.of(0.5), Value.of(-0.0), Value.of(1e21),
                Value.of(1.5e-7), Value.of(Double.NaN), Value.of(Double.POSITIVE_INFINITY), Value.of("a\"b\n"),
                Value.list(Value.of(1L), Value.list(), Value.of("x")), scope, Scope.empty(ScopeKind.FILE, ""),
                new Scope(ScopeKind.FOLDER, "src", List.of(), false), new ConnectionPoint("db", "postgres", Map.of())));
        assertSameBytes("", List.of());
        assertEquals("{\"args\":[],\"function\":\"f\",\"workspace\":\"/w\"}",
                new String(ValueCodec.encodeRequestUtf8("f", List.of(), Workspace.of(Path.of("/w"))),
                        StandardCharsets.UTF_8));
    }

    @Test
    void everyCharacter() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xFFFF; c++) {
            if (!Character.isSurrogate(c)) all.append(c);
        }
        all.append("\uD83D\uDE00 pair, lone high \uD800 then text, lone low \uDC00, high at the end \uDBFF");
        assertSameBytes(all.toString(), List.of(Value.of(all.toString())));
    }

    @Test
    void randomRequests() {
        Random r = new Random(17);
        String alphabet = "ab/.\"\\\n\t\u0001\u001fé€\uD83D\uDE00\uD800\uDC00 ";
        for (int n = 0; n < 2_000; n++) {
            List<Value> args = new ArrayList<>();
            for (int i = r.nextInt(5); i > 0; i--) {
                StringBuilder sb = new StringBuilder();
                for (int k = r.nextInt(12); k > 0; k--) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                args.add(switch (r.nextInt(4)) {
                    case 0 -> Value.of(sb.toString());
                    case 1 -> Value.of(r.nextLong());
                    case 2 -> Value.of(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
                    default -> Scope.of(ScopeKind.FOLDER, sb.toString(),
                            List.of(Path.of("/x/" + sb.toString().replaceAll("[\\x00\\uD800-\\uDFFF]", ""))));
                });
            }
            assertSameBytes("f" + n, args);
        }
    }
}
