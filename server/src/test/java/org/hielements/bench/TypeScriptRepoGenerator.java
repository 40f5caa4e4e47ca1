package org.hielements.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A generated TypeScript monorepo for {@code benchmarks/run typescript}: {@code packages} workspace packages
 * ({@code @bench/pNN}, {@code packages/pNN/src/fF/mM.ts}, one file in ten JavaScript), a root {@code tsconfig.json}
 * extending a base with {@code baseUrl} and a {@code paths} alias, the root {@code package.json} naming the
 * workspaces. Each module imports: two modules of its folder (one through a {@code .js} name), one of another folder,
 * the alias, another package by name, {@code import type}, an {@code export ... from}, a dynamic {@code import()},
 * externals ({@code react}, {@code lodash/fp}, {@code node:path}); and names modules that do not exist in comments,
 * strings and template literals, which never count.
 */
public final class TypeScriptRepoGenerator {
    private TypeScriptRepoGenerator() {}

    /** Writes the repository under {@code root}; returns the number of source files. */
    public static int generate(Path root, int packages, int folders, int modules) throws IOException {
        write(root.resolve("package.json"), "{ \"name\": \"bench\", \"private\": true, \"workspaces\": [\"packages/*\"] }\n");
        write(root.resolve("tsconfig.base.json"), "{\n  // shared settings\n  \"compilerOptions\": {\n"
                + "    \"baseUrl\": \".\",\n    \"paths\": { \"@shared/*\": [\"packages/p00/src/f0/*\"], },\n  },\n}\n");
        write(root.resolve("tsconfig.json"), "{ \"extends\": \"./tsconfig.base.json\", \"include\": [\"packages\"] }\n");
        int files = 0;
        for (int p = 0; p < packages; p++) {
            String pkg = String.format(Locale.ROOT, "p%02d", p);
            Path dir = root.resolve("packages").resolve(pkg);
            write(dir.resolve("package.json"), "{ \"name\": \"@bench/" + pkg + "\", \"version\": \"1.0.0\", "
                    + "\"main\": \"src/index.ts\" }\n");
            write(dir.resolve("src/index.ts"), "export * from './f0/m0';\nexport { value as second } from './f1/m1';\n");
            files++;
            for (int f = 0; f < folders; f++) {
                for (int m = 0; m < modules; m++) {
                    boolean js = m % 10 == 9;
                    Path file = dir.resolve("src/f" + f + "/m" + m + (js ? ".js" : ".ts"));
                    write(file, js ? jsModule(p, f, m, folders, modules) : tsModule(p, f, m, packages, folders, modules));
                    files++;
                }
            }
        }
        return files;
    }

    private static String tsModule(int p, int f, int m, int packages, int folders, int modules) {
        int a = (m + 1) % modules;
        int b = (m + 2) % modules;
        int otherFolder = (f + 1) % folders;
        int otherPackage = (p + 1) % packages;
        String ext = b % 10 == 9 ? ".js" : ".js";   // a .js name: the .ts source, or the .js file itself
        StringBuilder s = new StringBuilder();
        s.append("// Module ").append(m).append(" of folder ").append(f).append(": import { x } from './not-a-module';\n");
        s.append("import { value as a } from './m").append(a).append("';\n");
        s.append("import { value as b } from './m").append(b).append(ext).append("';\n");
        s.append("import type { Shape } from '../f").append(otherFolder).append("/m").append(m % modules).append("';\n");
        s.append("import { value as shared } from '@shared/m").append(m % 9).append("';\n");
        s.append("import * as other from '@bench/").append(String.format(Locale.ROOT, "p%02d", otherPackage)).append("';\n");
        s.append("import React from 'react';\nimport { map } from 'lodash/fp';\nimport * as path from 'node:path';\n");
        s.append("export { value as again } from '../f").append(otherFolder).append("/m").append((m + 3) % modules)
                .append("';\n\n");
        s.append("/* const old = require('./removed'); */\n");
        s.append("const hint = \"import { y } from '../missing'\";\n");
        s.append("const note = `require('./nothing') ${a + b}`;\n");
        s.append("const ratio = a / 2 / (b || 1);\nconst re = /import ['\"]x['\"]/g;\n\n");
        s.append("export interface Shape { id: number; name: string; }\n\n");
        s.append("export const value: number = ").append(m).append(";\n\n");
        s.append("export function compute").append(m).append("(input: Shape): number {\n");
        s.append("  const parts = path.join('a', 'b').split('/');\n");
        s.append("  const doubled = map((x: number) => x * 2)([a, b, shared]);\n");
        s.append("  if (input.id > ratio) {\n    return doubled.length + parts.length + (other ? 1 : 0);\n  }\n");
        s.append("  return re.test(hint + note) ? 1 : 0;\n}\n\n");
        s.append("export async function later() {\n  const mod = await import('./m").append(a).append("');\n");
        s.append("  return mod.value + React.version.length;\n}\n");
        return s.toString();
    }

    private static String jsModule(int p, int f, int m, int folders, int modules) {
        int a = (m + 1) % modules;
        return "// CommonJS: require('./never')\n'use strict';\nconst { value: a } = require('./m" + a + "');\n"
                + "const path = require('path');\nconst text = 'require(\"./nope\")';\n"
                + "module.exports = { value: " + m + " + a, name: path.basename(text) };\n";
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int n = generate(root, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        System.out.println(n + " source files under " + root);
    }
}
