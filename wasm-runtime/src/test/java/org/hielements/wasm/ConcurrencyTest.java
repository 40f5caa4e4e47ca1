package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Concurrent callers on one plugin: each call gets an instance of its own, every answer is right. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS = 1_000;

    @Test
    void eightThreadsTimesAThousandCalls() throws Exception {
        try (WasmHost host = WasmHost.builder().noPersistentCache().maxIdleInstances(THREADS).build();
                WasmPlugin p = host.load(spec("multi"))) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    int right = 0;
                    for (int i = 0; i < CALLS; i++) {
                        // inputs of varying length, unique per thread and call
                        String in = "t" + thread + "-c" + i + "-" + "x".repeat((thread * 37 + i) % 200);
                        boolean check = i % 2 == 0;
                        byte[] reply = p.call(check ? "library_check" : "library_call",
                                in.getBytes(StandardCharsets.UTF_8));
                        String expected = (check ? "check:" : "call:") + in;
                        assertEquals(expected, new String(reply, StandardCharsets.UTF_8));
                        right++;
                    }
                    return right;
                }));
            }
            long t0 = System.nanoTime();
            go.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            pool.shutdown();
            WasmPlugin.Stats s = p.stats();
            System.out.println("ConcurrencyTest: " + total + " right answers from " + THREADS + " threads in " + ms
                    + " ms; " + s);
            assertEquals(THREADS * CALLS, total);
            assertEquals(THREADS * CALLS, s.calls());
            assertEquals(0, s.failedCalls());
            // at most one instance per concurrent caller, all kept for reuse
            assertTrue(s.instancesCreated() >= 1 && s.instancesCreated() <= THREADS, s.toString());
            assertEquals(s.instancesCreated(), s.idleInstances(), s.toString());
        }
    }
}
