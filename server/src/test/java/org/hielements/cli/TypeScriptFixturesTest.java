package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code typescript} library (a WASM plugin built from {@code libraries/typescript} with the Rust SDK,
 * shipped in the jar) through {@code hielements check}: {@code test-fixtures/workspaces/typescript-resolution} has
 * one probe file per resolution rule (relative specifiers with and without extension, {@code index}, {@code .js}
 * names of {@code .ts} sources, every module kind, {@code import type}, {@code export from}, {@code require},
 * {@code import()}, JSON, tsconfig {@code baseUrl} and {@code paths} through {@code extends}, a nested tsconfig,
 * workspace packages by name with {@code exports}, externals by package, comments/strings/templates/regexes that never
 * count); {@code typescript-monorepo} has three packages with a cycle. Every verdict, message and related place is
 * asserted.
 */
class TypeScriptFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORKSPACES = Path.of("..", "test-fixtures", "workspaces");

    @TempDir
    Path dir;

    /** Each result as {@code status element :: check}, its message and its related places. */
    static List<String> results(String json) throws Exception {
        List<String> got = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json).get("results")) {
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
        return got;
    }

    @Test
    void everyResolutionRule() throws Exception {
        MainTest.Run r = MainTest.run("check", "--format", "json",
                WORKSPACES.resolve("typescript-resolution/architecture.hie").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "pass resolution.explicit_extension :: typescript.imports(probe, 'src/targets/explicit.ts')",
                "pass resolution.no_extension :: typescript.imports(probe, 'src/targets/noext.ts')",
                "pass resolution.tsx_extension :: typescript.imports(probe, 'src/targets/view.tsx')",
                "pass resolution.folder_index :: typescript.imports(probe, 'src/targets/lib/index.ts')",
                "pass resolution.folder_index_js :: typescript.imports(probe, 'src/targets/jslib/index.js')",
                "pass resolution.js_name_of_ts_source :: typescript.imports(probe, 'src/targets/esm.ts')",
                "pass resolution.mjs_name_of_mts_source :: typescript.imports(probe, 'src/targets/mod.mts')",
                "pass resolution.cjs_name_of_cts_source :: typescript.imports(probe, 'src/targets/common.cts')",
                "pass resolution.require_of_js :: typescript.imports(probe, 'src/targets/plain.js')",
                "pass resolution.mjs_file :: typescript.imports(probe, 'src/targets/native.mjs')",
                "pass resolution.jsx_file :: typescript.imports(probe, 'src/targets/widget.jsx')",
                "pass resolution.cjs_file :: typescript.imports(probe, 'src/targets/legacy.cjs')",
                "pass resolution.import_type :: typescript.imports(probe, 'src/targets/types.ts')",
                "pass resolution.export_star_from :: typescript.imports(probe, 'src/targets/star.ts')",
                "pass resolution.export_named_from :: typescript.imports(probe, 'src/targets/named.ts')",
                "pass resolution.dynamic_import :: typescript.imports(probe, 'src/targets/lazy.ts')",
                "pass resolution.side_effect_import :: typescript.imports(probe, 'src/targets/polyfill.ts')",
                "pass resolution.json_module :: typescript.imports(probe, 'src/targets/data.json')",
                "pass resolution.tsconfig_base_url :: typescript.imports(probe, 'src/shared/log.ts')",
                "pass resolution.tsconfig_paths_wildcard :: typescript.imports(probe, 'src/app/store.ts')",
                "pass resolution.tsconfig_paths_exact :: typescript.imports(probe, 'src/config/index.ts')",
                "pass resolution.workspace_package_exports :: typescript.imports(probe, 'packages/ui/src/index.ts')",
                "pass resolution.workspace_package_subpath :: typescript.imports(probe, 'packages/ui/src/icons.ts')",
                "pass resolution.workspace_package_index :: typescript.imports(probe, 'packages/tools/index.ts')",
                "pass resolution.template_expression :: typescript.imports(probe, 'src/targets/interp.ts')",
                "pass resolution.text :: typescript.no_import(probe, 'src/targets/never.ts')",
                "pass resolution.text :: typescript.no_external(probe, '*')",
                "fail resolution.unresolved :: typescript.imports(probe, 'src/probe/nope')" + "\n"
                        + "  --> Scope does not import 'src/probe/nope'",
                "pass resolution.externals :: typescript.imports(probe, 'react')",
                "pass resolution.externals :: typescript.imports(probe, '@scope/pkg')",
                "pass resolution.externals :: typescript.imports(probe, '@scope/pkg/sub')",
                "pass resolution.externals :: typescript.imports(probe, 'fs')",
                "pass resolution.externals :: typescript.imports(probe, 'node:fs')",
                "pass resolution.externals :: typescript.imports(probe, 'path')",
                "fail resolution.externals :: typescript.no_external(probe, '@scope/pkg')" + "\n"
                        + "  --> Scope imports external package '@scope/pkg' but should not: src/probe/external.ts:2 import { thing } from '@scope/pkg/sub/path'" + "\n"
                        + "  related src/probe/external.ts:2 import { thing } from '@scope/pkg/sub/path'",
                "fail resolution.externals :: typescript.no_external(probe, '*')" + "\n"
                        + "  --> Scope imports external packages but should not: src/probe/external.ts:1 import React from 'react' (and 3 more)" + "\n"
                        + "  related src/probe/external.ts:1 import React from 'react'" + "\n"
                        + "  related src/probe/external.ts:2 import { thing } from '@scope/pkg/sub/path'" + "\n"
                        + "  related src/probe/external.ts:3 import { readFileSync } from 'node:fs'" + "\n"
                        + "  related src/probe/external.ts:4 import * as path from 'path'",
                "pass resolution.workspace_packages :: typescript.imports(probe, '@acme/ui')",
                "pass resolution.workspace_packages :: typescript.depends_on(probe, ui)",
                "pass resolution.workspace_packages :: typescript.no_external(probe, '*')",
                "pass resolution.nested_tsconfig :: typescript.imports(api, 'packages/api/lib/helper.ts')"), results(r.out()));
    }

    @Test
    void everyCheckOnAMonorepo() throws Exception {
        MainTest.Run r = MainTest.run("check", "--format", "json",
                WORKSPACES.resolve("typescript-monorepo/architecture.hie").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "pass shop :: typescript.depends_on(ui, core)",
                "pass shop :: typescript.depends_on(db, core)",
                "pass shop :: typescript.no_dependency(core, ui)",
                "pass shop :: typescript.no_dependency(core, db)",
                "pass shop :: typescript.imports(ui, 'react')",
                "pass shop :: typescript.imports(ui, '@shop/core')",
                "pass shop :: typescript.no_import(core, '@shop/ui')",
                "pass shop :: typescript.no_external(core, '*')",
                "pass shop :: typescript.no_cycles(ui)",
                "pass shop :: typescript.no_cycles(db)",
                "fail shop :: typescript.depends_on(core, ui)" + "\n"
                        + "  --> No dependency found: no module of the source scope imports a module of the target scope",
                "fail shop :: typescript.no_dependency(ui, core)" + "\n"
                        + "  --> Forbidden dependency detected: packages/ui/src/app.tsx:2 import { cart } from '@shop/core' (and 1 more)" + "\n"
                        + "  related packages/ui/src/app.tsx:2 import { cart } from '@shop/core'" + "\n"
                        + "  related packages/ui/src/legacy.js:1 require('@shop/core/src/price')",
                "fail shop :: typescript.no_import(ui, '@shop/core')" + "\n"
                        + "  --> Scope imports '@shop/core' but should not: packages/ui/src/app.tsx:2 import { cart } from '@shop/core' (and 1 more)" + "\n"
                        + "  related packages/ui/src/app.tsx:2 import { cart } from '@shop/core'" + "\n"
                        + "  related packages/ui/src/legacy.js:1 require('@shop/core/src/price')",
                "fail shop :: typescript.no_cycles(core)" + "\n"
                        + "  --> Circular dependency: packages/core/src/cart.ts -> packages/core/src/price.ts -> packages/core/src/cart.ts: packages/core/src/cart.ts:1 import { price } from './price' (and 1 more)" + "\n"
                        + "  related packages/core/src/cart.ts:1 import { price } from './price'" + "\n"
                        + "  related packages/core/src/price.ts:2 import { cart } from './cart'",
                "fail shop :: typescript.no_external(db, 'pg')" + "\n"
                        + "  --> Scope imports external package 'pg' but should not: packages/db/index.ts:1 import pg from 'pg'" + "\n"
                        + "  related packages/db/index.ts:1 import pg from 'pg'",
                "fail shop :: typescript.no_external(db, 'fs')" + "\n"
                        + "  --> Scope imports external package 'fs' but should not: packages/db/index.ts:2 import { readFileSync } from 'node:fs'" + "\n"
                        + "  related packages/db/index.ts:2 import { readFileSync } from 'node:fs'",
                "fail shop :: typescript.imports(core, '@shop/ui')" + "\n"
                        + "  --> Scope does not import '@shop/ui'",
                "pass shop.cart :: typescript.no_cycles(format)",
                "fail shop.cart :: typescript.no_cycles(cart)" + "\n"
                        + "  --> Circular dependency: packages/core/src/cart.ts -> packages/core/src/price.ts -> packages/core/src/cart.ts: packages/core/src/cart.ts:1 import { price } from './price' (and 1 more)" + "\n"
                        + "  related packages/core/src/cart.ts:1 import { price } from './price'" + "\n"
                        + "  related packages/core/src/price.ts:2 import { cart } from './cart'"), results(r.out()));
    }

    @Test
    void aWorkspaceEntryNamedTypescriptReplacesTheBundledLibrary() throws Exception {
        Path ws = dir.toRealPath();
        // the sample C plugin under the name typescript: its own functions, not the bundled library's
        Files.copy(PluginFixtures.sampleWasm(), ws.resolve("other.wasm"));
        PluginFixtures.write(ws, "hielements.toml", "[libraries.typescript]\npath = \"other.wasm\"\n");
        PluginFixtures.write(ws, "src/a.ts", "import 'react';\n");
        PluginFixtures.write(ws, "arch.hie", "element app:\n"
                + "    scope code = typescript.module_selector('src')\n");
        MainTest.Run libs = MainTest.run("libraries", "-w", ws.toString());
        assertTrue(libs.out().contains("typescript (WASM plugin)"), libs.out());
        assertTrue(!libs.out().contains("bundled"), libs.out());
        MainTest.Run check = MainTest.run("check", ws.resolve("arch.hie").toString());
        assertTrue((check.out() + check.err()).contains("module_selector"), check.out() + check.err());
        assertTrue(!(check.out() + check.err()).contains("Select TypeScript"), check.out());
    }

    @Test
    void withoutConfigurationItIsListedAndDocumented() {
        Path ws = WORKSPACES.resolve("typescript-monorepo");
        MainTest.Run libs = MainTest.run("libraries", "-w", ws.toString());
        assertEquals(0, libs.code(), libs.out() + libs.err());
        assertTrue(libs.out().contains("typescript (bundled WASM library)  ready"), libs.out());
        assertTrue(libs.out().contains("from: bundled: org/hielements/library/wasm/typescript.wasm"), libs.out());
        assertTrue(libs.out().contains("no_cycles(scope: Scope) -> CheckResult"), libs.out());
        MainTest.Run doc = MainTest.run("doc", "-l", "typescript", "-w", ws.toString());
        assertEquals(0, doc.code(), doc.out() + doc.err());
        assertTrue(doc.out().contains("package_selector"), doc.out());
        assertTrue(doc.out().contains("Select a workspace package by the name in its package.json"), doc.out());
    }
}
