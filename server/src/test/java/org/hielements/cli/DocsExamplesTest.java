package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hielements.diagnostics.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language reference ({@code docs/LANGUAGE.md}) is true of the command line: every example runs. An HTML comment
 * before a fenced block says what to do with it, all in one folder (the workspace), in document order:
 * <ul>
 *   <li>{@code <!-- example: touch A B -->}: create empty files;</li>
 *   <li>{@code <!-- example: file PATH -->}: write the next block to PATH;</li>
 *   <li>{@code <!-- example: check PATH [CODE...] -->}: write it, then {@code check --no-run}: exactly those codes
 *       (none: no diagnostic at all);</li>
 *   <li>{@code <!-- example: run PATH -->}: {@code check PATH}; the next block is its output (the workspace's path
 *       aside).</li>
 * </ul>
 * Every {@code hielements} block has one, so no example escapes; the diagnostics table lists every code of
 * {@link Code} and no other.
 */
class DocsExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("hielements.fixtures", "../test-fixtures"))
            .toAbsolutePath().normalize().getParent();
    private static final Pattern DIRECTIVE = Pattern.compile("<!-- example: (touch|file|check|run) ([^>]*?) -->");
    private static final Pattern WORKSPACE = Pattern.compile("\\(workspace [^)]*\\)");

    @TempDir
    Path tmp;

    private record Block(String info, String text, int line) {}

    @Test
    void everyExampleOfTheLanguageReferenceDoesWhatItSays() throws IOException {
        Path dir = tmp.toRealPath();
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/LANGUAGE.md"), StandardCharsets.UTF_8);
        int examples = 0;
        int runs = 0;
        String pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = DIRECTIVE.matcher(line.strip());
            if (m.matches()) {
                if (m.group(1).equals("touch")) {
                    for (String f : m.group(2).strip().split("\\s+")) write(dir, f, "");
                } else {
                    pending = m.group(1) + " " + m.group(2).strip();
                    pendingLine = i + 1;
                }
                continue;
            }
            if (!line.startsWith("```") || line.equals("```")) continue;
            String where = "docs/LANGUAGE.md:" + (i + 1);
            Block b = block(lines, i);
            i = b.line();
            if (pending == null) {
                assertFalse(b.info().equals("hielements"), where + ": a hielements example without a directive");
                continue;
            }
            String[] words = pending.split("\\s+");
            pending = null;
            switch (words[0]) {
                case "file" -> write(dir, words[1], b.text());
                case "check" -> {
                    write(dir, words[1], b.text());
                    check(dir, words[1], Arrays.copyOfRange(words, 2, words.length), where);
                    examples++;
                }
                case "run" -> {
                    assertEquals("text", b.info(), "docs/LANGUAGE.md:" + pendingLine + ": run needs a text block");
                    run(dir, words[1], b.text(), where);
                    runs++;
                }
                default -> fail(where + ": unknown directive " + words[0]);
            }
        }
        assertTrue(examples >= 10 && runs >= 3, "examples checked: " + examples + ", runs: " + runs);
    }

    @Test
    void theDiagnosticsTableListsEveryCodeOfTheCatalogueAndNoOther() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/LANGUAGE.md"), StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("## 9. Diagnostics"));
        Set<String> listed = new TreeSet<>();
        for (String row : table.split("\n")) {
            if (!row.matches("\\| [EWF]\\d.*")) continue;
            for (String c : row.substring(2, row.indexOf(" |", 2)).split(",\\s*")) listed.add(c.strip());
        }
        Set<String> catalogue = new TreeSet<>();
        for (Code c : Code.values()) catalogue.add(c.id());
        assertEquals(catalogue, listed);
    }

    @Test
    void theDocumentationNeverPointsOutsideTheRepository() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("ARCHITECTURE.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            for (String bad : List.of("../shared", "/work/shared", "shared/spec", "shared/reference")) {
                assertFalse(text.contains(bad), f.getFileName() + " points at " + bad);
            }
        }
    }

    /**
     * The smallest plugin of {@code docs/PLUGINS.md}, assembled from the page's WAT with Debian's wat2wasm, loads
     * and answers as the page says (when wat2wasm is missing, the test says so loudly: {@code .ci/run} installs it).
     */
    @Test
    void theSmallestPluginOfThePluginPageLoadsAndAnswers() throws Exception {
        Path tool = Path.of("/usr/bin/wat2wasm");
        if (!Files.isExecutable(tool)) {
            System.out.println("!!!!!!!! DocsExamplesTest: /usr/bin/wat2wasm (Debian package wabt) is NOT installed:"
                    + " the plugin of docs/PLUGINS.md was NOT assembled and run. .ci/run installs it.");
            assertFalse(Files.exists(tool)); // honest: the tool really is absent
            return;
        }
        Path dir = tmp.toRealPath();
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/PLUGINS.md"), StandardCharsets.UTF_8);
        java.util.Map<String, String> blocks = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```") || lines.get(i).equals("```")) continue;
            Block b = block(lines, i);
            assertTrue(blocks.put(b.info(), b.text()) == null, "one " + b.info() + " block in docs/PLUGINS.md");
            i = b.line();
        }
        write(dir, "plugins/tiny.wat", blocks.get("wat"));
        write(dir, "hielements.toml", blocks.get("toml"));
        write(dir, "app.hie", blocks.get("hielements"));
        Process p = new ProcessBuilder(tool.toString(), "plugins/tiny.wat", "-o", "plugins/tiny.wasm")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "wat2wasm hung");
        assertEquals(0, p.exitValue(), "wat2wasm: " + log);

        MainTest.Run libs = MainTest.run("libraries", "-w", dir.toString());
        assertEquals(0, libs.code(), libs.out() + libs.err());
        assertTrue(libs.out().contains("tiny (WASM plugin)  ready"), libs.out());
        assertTrue(libs.out().contains("  selectors: greeting\n  checks: ok\n"), libs.out());
        MainTest.Run check = MainTest.run("check", dir.resolve("app.hie").toString());
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(check.out().contains("  PASS app :: tiny.ok()\n"), check.out());
    }

    /** The fenced block opening at line {@code i}: its info string, its text, and the line of its closing fence. */
    private static Block block(List<String> lines, int i) {
        String info = lines.get(i).substring(3).strip();
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        for (; j < lines.size() && !lines.get(j).equals("```"); j++) text.append(lines.get(j)).append('\n');
        assertTrue(j < lines.size(), "docs/LANGUAGE.md:" + (i + 1) + ": block never closed");
        return new Block(info, text.toString(), j);
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static void check(Path dir, String name, String[] codes, String where) throws IOException {
        MainTest.Run r = MainTest.run("check", "--no-run", "--format", "json", dir.resolve(name).toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        Set<String> found = new TreeSet<>();
        for (String kind : List.of("errors", "warnings")) {
            for (JsonNode d : root.get(kind)) found.add(d.get("code").asText());
        }
        assertEquals(new TreeSet<>(List.of(codes)), found, where + " (" + name + "): " + r.out());
        assertEquals(root.get("errors").isEmpty() ? 0 : 1, r.code(), where + ": exit code");
    }

    private static void run(Path dir, String name, String expected, String where) {
        MainTest.Run r = MainTest.run("check", dir.resolve(name).toString());
        String out = WORKSPACE.matcher(r.out().replace(dir + "/", "")).replaceAll("(workspace)");
        assertEquals(WORKSPACE.matcher(expected).replaceAll("(workspace)").stripTrailing(), out.stripTrailing(),
                where + " (" + name + "), stderr: " + r.err());
    }
}
