package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.junit.jupiter.api.Test;

class CompletionTest extends LspTestBase {

    @Test
    void topLevelKeywords() throws Exception {
        assertCompletion("|", "element", "pattern", "template", "language", "import", "from");
        assertNoCompletion("|", "scope", "check", "requires");
    }

    @Test
    void elementKeywords() throws Exception {
        assertCompletion("element a {\n    |\n}\n", "scope", "ref", "check", "element", "uses");
        assertNoCompletion("element a {\n    |\n}\n", "requires", "import");
    }

    @Test
    void elementKeywordsInAnIndentedBlockWhileTyping() throws Exception {
        assertCompletion("element a:\n    scope s = files.folder_selector('src')\n    ch|", "check", "scope");
    }

    @Test
    void patternKeywordsOnlyInPatterns() throws Exception {
        assertCompletion("pattern p {\n    |\n}\n", "requires", "allows", "forbids", "scope", "check");
        assertCompletion("pattern p {\n    element inner {\n        |\n    }\n}\n", "requires", "scope");
    }

    @Test
    void requirementKeywords() throws Exception {
        assertCompletion("pattern p {\n    requires |\n}\n", "scope", "check", "element", "connection", "implements",
                "language", "descendant");
    }

    @Test
    void checksAfterCheck() throws Exception {
        List<CompletionItem> items = assertCompletion("element a {\n    check files.|\n}\n", "exists", "contains",
                "no_files_matching", "max_size");
        assertNoCompletion("element a {\n    check files.|\n}\n", "folder_selector", "file_selector");
        CompletionItem exists = items.stream().filter(i -> i.getLabel().equals("exists")).findFirst().orElseThrow();
        assertEquals(CompletionItemKind.Function, exists.getKind());
        assertTrue(exists.getDetail().contains("files.exists(scope: Scope, filename: string)"), exists.getDetail());
        assertNotNull(exists.getDocumentation());
        assertTrue(exists.getDocumentation().getRight().getValue().contains("Check if a file exists"));
    }

    @Test
    void selectorsInScopesAndArguments() throws Exception {
        assertCompletion("element a {\n    scope s = files.|\n}\n", "folder_selector", "file_selector",
                "glob_selector");
        assertNoCompletion("element a {\n    scope s = files.|\n}\n", "exists");
        assertCompletion("element a {\n    check files.exists(files.|\n}\n", "folder_selector");
    }

    @Test
    void prefixBeingTyped() throws Exception {
        assertCompletion("element a {\n    check files.ex|\n}\n", "exists");
    }

    @Test
    void librariesAfterImportAndCheck() throws Exception {
        assertCompletion("import |", "files", "python", "rust");
        assertCompletion("element a {\n    check |\n}\n", "files", "rust");
    }

    @Test
    void importAliasIsALibrary() throws Exception {
        assertCompletion("import files as f\nelement a {\n    check f.|\n}\n", "exists");
    }

    @Test
    void namesInScopeInArguments() throws Exception {
        String text = "element a {\n    scope src = files.folder_selector('src')\n    element child {\n"
                + "        scope inner = files.folder_selector('x')\n        check files.exists(|\n    }\n}\n";
        assertCompletion(text, "src", "inner", "child", "files");
    }

    @Test
    void membersAfterAPath() throws Exception {
        String text = "element a {\n    element b {\n        scope deep = files.folder_selector('x')\n    }\n"
                + "    check files.exists(b.|\n}\n";
        assertCompletion(text, "deep");
    }

    @Test
    void patternsAfterImplements() throws Exception {
        assertCompletion("pattern hexagonal {\n    scope core\n}\nelement a implements |", "hexagonal");
        assertCompletion("pattern hexagonal {\n    scope core\n}\npattern layered {\n    scope api\n}\n"
                + "element a implements hexagonal, |", "layered");
    }

    @Test
    void placeholdersAfterBinds() throws Exception {
        String text = "pattern hexagonal {\n    scope core\n    element api {\n        scope port\n    }\n}\n"
                + "element a implements hexagonal {\n    scope c binds |\n}\n";
        assertCompletion(text, "hexagonal.core", "hexagonal.api.port");
    }

    @Test
    void languagesInsideAngleBrackets() throws Exception {
        assertCompletion("language rust\nlanguage python\nelement a {\n    scope s<|\n}\n", "rust", "python");
    }

    @Test
    void worksInAFileWithSyntaxErrors() throws Exception {
        String text = "element broken {\n    scope = = =\n    check files.|\n}\nelement other {\n    ;;;\n}\n";
        assertCompletion(text, "exists");
    }

    @Test
    void nothingInCommentsAndStrings() throws Exception {
        assertTrue(complete("# check files.|").isEmpty());
        assertTrue(complete("element a {\n    scope s = files.folder_selector('fil|')\n}\n").isEmpty());
    }
}
