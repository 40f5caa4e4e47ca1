package org.hielements.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

import org.hielements.library.JsonText;
import org.hielements.library.LibraryException;
import org.hielements.library.Value;
import org.hielements.library.ValueCodec;
import org.hielements.library.Workspace;
import org.hielements.fuzz.FuzzRunner.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON value codec (what every plugin reply goes through) on random JSON and on mutations of real replies: every
 * input is either decoded or refused with a {@link LibraryException} (E508/E509/E604); nothing else escapes, no case
 * takes past the deadline; what decodes encodes again, and decodes to the same value. Bounded in {@code mvn verify};
 * {@code -Dfuzz.iterations=10000} for the larger run.
 */
class JsonCodecFuzzTest {
    @TempDir
    Path ws;

    private static final String[] SEEDS = {
        "{\"Int\":42}", "{\"Float\":2.5}", "{\"String\":\"a\\u00e9\\n\"}", "{\"Bool\":true}", "null", "true",
        "{\"List\":[{\"Int\":1},{\"String\":\"x\"},null]}",
        "{\"Scope\":{\"kind\":{\"Folder\":\"src\"},\"paths\":[\"src/a.py\",\"/abs/b.py\"],\"resolved\":true}}",
        "{\"Scope\":{\"kind\":{\"Glob\":\"**/*.rs\"},\"paths\":[],\"resolved\":false}}",
        "{\"ConnectionPoint\":{\"data\":{},\"kind\":\"http\",\"name\":\"api\"}}",
        "{\"Pass\":null}", "{\"Fail\":\"no\"}", "{\"Error\":\"bad\"}", "{\"result\":\"fail\",\"message\":\"m\"}", "\"ok\"",
        "{\"name\":\"lib\",\"version\":\"1.0\",\"functions\":[{\"name\":\"f\",\"description\":\"d\",\"parameters\":"
                + "[{\"name\":\"p\",\"type\":\"string\"}],\"return_type\":\"Scope\",\"example\":\"lib.f('x')\"}],"
                + "\"checks\":[{\"name\":\"c\"}]}",
        "{\"name\":\"lib\",\"functions\":[\"f\",\"g\"],\"checks\":[\"c\"]}",
        "{\"error\":{\"code\":-32000,\"message\":\"oops\"}}",
    };

    private static final byte[][] DICTIONARY = {
        "{".getBytes(), "}".getBytes(), "[".getBytes(), "]".getBytes(), "\"".getBytes(), ":".getBytes(), ",".getBytes(),
        "null".getBytes(), "1e999".getBytes(), "-0".getBytes(), "9223372036854775808".getBytes(), "\\u0000".getBytes(),
        "\\ud800".getBytes(), "{\"Int\":".getBytes(), "{\"Scope\":".getBytes(), "{\"List\":[".getBytes(),
        "\"paths\":[\"../../etc\"]".getBytes(), new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF, (byte) 0xFE},
        "\u202e\u001b[31m".getBytes(StandardCharsets.UTF_8),
    };

    private static final String[] KEYS = {"Int", "Float", "String", "Bool", "List", "Scope", "ConnectionPoint", "kind",
        "paths", "resolved", "Folder", "Glob", "File", "data", "name", "Pass", "Fail", "Error", "result", "message",
        "functions", "checks", "parameters", "type", "description", "version", "example", "return_type", "x", ""};

    /** A random JSON text: a tree built from the codec's own keys and odd scalars, sometimes very deep. */
    static String randomJson(Random r) {
        StringBuilder b = new StringBuilder();
        if (r.nextInt(50) == 0) {
            int depth = 500 + r.nextInt(5000);
            b.append("[".repeat(depth)).append(r.nextBoolean() ? "1" : "{\"Int\":1}").append("]".repeat(depth));
            return b.toString();
        }
        value(b, r, 0);
        return b.toString();
    }

    private static void value(StringBuilder b, Random r, int depth) {
        int kind = depth > 6 ? 4 + r.nextInt(6) : r.nextInt(10);
        switch (kind) {
            case 0, 1 -> {
                b.append('{');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) b.append(',');
                    b.append(JsonText.quote(KEYS[r.nextInt(KEYS.length)])).append(':');
                    value(b, r, depth + 1);
                }
                b.append('}');
            }
            case 2, 3 -> {
                b.append('[');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) b.append(',');
                    value(b, r, depth + 1);
                }
                b.append(']');
            }
            case 4 -> b.append(JsonText.quote(randomString(r)));
            case 5 -> b.append(List.of("0", "-1", "1.5", "1e308", "1e999", "-1e-999", "9223372036854775807",
                    "9223372036854775808", "-0.0", "123456789012345678901234567890").get(r.nextInt(10)));
            case 6 -> b.append(r.nextBoolean() ? "true" : "false");
            case 7 -> b.append("null");
            default -> b.append("{").append(JsonText.quote(KEYS[r.nextInt(8)])).append(':').append(
                    r.nextBoolean() ? JsonText.quote(randomString(r)) : Long.toString(r.nextLong())).append('}');
        }
    }

    private static String randomString(Random r) {
        int n = r.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> s.append((char) r.nextInt(0x20));
                case 1 -> s.append((char) (0xD800 + r.nextInt(0x800)));
                case 2 -> s.append("../");
                case 3 -> s.append('/');
                default -> s.append((char) (' ' + r.nextInt(95)));
            }
        }
        return s.toString();
    }

    private Outcome decode(String text) throws LibraryException {
        JsonNode n;
        try {
            n = ValueCodec.parse(text, "E604");
        } catch (LibraryException e) {
            return Outcome.REFUSED;
        }
        JsonText.compact(n);
        JsonText.compactSorted(n);
        JsonText.pretty(n);
        Workspace workspace = Workspace.of(ws);
        boolean any = false;
        try {
            Value v = ValueCodec.decodeValue(n, "fuzz", "f", workspace);
            JsonNode again = ValueCodec.encode(v);
            JsonText.compactSorted(again);
            assertEquals(v, ValueCodec.decodeValue(again, "fuzz", "f", workspace), "a decoded value round-trips");
            any = true;
        } catch (LibraryException e) {
            // refused with E508, as it should
        }
        try {
            ValueCodec.decodeCheckResult(n, "fuzz", "c");
            any = true;
        } catch (LibraryException e) {
            // E509
        }
        try {
            ValueCodec.decodeDoc(n, "fuzz");
            any = true;
        } catch (LibraryException e) {
            // E508
        }
        try {
            ValueCodec.decodeMetadata(n, "fuzz");
            any = true;
        } catch (LibraryException e) {
            // E508
        }
        return any ? Outcome.ACCEPTED : Outcome.REFUSED;
    }

    @Test
    void randomAndMutatedJsonIsDecodedOrRefusedWithItsError() throws Exception {
        Random r = FuzzRunner.random("json");
        int n = FuzzRunner.iterations(3000);
        FuzzRunner.run("json-codec", n, i -> {
            if (i % 2 == 0) return randomJson(r);
            byte[] seed = SEEDS[r.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8);
            return new String(FuzzRunner.mutate(seed, r, DICTIONARY), StandardCharsets.UTF_8);
        }, s -> s.getBytes(StandardCharsets.UTF_8), this::decode, LibraryException.class, Duration.ofSeconds(10));
    }
}
