package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hielements.library.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format sarif} validates against the SARIF 2.1.0 JSON schema and holds one result per problem. */
class SarifOutputTest {
    static final Path SCHEMA = Path.of("..", "test-fixtures", "schemas", "sarif-schema-2.1.0.json");
    static final ObjectMapper JSON = new ObjectMapper();
    static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        JsonNode node = JSON.readTree(SCHEMA.toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
    }

    static Set<ValidationMessage> validate(JsonNode log) {
        return schema.validate(log);
    }

    private MainTest.Run sarifOf(String... paths) {
        List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
        args.addAll(List.of(paths));
        return MainTest.run(args.toArray(String[]::new));
    }

    @Test
    void theSchemaValidatorRejectsWhatIsNotSarif() throws IOException {
        ObjectNode bad = (ObjectNode) JSON.readTree("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[]}]}");
        assertFalse(validate(bad).isEmpty(), "a run without a tool must be invalid");
        ObjectNode wrongLevel = (ObjectNode) JSON.readTree("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":"
                + "{\"name\":\"x\"}},\"results\":[{\"message\":{\"text\":\"m\"},\"level\":\"fatal\"}]}]}");
        assertFalse(validate(wrongLevel).isEmpty(), "an unknown level must be invalid");
    }

    @Test
    void failuresErrorsAndErrorDiagnosticsAreResultsAtTheirPlaceAndTheLogIsValid() throws IOException {
        // the check using `nothing` errs too, but only repeats the static E200: one result, not two
        TestFiles.write(dir, "src/a.py", "import os\n");
        Path hie = TestFiles.write(dir, "spec.hie", """
                pattern p:
                    scope code
                    check files.exists(code, 'missing.py')
                element app implements p:
                    scope code binds p.code = files.folder_selector('src')
                    scope bad = files.folder_selector('/etc')
                    check files.exists(code, 'a.py')
                    check files.exists(bad, 'x')
                    check files.exists(nothing, 'x')
                """);
        MainTest.Run r = sarifOf(hie.toString());
        assertEquals(1, r.code(), r.err());
        JsonNode log = JSON.readTree(r.out());
        assertEquals(Set.of(), validate(log));
        assertEquals("2.1.0", log.get("version").asText());
        JsonNode run = log.get("runs").get(0);
        assertEquals("hielements", run.get("tool").get("driver").get("name").asText());
        List<String> rules = new ArrayList<>();
        run.get("tool").get("driver").get("rules").forEach(n -> rules.add(n.get("id").asText()));
        assertEquals(List.of("E101", "E200", "E230", "F001"), rules);
        List<String> results = new ArrayList<>();
        for (JsonNode res : run.get("results")) {
            JsonNode region = res.get("locations").get(0).get("physicalLocation").get("region");
            results.add(res.get("ruleId").asText() + " " + region.get("startLine").asInt() + ":"
                    + region.get("startColumn").asInt() + " " + res.get("message").get("text").asText());
            assertEquals(rules.indexOf(res.get("ruleId").asText()), res.get("ruleIndex").asInt());
            assertEquals(hie.toUri().toString(), res.get("locations").get(0).get("physicalLocation")
                    .get("artifactLocation").get("uri").asText());
        }
        assertEquals(List.of(
                "E200 9:24 Undefined identifier: nothing",
                "E101 6:17 folder_selector requires a path inside the workspace: '/etc' is absolute",
                "E230 8:5 depends on failed scope `app.bad`",
                "F001 4:24 File 'missing.py' does not exist in folder 'src'"), results);
        JsonNode patternResult = run.get("results").get(3);
        JsonNode related = patternResult.get("relatedLocations").get(0);
        assertEquals(3, related.get("physicalLocation").get("region").get("startLine").asInt());
        assertTrue(related.get("message").get("text").asText().startsWith("check of pattern 'p'"));
        assertEquals("pattern", patternResult.get("properties").get("kind").asText());
    }

    @Test
    void theDemoAndTheCorpusGiveValidLogsAndAPassingRunAnEmptyOne() throws IOException {
        for (Path p : List.of(Path.of("..", "test-fixtures", "workspaces", "demo"),
                Path.of("..", "test-fixtures", "corpus"))) {
            MainTest.Run r = sarifOf(p.toString());
            assertEquals(1, r.code(), p + ": " + r.err());
            JsonNode log = JSON.readTree(r.out());
            assertEquals(Set.of(), validate(log), p.toString());
            assertTrue(log.get("runs").get(0).get("results").size() > 0, p.toString());
            assertEquals("unicodeCodePoints", log.get("runs").get(0).get("columnKind").asText());
        }
        Path ok = TestFiles.write(dir, "ok.hie", "element a:\n    scope s = files.folder_selector('.')\n"
                + "    check files.exists(s, 'ok.hie')\n");
        MainTest.Run r = sarifOf(ok.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode log = JSON.readTree(r.out());
        assertEquals(Set.of(), validate(log));
        assertEquals(0, log.get("runs").get(0).get("results").size());
        assertTrue(Files.exists(SCHEMA));
    }

    @Test
    void noRunGivesTheDiagnosticsAsAValidLog() throws IOException {
        Path bad = TestFiles.write(dir, "bad.hie", "element a:\n    ref r = files.file_selector('x')\n");
        MainTest.Run r = MainTest.run("check", "--no-run", "--format", "sarif", bad.toString());
        assertEquals(1, r.code());
        JsonNode log = JSON.readTree(r.out());
        assertEquals(Set.of(), validate(log));
        assertEquals("E007", log.get("runs").get(0).get("results").get(0).get("ruleId").asText());
    }
}
