package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's failing check naming its places ({@code {"Fail":stem,"evidence":[...]}}, PLUGINS.md): the host writes the
 * message as for a built-in ({@code stem: file:line excerpt (and N more)}) and keeps each place as evidence; places
 * outside the workspace or past the end of their file are left out; a place of the wrong shape is E509; a reply
 * without evidence, or decoded without a workspace, is the stem alone.
 */
class EvidenceReplyTest {
    @TempDir
    Path dir;

    private CheckResult decode(Workspace ws, String reply) throws LibraryException {
        return ValueCodec.decodeCheckResult(ValueCodec.parse(reply, "E506"), "ts", "no_import", ws);
    }

    @Test
    void placesBecomeEvidenceWithTheirExcerpts() throws Exception {
        Path root = dir.toRealPath();
        Files.createDirectories(root.resolve("src"));
        // a non-ASCII character before the place: columns count Unicode characters
        Files.writeString(root.resolve("src/a.ts"), "// é\nconst é = 1; import {\n  b } from './b';\nx\n",
                StandardCharsets.UTF_8);
        Workspace ws = Workspace.of(root);
        CheckResult r = decode(ws, "{\"Fail\":\"Scope imports './b' but should not\",\"evidence\":["
                + "{\"file\":\"" + root.resolve("src/a.ts") + "\",\"line\":2,\"column\":14,\"end_line\":3,"
                + "\"end_column\":17},"
                + "{\"file\":\"src/a.ts\",\"line\":4},"
                + "{\"file\":\"/etc/passwd\",\"line\":1},"
                + "{\"file\":\"src/a.ts\",\"line\":99}]}");
        CheckResult.Fail f = (CheckResult.Fail) r;
        assertEquals("Scope imports './b' but should not: src/a.ts:2 import { b } from './b' (and 1 more)",
                f.message());
        assertEquals(2, f.evidence().size());
        assertEquals(14, f.evidence().get(0).column());
        assertEquals("x", f.evidence().get(1).excerpt());
    }

    @Test
    void withoutEvidenceOrWorkspaceItIsTheStem() throws Exception {
        Workspace ws = Workspace.of(dir);
        assertEquals(new CheckResult.Fail("stem", List.of()), decode(ws, "{\"Fail\":\"stem\"}"));
        assertEquals(new CheckResult.Fail("stem", List.of()), decode(null,
                "{\"Fail\":\"stem\",\"evidence\":[{\"file\":\"a\",\"line\":1}]}"));
        assertEquals(new CheckResult.Fail("stem", List.of()), decode(ws,
                "{\"Fail\":\"stem\",\"evidence\":[{\"file\":\"missing.ts\",\"line\":1}]}"));
    }

    @Test
    void aPlaceOfTheWrongShapeIsE509() {
        Workspace ws = Workspace.of(dir);
        for (String bad : List.of("{\"Fail\":\"s\",\"evidence\":{}}", "{\"Fail\":\"s\",\"evidence\":[{\"line\":1}]}",
                "{\"Fail\":\"s\",\"evidence\":[{\"file\":\"a\"}]}",
                "{\"Fail\":\"s\",\"evidence\":[{\"file\":\"a\",\"line\":\"3\"}]}",
                "{\"Fail\":\"s\",\"evidence\":[{\"file\":\"a\",\"line\":1,\"column\":1.5}]}")) {
            LibraryException e = assertThrows(LibraryException.class, () -> decode(ws, bad), bad);
            assertEquals("E509", e.code(), bad);
            assertTrue(e.error().message().startsWith("Library 'ts', check 'no_import': cannot convert the reply"),
                    e.error().message());
        }
    }
}
