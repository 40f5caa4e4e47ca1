package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The catalog against upstream's own {@code doc/library_catalog.md} and {@code doc/library_catalog.json} (the output of
 * upstream's {@code hielements doc}), kept as test resources: same text, byte for byte.
 */
class LibraryCatalogTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = LibraryCatalogTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void builtinCatalogMarkdownIsUpstreamsByteForByte() throws IOException {
        try (LibraryRegistry registry = LibraryRegistry.withBuiltins()) {
            assertEquals(resource("upstream_library_catalog.md"), LibraryCatalog.of(registry).toMarkdown());
        }
    }

    @Test
    void builtinCatalogJsonIsUpstreamsByteForByte() throws IOException {
        try (LibraryRegistry registry = LibraryRegistry.withBuiltins()) {
            assertEquals(resource("upstream_library_catalog.json"), LibraryCatalog.of(registry).toJson());
        }
    }

    @Test
    void librariesAreSortedAndCanBeFiltered() {
        LibraryDoc zeta = LibraryDoc.minimal("zeta");
        LibraryDoc alpha = new LibraryDoc("Alpha Lib", "", "", List.of(), List.of());
        LibraryCatalog c = LibraryCatalog.of(List.of(zeta, alpha));
        assertEquals(List.of("Alpha Lib", "zeta"), c.libraries().stream().map(LibraryDoc::name).toList());
        assertEquals(List.of("zeta"), c.only(" zeta , ,nope").libraries().stream().map(LibraryDoc::name).toList());
        assertEquals("# Hielements Library Documentation\n\n"
                + "This catalog documents all available Hielements libraries, their selectors, and checks.\n\n"
                + "---\n\n## Table of Contents\n\n- [Alpha Lib](#alpha-lib)\n- [zeta](#zeta)\n\n---\n\n"
                + "## Alpha Lib\n\n---\n\n"
                + "## zeta\n\n**Version:** 0.1.0\n\n---\n\n", c.toMarkdown());
    }

    @Test
    void pluginDocsRenderEmptyPartsAsUpstream() {
        FunctionDoc bare = new FunctionDoc("bare", "", List.of(), "", null);
        FunctionDoc multi = new FunctionDoc("multi", "Two lines.", List.of(new ParameterDoc("s", "any", "")), "Scope",
                "scope a = p.multi(x)\n");
        LibraryDoc doc = new LibraryDoc("p", "Plugin.", "", List.of(multi), List.of(bare));
        LibraryCatalog c = LibraryCatalog.of(List.of(doc));
        String md = c.toMarkdown();
        assertTrue(md.contains("## p\n\nPlugin.\n\n### Selectors\n\n#### `p.multi(s: any) -> Scope`\n\nTwo lines.\n\n"
                + "**Parameters:**\n\n- `s` (any): \n\n**Example:**\n\n```hielements\nscope a = p.multi(x)\n```\n\n"
                + "### Checks\n\n#### `p.bare()`\n\n---\n\n"), md);
        assertEquals("{\n"
                + "  \"version\": \"1.0\",\n"
                + "  \"libraries\": [\n"
                + "    {\n"
                + "      \"name\": \"p\",\n"
                + "      \"description\": \"Plugin.\",\n"
                + "      \"version\": \"\",\n"
                + "      \"functions\": [\n"
                + "        {\n"
                + "          \"name\": \"multi\",\n"
                + "          \"description\": \"Two lines.\",\n"
                + "          \"parameters\": [\n"
                + "            {\n"
                + "              \"name\": \"s\",\n"
                + "              \"param_type\": \"any\",\n"
                + "              \"description\": \"\"\n"
                + "            }\n"
                + "          ],\n"
                + "          \"return_type\": \"Scope\",\n"
                + "          \"example\": \"scope a = p.multi(x)\\n\"\n"
                + "        }\n"
                + "      ],\n"
                + "      \"checks\": [\n"
                + "        {\n"
                + "          \"name\": \"bare\",\n"
                + "          \"description\": \"\",\n"
                + "          \"parameters\": [],\n"
                + "          \"return_type\": \"\",\n"
                + "          \"example\": null\n"
                + "        }\n"
                + "      ]\n"
                + "    }\n"
                + "  ]\n"
                + "}", c.toJson());
        assertEquals("{\n  \"version\": \"1.0\",\n  \"libraries\": []\n}", LibraryCatalog.of(List.of()).toJson());
    }
}
