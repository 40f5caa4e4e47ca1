package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code hielements check} on {@code test-fixtures/workspaces/rust-graph}: a Cargo workspace where two crates share a
 * module file name, one renames its dependency, and crate names appear only in comments and strings. Every verdict
 * and message is asserted, and every offending place reaches the JSON output as a related place (file, line,
 * excerpt). Before this work 9 of these 19 verdicts were wrong (8 wrong verdicts, and an E231 for a module that
 * selected nothing).
 */
class RustGraphCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPEC = Path.of("..", "test-fixtures", "workspaces", "rust-graph", "architecture.hie");

    @Test
    void everyVerdictMessageAndRelatedPlace() throws Exception {
        MainTest.Run r = MainTest.run("check", "--format", "json", SPEC.toString());
        assertEquals(1, r.code(), r.err());
        JsonNode root = JSON.readTree(r.out());
        List<String> got = new ArrayList<>();
        for (JsonNode n : root.get("results")) {
            StringBuilder b = new StringBuilder(n.get("status").asText()).append(' ').append(n.get("element").asText())
                    .append(" :: ").append(n.get("check").asText());
            if (!n.get("message").isNull()) b.append("\n  --> ").append(n.get("message").asText());
            if (n.has("related")) {
                for (JsonNode rel : n.get("related")) {
                    b.append("\n  related ").append(rel.get("file").asText()).append(':')
                            .append(rel.get("span").get("start").get("line").asInt()).append(' ')
                            .append(rel.get("message").asText());
                }
            }
            got.add(b.toString());
        }
        assertEquals(List.of(
                "pass tools :: files.exists(alpha, 'lib.rs')",
                "pass tools :: files.exists(gamma, 'Cargo.toml')",
                "pass tools :: rust.no_dependency(alpha, beta)",
                "pass tools :: rust.no_dependency(beta, alpha)",
                "pass tools :: rust.depends_on(gamma, alpha)",
                "pass tools :: rust.depends_on(gamma, beta)",
                "fail tools :: rust.no_dependency(gamma, alpha)\n"
                        + "  --> Forbidden dependency detected: crates/gamma/src/lib.rs:3 use alpha::{walk::Entry, pathutil}"
                        + " (and 2 more)\n"
                        + "  related crates/gamma/src/lib.rs:3 use alpha::{walk::Entry, pathutil}\n"
                        + "  related crates/gamma/src/lib.rs:9 pathutil::split\n"
                        + "  related crates/gamma/src/lib.rs:12 alpha::walk::walk",
                "fail tools :: rust.depends_on(beta, alpha)\n"
                        + "  --> No dependency found: source does not use 'alpha_core'",
                "fail tools :: rust.depends_on(delta, beta)\n"
                        + "  --> No dependency found: source does not use 'beta' (declared as a dependency in"
                        + " crates/delta/Cargo.toml, never used in the source's code)",
                "pass tools :: rust.uses(gamma, 'alpha')",
                "pass tools :: rust.uses(gamma, 'beta')",
                "pass tools :: rust.uses(alpha, 'crate::pathutil')",
                "fail tools :: rust.uses(beta, 'alpha_core')\n"
                        + "  --> Module does not use 'alpha_core'",
                "pass tools.walk :: rust.depends_on(module, pathutil)",
                "pass tools.walk :: rust.no_dependency(pathutil, module)",
                "fail tools.walk :: rust.depends_on(pathutil, module)\n"
                        + "  --> No dependency found: source does not use 'crate::walk'",
                "fail tools.walk :: rust.no_dependency(module, pathutil)\n"
                        + "  --> Forbidden dependency detected: crates/alpha/src/walk/entry.rs:27 crate::pathutil::split"
                        + " (and 1 more)\n"
                        + "  related crates/alpha/src/walk/entry.rs:27 crate::pathutil::split\n"
                        + "  related crates/alpha/src/walk/mod.rs:6 super::pathutil::split",
                "pass tools.report :: rust.uses(module, 'crate::list')",
                "pass tools.tests :: rust.depends_on(code, lib)"), got);
        assertEquals(19, root.get("summary").get("total").asInt());
        assertEquals(13, root.get("summary").get("passed").asInt());
        assertEquals(6, root.get("summary").get("failed").asInt());
    }

    @Test
    void theHumanOutputNamesTheFirstPlace() {
        MainTest.Run r = MainTest.run("check", SPEC.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("  FAIL tools :: rust.no_dependency(gamma, alpha)\n"
                + "        --> Forbidden dependency detected: crates/gamma/src/lib.rs:3 use alpha::{walk::Entry, pathutil}"
                + " (and 2 more)\n"), r.out());
        assertTrue(r.out().endsWith("Summary: 19 total, 13 passed, 6 failed, 0 errors\n"), r.out());
    }

    @Test
    void sarifCarriesTheOffendingPlacesAsRelatedLocations() throws Exception {
        MainTest.Run r = MainTest.run("check", "--format", "sarif", SPEC.toString());
        JsonNode results = JSON.readTree(r.out()).get("runs").get(0).get("results");
        List<String> places = new ArrayList<>();
        for (JsonNode res : results) {
            if (!res.get("message").get("text").asText().startsWith("Forbidden dependency detected: crates/alpha")) continue;
            for (JsonNode rel : res.get("relatedLocations")) {
                JsonNode loc = rel.get("physicalLocation");
                places.add(loc.get("artifactLocation").get("uri").asText() + ":"
                        + loc.get("region").get("startLine").asInt());
            }
        }
        assertTrue(places.stream().anyMatch(p -> p.endsWith("crates/alpha/src/walk/entry.rs:27")), places.toString());
        assertTrue(places.stream().anyMatch(p -> p.endsWith("crates/alpha/src/walk/mod.rs:6")), places.toString());
    }
}
