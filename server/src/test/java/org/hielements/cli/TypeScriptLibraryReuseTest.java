package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.Library;
import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code typescript} library keeps its walk and each file's imports between calls of one instance (the
 * language server's runs), and sees every change: a file added, a file's imports changed, a package renamed.
 */
class TypeScriptLibraryReuseTest {
    @TempDir
    Path dir;

    private static Scope select(Library ts, Path ws, String function, String arg) throws LibraryException {
        return (Scope) ts.call(function, List.of(Value.of(arg)), CallContext.of(Workspace.of(ws)));
    }

    private static CheckResult imports(Library ts, Path ws, Scope s, String module) throws LibraryException {
        return ts.check("imports", List.of(s, Value.of(module)), CallContext.of(Workspace.of(ws)));
    }

    @Test
    void changesBetweenCallsAreSeen() throws Exception {
        Path ws = dir.toRealPath();
        PluginFixtures.write(ws, "hielements.toml", "# none\n");
        PluginFixtures.write(ws, "pkg/package.json", "{\"name\": \"old\"}\n");
        PluginFixtures.write(ws, "pkg/src/a.ts", "export const a = 1;\n");
        try (Libraries libs = Libraries.load(ws)) {
            Library ts = libs.registry().get("typescript").orElseThrow();
            assertEquals(1, select(ts, ws, "module_selector", "pkg").paths().size());
            assertTrue(imports(ts, ws, select(ts, ws, "module_selector", "pkg/src/a.ts"), "react").isFail());

            PluginFixtures.write(ws, "pkg/src/b.ts", "export const b = 1;\n");
            assertEquals(2, select(ts, ws, "module_selector", "pkg").paths().size());

            Files.writeString(ws.resolve("pkg/src/a.ts"), "import React from 'react';\nexport const a = 2;\n");
            assertTrue(imports(ts, ws, select(ts, ws, "module_selector", "pkg/src/a.ts"), "react").isPass());

            Files.writeString(ws.resolve("pkg/package.json"), "{\"name\": \"renamed\"}\n");
            assertEquals(2, select(ts, ws, "package_selector", "renamed").paths().size());
            LibraryException gone = org.junit.jupiter.api.Assertions.assertThrows(LibraryException.class,
                    () -> select(ts, ws, "package_selector", "old"));
            assertTrue(gone.error().message().contains("no package.json in the workspace is named 'old' (known: "
                    + "renamed)"), gone.error().message());
        }
    }
}
