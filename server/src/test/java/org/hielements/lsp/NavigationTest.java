package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

class NavigationTest extends LspTestBase {

    @Test
    void definitionOfAScope() throws Exception {
        assertDefinition("element a {\n    scope ^src = files.folder_selector('src')\n"
                + "    check files.exists(s|rc, 'x')\n}\n");
    }

    @Test
    void definitionThroughADottedPath() throws Exception {
        assertDefinition("element a {\n    element b {\n        scope ^deep = files.folder_selector('x')\n    }\n"
                + "    check files.exists(b.de|ep, 'y')\n}\n");
        assertDefinition("element a {\n    element ^b {\n        scope deep = files.folder_selector('x')\n    }\n"
                + "    check files.exists(|b.deep, 'y')\n}\n");
    }

    @Test
    void definitionOfPatternPlaceholderAndBinding() throws Exception {
        String pattern = "pattern ^hex {\n    scope core\n}\nelement a implements he|x {\n"
                + "    scope c binds hex.core = files.folder_selector('c')\n}\n";
        assertDefinition(pattern);
        assertDefinition("pattern hex {\n    scope ^core\n}\nelement a implements hex {\n"
                + "    scope c binds hex.co|re = files.folder_selector('c')\n}\n");
    }

    @Test
    void definitionOfALanguage() throws Exception {
        assertDefinition("language ^rust\nelement a {\n    scope s<ru|st> = files.folder_selector('x')\n}\n");
    }

    @Test
    void definitionAcrossAnImport() throws Exception {
        lsp.write("nav/patterns.hie", "pattern layered {\n    scope api\n}\n");
        String uri = lsp.open("nav/app.hie", "import './patterns.hie'\nelement app implements layered {\n"
                + "    scope a binds layered.api = files.folder_selector('api')\n}\n");
        try {
            var r = lsp.remote.getTextDocumentService().definition(new DefinitionParams(
                    new TextDocumentIdentifier(uri), new Position(1, 26))).get(LspHarness.TIMEOUT,
                    TimeUnit.MILLISECONDS);
            List<? extends Location> locs = r.getLeft();
            assertEquals(1, locs.size());
            assertEquals(lsp.uri("nav/patterns.hie"), locs.get(0).getUri());
            assertEquals(new Position(0, 8), locs.get(0).getRange().getStart());
        } finally {
            lsp.close(uri);
        }
    }

    @Test
    void referencesAcrossFilesOfTheWorkspace() throws Exception {
        lsp.write("refs/lib.hie", "pattern service {\n    scope api\n}\n");
        lsp.write("refs/one.hie", "import './lib.hie'\nelement one implements service {\n"
                + "    scope a binds service.api = files.folder_selector('a')\n}\n");
        lsp.write("refs/two.hie", "import './lib.hie'\nelement two implements service {\n"
                + "    scope b binds service.api = files.folder_selector('b')\n}\n");
        String lib = lsp.open("refs/lib.hie", "pattern service {\n    scope api\n}\n");
        try {
            List<? extends Location> refs = lsp.remote.getTextDocumentService().references(new ReferenceParams(
                    new TextDocumentIdentifier(lib), new Position(0, 10), new ReferenceContext(true)))
                    .get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
            TreeSet<String> where = new TreeSet<>();
            for (Location l : refs) {
                where.add(l.getUri().substring(l.getUri().lastIndexOf('/') + 1) + ":" + l.getRange().getStart()
                        .getLine() + ":" + l.getRange().getStart().getCharacter());
            }
            // the declaration, each implements clause, each binds target
            assertEquals(new TreeSet<>(List.of("lib.hie:0:8", "one.hie:1:23", "one.hie:2:18", "two.hie:1:23",
                    "two.hie:2:18")), where);
            List<? extends Location> withoutDecl = lsp.remote.getTextDocumentService().references(new ReferenceParams(
                    new TextDocumentIdentifier(lib), new Position(0, 10), new ReferenceContext(false)))
                    .get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
            assertEquals(4, withoutDecl.size());
        } finally {
            lsp.close(lib);
        }
    }

    @Test
    void renameAcrossFiles() throws Exception {
        lsp.write("ren/lib.hie", "pattern svc {\n    scope api\n}\n");
        lsp.write("ren/user.hie", "import './lib.hie'\nelement u implements svc {\n"
                + "    scope a binds svc.api = files.folder_selector('a')\n}\n");
        String lib = lsp.open("ren/lib.hie", "pattern svc {\n    scope api\n}\n");
        try {
            var prepared = lsp.remote.getTextDocumentService().prepareRename(new PrepareRenameParams(
                    new TextDocumentIdentifier(lib), new Position(1, 11))).get(LspHarness.TIMEOUT,
                    TimeUnit.MILLISECONDS);
            assertEquals(new Position(1, 10), prepared.getFirst().getStart());
            WorkspaceEdit edit = lsp.remote.getTextDocumentService().rename(new RenameParams(
                    new TextDocumentIdentifier(lib), new Position(1, 11), "port")).get(LspHarness.TIMEOUT,
                    TimeUnit.MILLISECONDS);
            Map<String, List<TextEdit>> changes = edit.getChanges();
            assertEquals(2, changes.size(), changes.toString());
            assertEquals(1, changes.get(lib).size());
            assertEquals("port", changes.get(lib).get(0).getNewText());
            List<TextEdit> user = changes.get(lsp.uri("ren/user.hie"));
            assertEquals(1, user.size());
            assertEquals(new Position(2, 22), user.get(0).getRange().getStart());
        } finally {
            lsp.close(lib);
        }
    }

    @Test
    void renameRefusesLibrariesKeywordsAndClashes() throws Exception {
        String uri = lsp.open(freshName(), "element a {\n    scope src = files.folder_selector('s')\n"
                + "    scope other = files.folder_selector('o')\n    check files.exists(src, 'x')\n}\n");
        try {
            var svc = lsp.remote.getTextDocumentService();
            assertNull(svc.prepareRename(new PrepareRenameParams(new TextDocumentIdentifier(uri),
                    new Position(1, 17))).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS), "a library");
            ExecutionException bad = assertThrows(ExecutionException.class, () -> svc.rename(new RenameParams(
                    new TextDocumentIdentifier(uri), new Position(1, 11), "import")).get(LspHarness.TIMEOUT,
                    TimeUnit.MILLISECONDS));
            assertTrue(bad.getCause() instanceof ResponseErrorException);
            assertTrue(bad.getCause().getMessage().contains("keyword"), bad.getCause().getMessage());
            ExecutionException clash = assertThrows(ExecutionException.class, () -> svc.rename(new RenameParams(
                    new TextDocumentIdentifier(uri), new Position(1, 11), "other")).get(LspHarness.TIMEOUT,
                    TimeUnit.MILLISECONDS));
            assertTrue(clash.getCause().getMessage().contains("already declared"), clash.getCause().getMessage());
            ExecutionException invalid = assertThrows(ExecutionException.class, () -> svc.rename(new RenameParams(
                    new TextDocumentIdentifier(uri), new Position(1, 11), "a-b")).get(LspHarness.TIMEOUT,
                    TimeUnit.MILLISECONDS));
            assertTrue(invalid.getCause().getMessage().contains("not a valid name"));
        } finally {
            lsp.close(uri);
        }
    }
}
