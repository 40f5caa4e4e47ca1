package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process: output and exit codes. */
class MainTest {
    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static final String BAD = "import docker\nelement a:\n    ref r = files.file_selector('x')\n";

    @Test
    void checkAValidFile() throws IOException {
        Path f = write("ok.hie", "import files\nelement a:\n    scope s = files.folder_selector('x')\n");
        Run r = run("check", "--no-run", f.toString());
        assertEquals(0, r.code());
        assertEquals("Finished `" + f + "` validated successfully\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void checkAFileWithAnErrorHuman() throws IOException {
        Path f = write("bad.hie", BAD);
        Run r = run("check", "--no-run", f.toString());
        assertEquals(1, r.code());
        assertEquals("error[E007] : Expected ':', found '='\n  --> " + f + ":3:11\n\n"
                + "warning[W001] : Unknown library 'docker' (will be resolved at runtime)\n  --> " + f + ":1:8\n\n",
                r.out());
        assertEquals("error: could not validate `" + f + "` due to 1 previous error; 1 warning emitted\n", r.err());
    }

    @Test
    void checkAFileWithAnErrorJsonIsUpstreamsShape() throws IOException {
        Path f = write("bad.hie", BAD);
        Run r = run("check", "--no-run", "--format", "json", f.toString());
        assertEquals(1, r.code());
        assertEquals("", r.err());
        String expected = """
                {
                  "version": "1.0",
                  "status": "error",
                  "errors": [
                    {
                      "severity": "error",
                      "code": "E007",
                      "message": "Expected ':', found '='",
                      "file": "%s",
                      "span": {
                        "start": {
                          "line": 3,
                          "column": 11,
                          "offset": 35
                        },
                        "end": {
                          "line": 3,
                          "column": 12,
                          "offset": 36
                        }
                      }
                    }
                  ],
                  "warnings": [
                    {
                      "severity": "warning",
                      "code": "W001",
                      "message": "Unknown library 'docker' (will be resolved at runtime)",
                      "file": "%s",
                      "span": {
                        "start": {
                          "line": 1,
                          "column": 8,
                          "offset": 7
                        },
                        "end": {
                          "line": 1,
                          "column": 14,
                          "offset": 13
                        }
                      }
                    }
                  ],
                  "summary": {
                    "total_errors": 1,
                    "total_warnings": 1
                  },
                  "files": [
                    "%s"
                  ]
                }
                """.formatted(f, f, f);
        assertEquals(expected, r.out());
    }

    @Test
    void warningsOnlyExitZero() throws IOException {
        Path f = write("w.hie", "element a {\n    scope s = files.folder_selector('x')\n");
        Run r = run("check", "--no-run", f.toString());
        assertEquals(0, r.code());
        assertEquals("warning[W002] : block opened here is never closed\n  --> " + f + ":1:11\n\n"
                + "Finished `" + f + "` validated with 1 warning\n", r.out());
        Run json = run("check", "--no-run", "-f", "json", f.toString());
        assertEquals(0, json.code());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals("ok", root.get("status").asText());
        assertEquals(1, root.get("summary").get("total_warnings").asInt());
        assertEquals("W002", root.get("warnings").get(0).get("code").asText());
    }

    @Test
    void columnsCountUnicodeCharacters() throws IOException {
        Path f = write("u.hie", "element a:\n    scope s = f.g('😀é') ## x\n");
        Run r = run("check", "--no-run", "--format=json", f.toString());
        JsonNode start = new ObjectMapper().readTree(r.out()).get("errors").get(0).get("span").get("start");
        assertEquals(2, start.get("line").asInt());
        assertEquals(25, start.get("column").asInt()); // 😀 is one character, not two UTF-16 units
        assertEquals(35, start.get("offset").asInt());
        assertTrue(run("check", "--no-run", f.toString()).out().contains(f + ":2:25\n"));
    }

    /**
     * A folder's search: a link to a regular file named *.hie counts, folders and links to them do not, nor hidden
     * folders at any depth; files among many others and in deep folders are all found (the search stops looking at a
     * folder's entries once its link count says every subfolder was found).
     */
    @Test
    void aFolderSearchTakesLinksToHieFilesAndSkipsHiddenFoldersAtAnyDepth() throws IOException {
        Path target = write("targets/t.txt", "element t:\n    scope s = files.folder_selector('.')\n");
        Path ws = dir.resolve("ws");
        write("ws/a.hie", "element a:\n    scope s = files.folder_selector('.')\n");
        write("ws/sub/c.hie", "element c:\n    scope s = files.folder_selector('.')\n");
        write("ws/sub/.git/e.hie", BAD);
        Files.createSymbolicLink(ws.resolve("linked.hie"), target);
        Files.createDirectories(ws.resolve("folder.hie"));
        Files.createSymbolicLink(ws.resolve("to-folder.hie"), ws.resolve("folder.hie"));
        // folders among many other entries, at several depths: whatever order the listing gives, none is missed
        for (int i = 0; i < 40; i++) write("ws/code/m" + i + ".py", "x = 1\n");
        for (int i = 0; i < 5; i++) Files.createDirectories(ws.resolve("code/empty" + i));
        write("ws/code/deep/er/d.hie", "element d:\n    scope s = files.folder_selector('.')\n");
        write("ws/code/k.hie", "element k:\n    scope s = files.folder_selector('.')\n");
        Run r = run("check", "--no-run", "--format", "json", ws.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> files = new ArrayList<>();
        root.get("files").forEach(n -> files.add(n.asText()));
        files.sort(null);                          // which files, not the order of the output
        assertEquals(List.of(ws.resolve("a.hie").toString(), ws.resolve("code/deep/er/d.hie").toString(),
                ws.resolve("code/k.hie").toString(), ws.resolve("linked.hie").toString(),
                ws.resolve("sub/c.hie").toString()), files, r.out() + r.err());
        assertEquals(0, root.get("summary").get("total_errors").asInt(), r.out());
    }

    @Test
    void aFolderMeansEveryHieFileUnderItSorted() throws IOException {
        write("b.hie", BAD);
        write("a.hie", "element a:\n    scope s = files.folder_selector('a')\n");
        write("sub/c.hie", "element c {\n");
        write("notes.txt", "not a hie file");
        write(".hidden/d.hie", BAD);
        Run r = run("check", "--no-run", "--format", "json", dir.toString());
        assertEquals(1, r.code());
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> files = new ArrayList<>();
        root.get("files").forEach(n -> files.add(n.asText()));
        assertEquals(List.of(dir.resolve("a.hie").toString(), dir.resolve("b.hie").toString(),
                dir.resolve("sub/c.hie").toString()), files);
        assertEquals(1, root.get("summary").get("total_errors").asInt());
        assertEquals(2, root.get("summary").get("total_warnings").asInt()); // W002 in c.hie, W001 in b.hie

        Run human = run("check", "--no-run", dir.toString());
        assertEquals(1, human.code());
        String out = human.out();
        assertTrue(out.indexOf("a.hie` validated successfully") < out.indexOf("error[E007]"), out);
        assertTrue(out.contains("c.hie` validated with 1 warning"), out);
        assertEquals("error: could not validate `" + dir.resolve("b.hie") + "` due to 1 previous error; "
                + "1 warning emitted\n", human.err());
    }

    @Test
    void unreadableFilesAreExitCodeTwo() throws IOException {
        Path ok = write("ok.hie", "element a {}\n");
        Run r = run("check", "--no-run", ok.toString(), dir.resolve("missing.hie").toString());
        assertEquals(2, r.code());
        assertEquals("Finished `" + ok + "` validated successfully\n", r.out());
        assertEquals("error: Failed to read file '" + dir.resolve("missing.hie") + "': no such file or directory\n",
                r.err());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run none = run("check", "--no-run", empty.toString());
        assertEquals(2, none.code());
        assertEquals("error: No .hie file found under '" + empty + "'\n", none.err());
    }

    @Test
    void withoutNoRunItRunsTheChecks() throws IOException {
        Path f = write("ok.hie", "element a {}\n");
        Run r = run("check", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Starting Running checks in `" + f + "` (workspace " + f.getParent() + ")...\n\n\nSummary: 0 total, 0 passed, 0 failed, 0 errors\n",
                r.out());
        assertEquals("", r.err());
    }

    @Test
    void badUsageIsExitCodeTwo() {
        Run format = run("check", "--no-run", "--format", "xml", "x.hie");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("xml"), format.err());
        assertEquals(2, run("check", "--bogus").code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("parse").code());
        Run none = run();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Usage: hielements"), none.err());
    }

    @Test
    void helpAndVersionEverywhere() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"check", "--help"},
                new String[] {"parse", "--help"})) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().startsWith("Usage: hielements"), r.out());
        }
        assertTrue(run("check", "--help").out().contains("--no-run"));
        assertTrue(run("--help").out().contains("parse"));
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"check", "--version"},
                new String[] {"parse", "-V"})) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().matches("hielements \\d+\\.\\d+\\.\\d+.*\\n"), r.out());
        }
    }

    @Test
    void parsePrintsTheTreeAsJson() throws IOException {
        Path f = write("t.hie", "import files\n## Doc\nelement a:\n    scope s = files.folder_selector('x')\n");
        Run r = run("parse", f.toString());
        assertEquals(0, r.code());
        assertEquals("", r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(f.toString(), root.get("file").asText());
        assertEquals(0, root.get("diagnostics").size());
        JsonNode tree = root.get("tree");
        assertEquals("File", tree.get("kind").asText());
        assertEquals("files", tree.get("imports").get(0).get("path").get("name").get("segments").get(0).get("text")
                .asText());
        JsonNode element = tree.get("declarations").get(0);
        assertEquals("Element", element.get("kind").asText());
        assertEquals("Doc", element.get("doc").get("text").asText());
        JsonNode name = element.get("name");
        assertEquals("a", name.get("text").asText());
        JsonNode start = name.get("span").get("start");
        assertEquals(28, start.get("offset").asInt());
        assertEquals(2, start.get("line").asInt());
        assertEquals(8, start.get("character").asInt());
        JsonNode scope = element.get("items").get(0);
        assertEquals("Scope", scope.get("kind").asText());
        assertEquals("Call", scope.get("value").get("kind").asText());
        assertEquals("x", scope.get("value").get("arguments").get(0).get("value").asText());
        assertEquals("INDENT", element.get("block").get("style").asText());
    }

    @Test
    void formatPrintsOneFileAndChecksMany() throws IOException {
        String messy = "element a:\n  scope s = files.folder_selector( 's' )  # kept\n\n\n";
        Path f = write("messy.hie", messy);
        Path tidy = write("tidy.hie", "element b:\n    scope s = files.folder_selector('s')\n");
        Path broken = write("broken.hie", BAD);
        Run r = run("format", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("element a:\n    scope s = files.folder_selector('s')  # kept\n", r.out());
        assertEquals(messy, Files.readString(f), "no file is written");
        assertEquals("element a:\n\tscope s = files.folder_selector('s')  # kept\n",
                run("format", "--indent", "tab", f.toString()).out());

        Run check = run("format", "--check", f.toString(), tidy.toString());
        assertEquals(1, check.code());
        assertEquals(f + "\n", check.out());
        assertEquals(0, run("format", "--check", tidy.toString()).code());

        Run bad = run("format", broken.toString());
        assertEquals(1, bad.code());
        assertEquals("", bad.out());
        assertTrue(bad.err().contains("syntax errors"), bad.err());
        assertEquals(2, run("format", f.toString(), tidy.toString()).code(), "one file without --check");
        assertEquals(2, run("format", "--indent", "0", f.toString()).code());
    }

    @Test
    void formatWriteFormatsInPlaceOnlyWhatChangesAndNeverWritesThroughALink() throws IOException {
        String messy = "element a:\n  scope s = files.folder_selector( 's' )\n";
        Path f = write("w/messy.hie", messy);
        Path tidy = write("w/tidy.hie", "element b:\n    scope s = files.folder_selector('s')\n");
        Path broken = write("w/broken.hie", BAD);
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(tidy);
        Run r = run("format", "--write", dir.resolve("w").toString());
        assertEquals(1, r.code(), "the broken file is reported: " + r.err());
        assertEquals("formatted " + f + "\n", r.out());
        assertEquals("element a:\n    scope s = files.folder_selector('s')\n", Files.readString(f));
        assertEquals(before, Files.getLastModifiedTime(tidy), "an unchanged file is not rewritten");
        assertEquals(BAD, Files.readString(broken));
        try (var listing = Files.list(dir.resolve("w"))) {
            assertEquals(3, listing.count(), "no temporary file is left");
        }
        assertEquals(2, run("format", "--write", "--check", f.toString()).code());

        // a link planted in the folder: the file it points to stays untouched
        Path outside = write("outside/victim.hie", messy);
        Path link = dir.resolve("w2").resolve("link.hie");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, outside);
        Run linked = run("format", "--write", link.toString());
        assertEquals(2, linked.code());
        assertTrue(linked.err().contains("symbolic link"), linked.err());
        assertEquals(messy, Files.readString(outside));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void parseOfABrokenFileStillPrintsTheTreeAndExitsOne() throws IOException {
        Path f = write("bad.hie", BAD);
        Run r = run("parse", f.toString());
        assertEquals(1, r.code());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("E007", root.get("diagnostics").get(0).get("code").asText());
        assertEquals("a", root.get("tree").get("declarations").get(0).get("name").get("text").asText());
        assertEquals(2, run("parse", dir.resolve("nope.hie").toString()).code());
        assertEquals(2, run("parse", dir.toString()).code());
    }

    @Test
    void theCorpusValidates() {
        Path corpus = Path.of(System.getProperty("hielements.fixtures", "../test-fixtures"), "corpus");
        Run r = run("check", "--no-run", corpus.toString());
        // no syntax error; the semantic findings (pinned and explained in test-fixtures/golden/semantics) make it 1
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("error[E0")), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("warning[W002]")).count(), r.out());
        assertEquals(15, r.out().lines().filter(l -> l.startsWith("Finished")).count()
                + r.err().lines().filter(l -> l.startsWith("error: could not validate")).count());
    }
}
