package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control characters from files, strings and file names never reach the terminal as themselves: a FAIL row cannot be
 * made to read PASS, the screen cannot be cleared or recoloured. JSON keeps the exact strings.
 */
class TerminalSafetyTest {
    /** A carriage return then a fake row, a clear-screen sequence, NUL, BEL, backspace, C1 CSI, a bidi override. */
    private static final String HOSTILE = "\\r  PASS fake :: all good\u001b[2J\u0000\u0007\b\u009b31m\u202e";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(boolean color, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), color);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Fails when the text holds a character a terminal acts on, other than line feeds and our own colours. */
    private static void assertSafe(String text) {
        String withoutOurColours = text.replaceAll("\u001b\\[[0-9;]*m(?=[A-Za-z\\[:=>-])|\u001b\\[0m", "");
        for (int i = 0; i < withoutOurColours.length(); i++) {
            char c = withoutOurColours.charAt(i);
            if (c != '\n' && Terminal.unsafe(c)) {
                throw new AssertionError(String.format("U+%04X at %d in:%n%s", (int) c, i, text));
            }
        }
    }

    private Path hostileWorkspace() throws IOException {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("hielements.toml"), "");
        Files.createDirectories(ws.resolve("src"));
        Files.writeString(ws.resolve("src/main.py"), "import os\n"); // a scope that selects something
        return Files.writeString(ws.resolve("bad\u001b[31mname.hie"),
                "element a:\n    scope src = files.folder_selector('src')\n"
                + "    check files.exists(src, 'x" + HOSTILE + "')\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void lexicalErrorsAreSafe() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.hie"), "element a:\n    scope \u009b\u001b[1m = x\n    check files.nope('" + HOSTILE + "')\n",
                StandardCharsets.UTF_8);
        Run r = run(false, "check", "--no-run", file.toString());
        assertSafe(r.out());
        assertTrue(r.out().contains("error[E017] : Unexpected character '\\u009B'"), r.out());
    }

    @Test
    void checkRowsDiagnosticsAndFileNamesAreSafe() throws IOException {
        Path file = hostileWorkspace();
        for (boolean color : new boolean[] {false, true}) {
            for (String[] args : new String[][] {{"check", file.toString()}, {"check", "--no-run", file.toString()},
                    {"run", "--dry-run", file.toString()}, {"check", "--verbose", file.toString()},
                    {"format", "--check", file.toString()}, {"check", "--no-run", dir.toString()}}) {
                Run r = run(color, args);
                assertSafe(r.out());
                assertSafe(r.err());
            }
        }
        Run r = run(false, "check", file.toString());
        assertTrue(r.out().contains("  ERROR a :: files.exists(src, 'x\\r  PASS fake :: all good\\u001B[2J"), r.out());
        for (String line : r.out().split("\n")) {
            assertFalse(line.startsWith("  PASS"), "a row reads PASS: " + line);
        }
        assertTrue(r.out().contains("        at " + dir.resolve("ws/bad\\u001B[31mname.hie") + ":3:5 [E111]\n"), r.out());
    }

    @Test
    void jsonKeepsTheExactStrings() throws IOException {
        Path file = hostileWorkspace();
        Run r = run(false, "check", "--format", "json", file.toString());
        assertSafe(r.out()); // JSON escapes control characters itself
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(file.toString(), root.get("files").get(0).asText());
        String message = root.get("results").get(0).get("message").asText();
        assertTrue(message.contains("x\r  PASS fake :: all good\u001b[2J\u0000\u0007\b"), message);
    }

    @Test
    void pluginTextsInTheLibraryListAreSafe() throws IOException {
        Path ws = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(ws.resolve("hielements.toml"),
                "[libraries.\"evil\\u001b[2J\\r\"]\nexecutable = \"./missing\\u0007\"\n");
        Run r = run(true, "libraries", "-w", ws.toString());
        assertSafe(r.out());
        assertSafe(r.err());
        assertTrue(r.out().contains("evil\\u001b[2J\\r"), r.out());
    }

    @Test
    void theSanitizerEscapesEveryControlAndKeepsTheRest() {
        assertEquals("a\\rb\\nc\\td\\u001B[0m\\u0000\\u007F\\u009B\\u202E\\u2028 é 😀", Terminal.line(
                "a\rb\nc\td\u001b[0m\u0000\u007f\u009b\u202e\u2028 é 😀"));
        assertEquals("same text", Terminal.line("same text"));
        assertEquals("line one\n\tindented\nx\\ty\nz\\u001B", Terminal.lines("line one\r\n\tindented\nx\ty\nz\u001b"));
    }
}
