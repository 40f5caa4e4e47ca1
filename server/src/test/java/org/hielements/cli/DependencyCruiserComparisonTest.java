package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.TreeSet;

import org.hielements.bench.DependencyCruiser;
import org.hielements.bench.TypeScriptRepoGenerator;
import org.hielements.sdk.Toolchains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code typescript} library finds the same edges between folders as dependency-cruiser (npm, the version
 * {@link Toolchains#DEPENDENCY_CRUISER}, installed under target/ when node and npm are there; else a loud message that
 * the comparison did not run), on copies of the fixture workspaces and on a generated monorepo, each with its
 * workspace packages linked into {@code node_modules} as {@code npm install} links them (dependency-cruiser resolves
 * a workspace package through that link; the library reads the package.json files). One documented difference:
 * dependency-cruiser reads one {@code tsconfig.json} for the whole tree, TypeScript (and the library) the nearest one
 * above each file, so {@code packages/api}'s own {@code paths} alias is found by the library only.
 */
class DependencyCruiserComparisonTest {
    private static final Path WORKSPACES = Path.of("..", "test-fixtures", "workspaces");

    @TempDir
    Path dir;

    private static DependencyCruiser cruiser(String test) throws Exception {
        Path install = Toolchains.dependencyCruiserOr(test);
        return install == null ? null : new DependencyCruiser(install);
    }

    /** A copy of a fixture workspace with its packages linked, as after {@code npm install}. */
    private Path installed(String fixture) throws Exception {
        Path ws = dir.resolve(fixture);
        DependencyCruiser.copy(WORKSPACES.resolve(fixture), ws);
        DependencyCruiser.linkWorkspaces(ws);
        return ws.toRealPath();
    }

    @Test
    void theFixturesHaveDependencyCruisersFolderEdges() throws Exception {
        DependencyCruiser dc = cruiser(getClass().getSimpleName() + " (fixtures)");
        if (dc == null) return;
        Path resolution = installed("typescript-resolution");
        TreeSet<String> theirs = DependencyCruiser.folderEdges(dc.run(resolution));
        TreeSet<String> ours = DependencyCruiser.ours(resolution);
        // the nested tsconfig's alias: TypeScript resolves it, dependency-cruiser (one tsconfig) does not
        assertTrue(ours.remove("packages/api/src -> packages/api/lib"), ours.toString());
        assertEquals(theirs, ours);
        assertTrue(ours.containsAll(java.util.List.of("src/probe -> src/targets", "src/probe -> src/shared",
                "src/probe -> src/app", "src/probe -> src/config", "src/probe -> packages/ui/src",
                "src/probe -> packages/tools", "src/probe -> src/targets/lib")), ours.toString());

        Path monorepo = installed("typescript-monorepo");
        assertEquals(DependencyCruiser.folderEdges(dc.run(monorepo)), DependencyCruiser.ours(monorepo));
    }

    @Test
    void aGeneratedMonorepoHasDependencyCruisersFolderEdges() throws Exception {
        DependencyCruiser dc = cruiser(getClass().getSimpleName() + " (generated monorepo)");
        if (dc == null) return;
        Path ws = dir.toRealPath();
        TypeScriptRepoGenerator.generate(ws, 4, 3, 10);
        DependencyCruiser.linkWorkspaces(ws);
        TreeSet<String> ours = DependencyCruiser.ours(ws);
        assertEquals(DependencyCruiser.folderEdges(dc.run(ws)), ours);
        assertTrue(ours.size() > 20, ours.toString());
    }
}
