package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hielements.library.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 item 5: the workspace is found (hielements.toml, else the repository holding .git, else the folder) and said. */
class WorkspaceDiscoveryTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            element app:
                scope code = files.folder_selector('src/app')
                check files.exists(code, 'main.py')
            """;

    @Test
    void aSpecKeptInDocsOfARepositoryChecksTheRepositoryAndSaysSo() throws IOException {
        Path repo = dir.toRealPath().resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        TestFiles.write(repo, "src/app/main.py", "print(1)\n");
        Path spec = TestFiles.write(repo, "docs/arch.hie", SPEC);
        MainTest.Run r = MainTest.run("check", spec.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("Starting Running checks in `" + spec + "` (workspace " + repo + ")...\n\n"
                + "  PASS app :: files.exists(code, 'main.py')\n"), r.out());

        MainTest.Run json = MainTest.run("check", "--format", "json", spec.toString());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(repo.toString(), root.get("workspace").asText());
    }

    @Test
    void aGitFileAsInAWorktreeMarksTheRepositoryToo() throws IOException {
        Path repo = dir.toRealPath().resolve("wt");
        TestFiles.write(repo, ".git", "gitdir: /elsewhere/.git/worktrees/wt\n");
        TestFiles.write(repo, "src/app/main.py", "print(1)\n");
        Path spec = TestFiles.write(repo, "docs/deep/arch.hie", SPEC);
        MainTest.Run r = MainTest.run("check", spec.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("(workspace " + repo + ")"), r.out());
    }

    @Test
    void theNearestHielementsTomlWinsOverTheRepository() throws IOException {
        Path repo = dir.toRealPath().resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        TestFiles.write(repo, "tools/hielements.toml", "# the tools workspace\n");
        TestFiles.write(repo, "tools/src/app/main.py", "print(1)\n");
        Path spec = TestFiles.write(repo, "tools/arch.hie", SPEC);
        MainTest.Run r = MainTest.run("check", spec.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("(workspace " + repo.resolve("tools") + ")"), r.out());
    }

    @Test
    void withNeitherTheFilesFolderIsTheWorkspaceAndAScopeSelectingNothingThereIsAnError() throws IOException {
        Path plain = dir.toRealPath().resolve("plain");
        TestFiles.write(plain, "src/app/main.py", "print(1)\n");
        Path spec = TestFiles.write(plain, "docs/arch.hie", SPEC);
        MainTest.Run r = MainTest.run("check", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("(workspace " + plain.resolve("docs") + ")"), r.out());
        assertTrue(r.out().contains("  ERROR app :: files.exists(code, 'main.py')\n"
                + "        --> scope 'code' selected no files (files.folder_selector('src/app'))\n"), r.out());
    }
}
