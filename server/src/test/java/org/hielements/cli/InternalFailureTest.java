package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure of the program itself ends with exit code 3 and one line on stderr, the stack trace only with
 * {@code --verbose}, after the run printed what it had. Provoked for real: the command line in a JVM with a small heap
 * given a .hie file under the size limit whose tokens do not fit in it.
 */
class InternalFailureTest {
    @TempDir
    Path dir;

    private Path big;

    @BeforeEach
    void bigFile() throws IOException {
        big = dir.resolve("big.hie");
        StringBuilder sb = new StringBuilder(15 * 1024 * 1024);
        while (sb.length() < 15 * 1024 * 1024 - 100) sb.append("element a b c d e f g h i j k l m n o p q r s t\n");
        Files.writeString(big, sb, StandardCharsets.UTF_8);
    }

    /** What a command line in its own JVM printed and returned. */
    private record Result(int code, String out, String err) {}

    private Result hielements(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-Xlog:disable", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command line hung");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void outOfMemoryIsExitCodeThreeWithOneLineAndTheSummary() throws Exception {
        Result r = hielements("check", big.getFileName().toString());
        assertEquals(3, r.code(), r.err());
        assertEquals("hielements: internal error: out of memory (Java heap space)\n", r.err());
        assertTrue(r.out().endsWith("Summary: 0 total, 0 passed, 0 failed, 0 errors\n"), r.out());
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Result r = hielements("check", "--verbose", big.getFileName().toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("hielements: internal error: out of memory (Java heap space)\n"), r.err());
        assertTrue(r.err().contains("java.lang.OutOfMemoryError: Java heap space" + System.lineSeparator() + "\tat "),
                r.err());
    }

    @Test
    void inOtherCommandsToo() throws Exception {
        Result parse = hielements("parse", big.getFileName().toString());
        assertEquals(3, parse.code(), parse.err());
        assertEquals("hielements: internal error: out of memory (Java heap space)\n", parse.err());
        Result validate = hielements("check", "--no-run", "--format", "json", big.getFileName().toString());
        assertEquals(3, validate.code(), validate.err());
        assertFalse(validate.err().contains("\tat "), validate.err());
    }

    @Test
    void theHandlerPrintsOneSanitizedLine() {
        java.io.StringWriter sw = new java.io.StringWriter();
        java.io.PrintWriter pw = new java.io.PrintWriter(sw);
        int code = Main.internalFailure(new IllegalStateException("broken\r\u001b[32mPASS"), pw, false);
        assertEquals(3, code);
        assertEquals("hielements: internal error: java.lang.IllegalStateException: broken\\r\\u001B[32mPASS"
                + System.lineSeparator(), sw.toString());
    }
}
