package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hielements.text.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code typescript} library in an editor: completion lists its functions and hover shows their
 * documentation, both from the {@code library_doc} export its Rust SDK generates, with no {@code hielements.toml}.
 */
class TypeScriptEditorTest {
    @TempDir
    Path root;

    @Test
    void completionAndHoverShowItsDocumentation() throws Exception {
        Files.writeString(root.resolve("hielements.toml"), "# no plugins\n");
        try (LanguageService s = new LanguageService(ConfiguredLibraries.loader())) {
            s.folders().add(root);
            String uri = root.resolve("a.hie").toUri().toString();
            s.open(uri, 1, "element a:\n    scope src = typescript.module_selector('src')\n"
                    + "    check typescript.no_cycles(src)\n");
            List<String> labels = s.complete(uri, new Position(2, 21)).stream().map(CompletionEntry::label).toList();
            assertTrue(labels.containsAll(List.of("imports", "no_import", "depends_on", "no_dependency", "no_cycles",
                    "no_external")), labels.toString());
            List<String> selectors = s.complete(uri, new Position(1, 28)).stream().map(CompletionEntry::label).toList();
            assertTrue(selectors.containsAll(List.of("module_selector", "package_selector")), selectors.toString());
            String hover = s.hover(uri, new Position(2, 24)).orElseThrow().markdown();
            assertTrue(hover.contains("typescript.no_cycles("), hover);
            assertTrue(hover.contains("names one shortest cycle"), hover);
            String library = s.hover(uri, new Position(2, 12)).orElseThrow().markdown();
            assertTrue(library.contains("TypeScript and JavaScript import graph library"), library);
        }
    }
}
