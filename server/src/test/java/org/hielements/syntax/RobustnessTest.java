package org.hielements.syntax;

import org.hielements.text.Span;

import org.hielements.text.SourceText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hielements.diagnostics.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the front end. Seeded random mutations of the fixture files (byte flips, deletions, duplications,
 * truncations, and insertions of characters the grammar cares about) go through the lexer and the parser: no
 * exception, always a tree, every span inside the text, tokens in order. 10,000 in {@code mvn verify}; more with
 * {@code -Dfuzz.iterations=100000} (docs/RELIABILITY.md). And lexing and parsing stay linear: inputs 16 times larger
 * take about 16 times longer, never 256 times.
 */
public class RobustnessTest {
    private static final long SEED = 20240607L;
    private static final int MUTATIONS = Integer.getInteger("fuzz.iterations", 10_000);
    private static final byte[][] SPECIAL = bytes("{", "}", "(", ")", "[", "]", ":", "\n", "\r\n", "\t", "    ", "'",
            "\"", "#", "##", "###", "\\", "-", ".", ",", "=", "<", ">", "*", "é", "😀", "\u00a0", "element ",
            "scope ", "check ", "requires ", "pattern ", "language ", "import ", "\r");

    private static byte[][] bytes(String... s) {
        return Arrays.stream(s).map(x -> x.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    @Test
    void mutationsNeverBreakTheFrontEnd() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(Hie.fixtures().resolve("corpus"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".hie")).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        assertTrue(seeds.size() >= 10);
        Random random = new Random(SEED);
        long t0 = System.nanoTime();
        int withErrors = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] input = seeds.get(random.nextInt(seeds.size()));
            int rounds = 1 + random.nextInt(3);
            for (int k = 0; k < rounds; k++) input = mutate(input, random);
            String text = new String(input, StandardCharsets.UTF_8);
            try {
                ParseResult r = check(text);
                if (r.hasErrors()) withErrors++;
            } catch (Throwable t) {
                fail("mutation " + i + " (seed " + SEED + ") threw " + t + "; input (base64): "
                        + Base64.getEncoder().encodeToString(input), t);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("RobustnessTest: " + MUTATIONS + " mutated inputs in " + ms + " ms, " + withErrors
                + " with errors");
        assertTrue(withErrors > MUTATIONS / 4, "the mutations should mostly break the files: " + withErrors);
    }

    /**
     * Time linear in the input: for each shape of input (mutated corpus files, and shapes known to trip up lexers and
     * recursive-descent parsers), the input 16 times larger takes less than 128 times as long to lex and parse (a
     * quadratic cost gives 256). Each size is timed several times and the fastest kept, so a busy machine does not
     * make a linear cost look quadratic; the ratios are printed.
     */
    @Test
    void lexingAndParsingStayLinear() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(Hie.fixtures().resolve("corpus"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".hie")).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        Random random = new Random(SEED + 1);
        StringBuilder mutated = new StringBuilder();
        while (mutated.length() < 20_000) {
            byte[] b = seeds.get(random.nextInt(seeds.size()));
            for (int k = 0; k < 3; k++) b = mutate(b, random);
            mutated.append(new String(b, StandardCharsets.UTF_8)).append('\n');
        }
        String corpus = mutated.toString();
        List<String> shapes = List.of("corpus", "unterminated strings", "block comment openers", "open parentheses",
                "open braces", "deep indentation", "bad characters", "broken statements", "long line");
        StringBuilder report = new StringBuilder("RobustnessTest: time(16n)/time(n):");
        for (String shape : shapes) {
            java.util.function.IntFunction<String> make = n -> switch (shape) {
                case "corpus" -> corpus.repeat(Math.max(1, n / corpus.length()));
                case "unterminated strings" -> "element a:\n    scope s = '\"x\n".repeat(n / 20);
                case "block comment openers" -> "###\nelement a\n# x\n".repeat(n / 20);
                case "open parentheses" -> ("element a:\n    check f(" + "(".repeat(50) + "\n").repeat(n / 70);
                case "open braces" -> "element a {\n".repeat(n / 12);
                case "deep indentation" -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; b.length() < n; i++) b.append(" ".repeat(i % 400)).append("element e:\n");
                    yield b.toString();
                }
                case "bad characters" -> "a@".repeat(n / 2);
                case "broken statements" -> "element a:\n    scope = = (\n    check\n".repeat(n / 40);
                default -> "element a: " + "x.".repeat(n / 2);
            };
            String smallText = make.apply(64_000);
            String largeText = make.apply(1_024_000);
            long small = 0;
            long large = 0;
            double ratio = Double.MAX_VALUE;
            // a busy machine can slow one measurement down: up to three tries, the best ratio counts (a quadratic
            // cost stays near 256 whatever the load)
            for (int attempt = 0; attempt < 3 && ratio >= 128; attempt++) {
                small = fastest(smallText);
                large = fastest(largeText);
                ratio = Math.min(ratio, (double) large / Math.max(1, small));
            }
            report.append(String.format(java.util.Locale.ROOT, " %s %.1f;", shape, ratio));
            assertTrue(ratio < 128, shape + ": 16 times the input took " + ratio + " times as long (" + small
                    + " ns, " + large + " ns)");
        }
        System.out.println(report);
    }

    /** The fastest of a few lexes and parses of {@code text}, in nanoseconds (after a warm-up). */
    private static long fastest(String text) {
        SourceText source = new SourceText("t.hie", text);
        Parser.parse(source);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 7; i++) {
            long t0 = System.nanoTime();
            Parser.parse(source);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    public static byte[] mutate(byte[] in, Random random) {
        if (in.length == 0) return SPECIAL[random.nextInt(SPECIAL.length)].clone();
        int at = random.nextInt(in.length);
        switch (random.nextInt(6)) {
            case 0 -> { // byte flip
                byte[] out = in.clone();
                out[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : out[at] ^ (1 << random.nextInt(8)));
                return out;
            }
            case 1 -> { // deletion
                int len = Math.min(in.length - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 200));
                byte[] out = new byte[in.length - len];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + len, out, at, in.length - at - len);
                return out;
            }
            case 2 -> { // duplication
                int len = Math.min(in.length - at, 1 + random.nextInt(300));
                int to = random.nextInt(in.length + 1);
                byte[] out = new byte[in.length + len];
                System.arraycopy(in, 0, out, 0, to);
                System.arraycopy(in, at, out, to, len);
                System.arraycopy(in, to, out, to + len, in.length - to);
                return out;
            }
            case 3 -> { // truncation
                return Arrays.copyOf(in, at);
            }
            default -> { // insertion of something the grammar cares about
                byte[] ins = SPECIAL[random.nextInt(SPECIAL.length)];
                byte[] out = new byte[in.length + ins.length];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(ins, 0, out, at, ins.length);
                System.arraycopy(in, at, out, at + ins.length, in.length - at);
                return out;
            }
        }
    }

    /** Lexes and parses, and checks the invariants of the result. */
    static ParseResult check(String text) throws ReflectiveOperationException {
        SourceText source = new SourceText("m.hie", text);
        Lexer.Result lexed = Lexer.lex(source);
        List<Token> tokens = lexed.tokens();
        assertEquals(TokenKind.EOF, tokens.get(tokens.size() - 1).kind());
        int prev = 0;
        for (Token t : tokens) {
            if (t.start() < prev || t.end() < t.start() || t.end() > text.length()) fail("token out of place: " + t);
            prev = t.start();
        }
        ParseResult r = Parser.parse(source, lexed);
        assertNotNull(r.file());
        for (Diagnostic d : r.diagnostics()) {
            inside(d.span(), text);
            plainWords(d);
        }
        walk(r.file(), text);
        return r;
    }

    /** The internal token names a message must never show (issue 16: plain words, as a user reads them). */
    private static final java.util.regex.Pattern INTERNAL_NAMES;

    static {
        List<String> names = new java.util.ArrayList<>();
        for (TokenKind k : TokenKind.values()) {
            if (!k.isKeyword()) names.add(k.debugName());
        }
        INTERNAL_NAMES = java.util.regex.Pattern.compile("(found|Expected) (" + String.join("|", names) + ")\\b");
    }

    private static void plainWords(Diagnostic d) {
        if (INTERNAL_NAMES.matcher(d.message()).find()) fail("internal token name in a message: " + d.message());
    }

    private static void inside(Span span, String text) {
        if (span.end() > text.length()) fail("span " + span + " past the end " + text.length());
    }

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    /** Every span in the tree lies inside the text, and no list or required name is null. */
    private static void walk(Object node, String text) throws ReflectiveOperationException {
        if (node instanceof Span s) {
            inside(s, text);
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                if (o == null) fail("null in a list of the tree");
                walk(o, text);
            }
        } else if (node instanceof Record r) {
            for (RecordComponent c : COMPONENTS.get(r.getClass())) {
                Object v = c.getAccessor().invoke(r);
                if (v == null && (c.getName().equals("name") || c.getName().equals("span"))) fail(c + " of " + r);
                if (v != null && !(v instanceof String) && !(v instanceof Boolean) && !(v instanceof Double)) {
                    walk(v, text);
                }
            }
        }
    }
}
