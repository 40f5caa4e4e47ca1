package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hielements.semantics.KnownLibraries;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hielements check --no-run} with the semantic model: several files form one model, positions, related notes. */
class SemanticCheckTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static final String PATTERN = """
            pattern observable:
                scope module
                requires scope metrics
            """;

    @Test
    void aFolderIsOneModelAndRelatedPlacesAreNotes() throws IOException {
        Path lib = write("lib.hie", PATTERN);
        Path app = write("app.hie", """
                import './lib.hie'
                element svc implements observable:
                    scope src = files.folder_selector('src')
                """);
        MainTest.Run r = MainTest.run("check", "--no-run", dir.toString());
        assertEquals(1, r.code());
        assertEquals("error[E212] : Pattern 'observable' has unbound placeholders: observable.module\n"
                + "  --> " + app + ":2:24\n"
                + "  = note: placeholder observable.module declared here (" + lib + ":2:11)\n\n"
                + "error[E220] : Requirement of pattern 'observable' not met: requires scope metrics\n"
                + "  --> " + app + ":2:24\n"
                + "  = note: requirement of pattern 'observable': requires scope metrics (" + lib + ":3:5)\n\n"
                + "Finished `" + lib + "` validated successfully\n", r.out());
        assertEquals("error: could not validate `" + app + "` due to 2 previous errors\n", r.err());
    }

    @Test
    void theFixedWorkspaceValidates() throws IOException {
        write("lib.hie", PATTERN);
        Path app = write("app.hie", """
                import './lib.hie'
                element svc implements observable:
                    scope module binds observable.module = files.folder_selector('m')
                    scope metrics = files.folder_selector('metrics')
                """);
        MainTest.Run r = MainTest.run("check", "--no-run", app.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        // the imported file is part of the model and gets its own line, after the files named
        assertEquals("Finished `" + app + "` validated successfully\n"
                + "Finished `" + dir.resolve("lib.hie") + "` validated successfully\n", r.out());
    }

    @Test
    void jsonCarriesPositionsAndRelatedInformation() throws IOException {
        Path lib = write("lib.hie", PATTERN);
        write("app.hie", "import './lib.hie'\nelement svc implements observable:\n    scope module binds observable.module = files.folder_selector('m')\n");
        MainTest.Run r = MainTest.run("check", "--no-run", "--format", "json", dir.toString());
        assertEquals(1, r.code());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode e = root.get("errors").get(0);
        assertEquals("E220", e.get("code").asText());
        assertEquals(2, e.get("span").get("start").get("line").asInt());
        assertEquals(24, e.get("span").get("start").get("column").asInt());
        JsonNode rel = e.get("related").get(0);
        assertEquals(lib.toString(), rel.get("file").asText());
        assertEquals(3, rel.get("span").get("start").get("line").asInt());
        List<String> files = new ArrayList<>();
        root.get("files").forEach(n -> files.add(n.asText()));
        assertEquals(List.of(dir.resolve("app.hie").toString(), lib.toString()), files);
    }

    @Test
    void anImportedFileOutsideTheNamedOnesIsValidatedToo() throws IOException {
        write("hielements.toml", "");
        write("shared/patterns.hie", "pattern p:\n    scope x = files.nope('x')\n");
        Path app = write("app/main.hie", "import '../shared/patterns'\nelement e implements p:\n    scope s = files.folder_selector('s')\n");
        MainTest.Run r = MainTest.run("check", "--no-run", app.toString());
        assertEquals(1, r.code());
        Path shared = dir.resolve("shared/patterns.hie");
        assertTrue(r.out().contains("error[E206] : Unknown function: files.nope\n  --> " + shared + ":2:21\n"), r.out());
        assertEquals("Finished `" + app + "` validated successfully\n"
                + "error[E206] : Unknown function: files.nope\n  --> " + shared + ":2:21\n\n", r.out());
        assertEquals("error: could not validate `" + shared + "` due to 1 previous error\n", r.err());
    }

    @Test
    void missingImportIsE216WithItsPosition() throws IOException {
        Path app = write("app.hie", "import './nowhere.hie'\nelement e:\n    scope s = files.folder_selector('s')\n");
        MainTest.Run r = MainTest.run("check", "--no-run", app.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().startsWith("error[E216] : Cannot import './nowhere.hie': no such file (looked for "
                + "nowhere.hie)\n  --> " + app + ":1:8\n"), r.out());
    }

    @Test
    void configuredPluginsAreKnownByName() throws IOException {
        write("hielements.toml", "[libraries]\nsample = { executable = \"sh\", args = [\"plugin.sh\"] }\n");
        KnownLibraries known = SemanticStage.libraries(dir);
        assertTrue(known.isKnown("sample"));
        assertTrue(known.functions("sample").isEmpty(), "a plugin's functions are not known without starting it");
        assertTrue(known.isKnown("files"));
        assertTrue(known.functions("files").isPresent());
        assertFalse(known.isKnown("docker"));

        Path f = write("uses.hie", "import sample\nelement e:\n    scope s = sample.simple_selector('x')\n"
                + "    check docker.has_healthcheck(s)\n");
        Validation.FileResult parsed = Validation.syntaxOnly().validate(
                new SourceText(f.toString(), Files.readString(f)));
        List<Validation.FileResult> out = SemanticStage.apply(List.of(parsed), dir, known);
        assertEquals(List.of("E203"), out.get(0).diagnostics().stream().map(d -> d.code()).toList());
        List<Validation.FileResult> withoutConfig = SemanticStage.apply(List.of(parsed), dir,
                SemanticStage.libraries(dir.resolve("elsewhere")));
        assertEquals(List.of("W001", "E203"),
                withoutConfig.get(0).diagnostics().stream().map(d -> d.code()).toList());
    }
}
