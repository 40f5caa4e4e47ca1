package org.hielements.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a fuzz target: {@code n} generated inputs, each under a deadline on a worker thread. A case passes when the
 * target returns (it says whether the input was accepted or refused with its clear error); it fails when anything
 * escapes (any exception or error the target does not declare as its refusal) or when it runs past the deadline. Each
 * failing input is saved under {@code target/fuzz-failures/} to be replayed; the test fails listing the first few.
 *
 * <p>The size is {@code -Dfuzz.iterations=N} (each target has a small default, seconds in {@code mvn verify}), the
 * seed {@code -Dfuzz.seed=S} (fixed by default, so a run is reproducible).
 */
final class FuzzRunner {
    /** What a case did with its input. */
    enum Outcome { ACCEPTED, REFUSED }

    /** A fuzz target's input, shown in failure reports by {@link #describe}. */
    interface Target<T> {
        Outcome run(T input) throws Exception;
    }

    record Report(String target, int cases, int accepted, int refused, long millis, long slowestMillis) {
        @Override
        public String toString() {
            return String.format("fuzz %s: %,d cases in %,d ms (%,d accepted as they are, %,d refused or reported with a clear error), slowest "
                    + "%,d ms, 0 escaped, 0 over the deadline", target, cases, millis, accepted, refused,
                    slowestMillis);
        }
    }

    private FuzzRunner() {
    }

    static int iterations(int dflt) {
        return Integer.getInteger("fuzz.iterations", dflt);
    }

    static Random random(String target) {
        return new Random(Long.getLong("fuzz.seed", 20_261_202L) ^ target.hashCode());
    }

    /**
     * Runs {@code n} cases of {@code target} on inputs from {@code input} (called with the case number); {@code refusal}
     * is the exception type that means "refused with a clear error" (others escape). Fails the test on any escape or
     * case over {@code deadline}.
     */
    static <T> Report run(String name, int n, Function<Integer, T> input, Function<T, byte[]> bytes, Target<T> target,
                          Class<? extends Exception> refusal, Duration deadline) throws Exception {
        List<String> failures = new ArrayList<>();
        ExecutorService worker = newWorker(name);
        int accepted = 0;
        int refused = 0;
        long slowest = 0;
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                T in = input.apply(i);
                long c0 = System.nanoTime();
                Future<Outcome> f = worker.submit(() -> target.run(in));
                try {
                    Outcome o = f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                    if (o == Outcome.ACCEPTED) accepted++;
                    else refused++;
                } catch (TimeoutException e) {
                    f.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker(name);
                    failures.add("case " + i + " ran past " + deadline.toMillis() + " ms" + save(name, i, bytes.apply(in)));
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (refusal.isInstance(c)) {
                        refused++;
                    } else {
                        StringWriter trace = new StringWriter();
                        c.printStackTrace(new PrintWriter(trace));
                        failures.add("case " + i + " escaped " + c + save(name, i, bytes.apply(in)) + "\n" + head(trace));
                    }
                }
                slowest = Math.max(slowest, (System.nanoTime() - c0) / 1_000_000);
            }
        } finally {
            worker.shutdownNow();
        }
        Report r = new Report(name, n, accepted, refused, (System.nanoTime() - t0) / 1_000_000, slowest);
        if (!failures.isEmpty()) {
            System.out.println("fuzz " + name + ": " + failures.size() + " of " + n + " cases failed");
        } else {
            System.out.println(r);
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())),
                failures.size() + " of " + n + " " + name + " cases failed (the first 5 shown)");
        return r;
    }

    private static ExecutorService newWorker(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz-" + name, 16L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    private static String save(String target, int i, byte[] input) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            Path f = dir.resolve(target + "-" + i + ".bin");
            Files.write(f, input);
            return " (input saved as " + f.toAbsolutePath() + ")";
        } catch (IOException e) {
            return " (input not saved: " + e + ")";
        }
    }

    private static String head(StringWriter trace) {
        String[] lines = trace.toString().split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(12, lines.length)));
    }

    // ------------------------------------------------------------------ mutations

    /** One random mutation of {@code seed} (two to four a third of the time): byte changes, bit flips, truncation, insertion, duplication. */
    static byte[] mutate(byte[] seed, Random r, byte[][] dictionary) {
        byte[] b = seed.clone();
        int count = r.nextInt(3) == 0 ? 2 + r.nextInt(3) : 1;
        for (int k = 0; k < count; k++) {
            if (b.length == 0) {
                b = new byte[] {(byte) r.nextInt(256)};
                continue;
            }
            int at = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                case 3 -> b = insert(b, at, randomBytes(r, 1 + r.nextInt(8)));
                case 4 -> b = insert(b, at, dictionary[r.nextInt(dictionary.length)]);
                case 5 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    b = insert(b, r.nextInt(b.length), java.util.Arrays.copyOfRange(b, at, at + len));
                }
                default -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(16));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
            }
        }
        return b;
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
