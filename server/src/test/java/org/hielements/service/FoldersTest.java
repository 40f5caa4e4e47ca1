package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-root folders of the language service, without any transport. */
class FoldersTest {
    @TempDir
    Path root;

    private static String codes(LanguageService s, String uri) {
        DocumentAnalysis a = s.analysis(uri).orElseThrow();
        return String.join(",", s.diagnostics(a).stream().map(DocumentDiagnostic::code).sorted().toList());
    }

    @Test
    void eachFolderResolvesImportsAgainstItsOwnRoot() throws Exception {
        Path one = Files.createDirectories(root.resolve("one/sub"));
        Path two = Files.createDirectories(root.resolve("two/sub"));
        Files.createDirectories(root.resolve("one/shared"));
        Files.writeString(root.resolve("one/shared/patterns.hie"), "pattern layered {\n    scope api\n}\n");
        String text = "import shared.patterns\nelement app implements layered {\n"
                + "    scope a binds layered.api = files.folder_selector('.')\n}\n";
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            s.folders().add(root.resolve("one"));
            s.folders().add(root.resolve("two"));
            String a = s.open(one.resolve("app.hie").toUri().toString(), 1, text).uri();
            String b = s.open(two.resolve("app.hie").toUri().toString(), 1, text).uri();
            assertEquals("", codes(s, a));
            String before = codes(s, b);
            assertTrue(before.contains("E211"), before);
            Folder inTwo = s.folders().folderFor(two.resolve("app.hie"));
            assertEquals(root.resolve("two"), inTwo.root());
            assertTrue(inTwo.isWorkspaceFolder());

            s.folders().remove(root.resolve("two"));
            Folder loose = s.folders().folderFor(two.resolve("app.hie"));
            assertNotSame(inTwo, loose);
            assertEquals(two, loose.root(), "the file's own folder: no hielements.toml above it");
            assertTrue(!loose.isWorkspaceFolder());
            assertSame(loose, s.analysis(b).orElseThrow().folder());
        }
    }

    @Test
    void aHielementsTomlInsideAWorkspaceFolderMakesAFolderOfItsOwn() throws Exception {
        Path project = Files.createDirectories(root.resolve("repo/tools/arch"));
        Files.writeString(project.resolve("hielements.toml"), "");
        Files.writeString(project.resolve("a.hie"), "element a {\n}\n");
        Files.writeString(root.resolve("repo/b.hie"), "element b {\n}\n");
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            Folder repo = s.folders().add(root.resolve("repo"));
            // found by listing the workspace folder, before any of its files is opened
            assertEquals(List.of(root.resolve("repo"), project),
                    s.folders().workspaceFolders().stream().map(Folder::root).toList());
            assertEquals(1, s.workspaceSymbols("a").stream().filter(w -> w.name().equals("a")).count());
            Folder inner = s.folders().folderFor(project.resolve("a.hie"));
            assertEquals(project, inner.root(), "as on the command line: the nearest hielements.toml decides");
            assertSame(repo, s.folders().folderFor(root.resolve("repo/b.hie")));
            assertEquals(List.of(root.resolve("repo"), project),
                    s.folders().workspaceFolders().stream().map(Folder::root).toList());
            // each file is in one folder's whole-folder model only
            assertEquals(List.of("b"), s.workspaceSymbols("").stream().filter(w -> w.location().uri()
                    .contains("/repo/b.hie")).map(WorkspaceSymbolEntry::name).toList());
            assertEquals(1, s.workspaceSymbols("a").stream().filter(w -> w.name().equals("a")).count());
        }
    }

    @Test
    void aFileOutsideEveryFolderGetsTheFolderOfTheNearestHielementsToml() throws Exception {
        Path deep = Files.createDirectories(root.resolve("proj/a/b"));
        Files.writeString(root.resolve("proj/hielements.toml"), "");
        try (LanguageService s = new LanguageService(LibraryLoader.builtinsOnly())) {
            Folder f = s.folders().folderFor(deep.resolve("x.hie"));
            assertEquals(root.resolve("proj"), f.root());
            assertEquals(List.of(), s.folders().workspaceFolders());
        }
    }
}
