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
 * 10,000 seeded random mutations of the fixture files (byte flips, deletions, duplications, truncations, and
 * insertions of characters the grammar cares about) go through the lexer and the parser: no exception, always a
 * tree, every span inside the text, tokens in order.
 */
public class RobustnessTest {
    private static final long SEED = 20240607L;
    private static final int MUTATIONS = 10_000;
    private static final byte[][] SPECIAL = bytes("{", "}", "(", ")", "[", "]", ":", "\n", "\r\n", "\t", "    ", "'",
            "\"", "#", "##", "###", "\\", "-", ".", ",", "=", "<", ">", "*", "é", "😀", "\u00a0", "element ",
            "scope ", "check ", "requires ", "pattern ", "language ", "import ", "\r");

    private static byte[][] bytes(String... s) {
        return Arrays.stream(s).map(x -> x.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    @Test
    void tenThousandMutationsNeverBreakTheFrontEnd() throws IOException {
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
