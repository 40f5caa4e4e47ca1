package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental checking through the command line ({@code check --cache-dir}): the outcomes of a run that reuses a cache
 * equal those of a cold run ({@code --no-cache}), over random sequences of edits to a fixture repository (Python
 * packages, a Rust crate, plain files; file contents, new and deleted files, renamed folders, {@code .hie} edits,
 * {@code hielements.toml} edits, a changed {@code .wasm}); and a damaged, foreign or other-version cache is ignored.
 *
 * <p>The number of edit sequences and their length: {@code -Dhielements.incremental.sequences} (default 6) and
 * {@code -Dhielements.incremental.edits} (default 12).
 */
class IncrementalCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of(System.getProperty("hielements.fixtures", "../test-fixtures"));
    private static final Path SAMPLE_WASM = FIXTURES.resolve("plugins/sample/c/sample.wasm");
    private static final Path TRAP_WASM = FIXTURES.resolve("plugins/broken/trap.wasm");
    /** The same module granted the workspace: its selector walks a folder through WASI. */
    private static final String WASMFS = "\n[libraries.wasmfs]\npath = \"plugin.wasm\"\n"
            + "permissions.filesystem = [\"read\"]\n";
    /** Read by the bundled typescript library (WASM, given the workspace). */
    private static final List<String> TS_FILES = List.of("web/src/ui/view.ts", "web/src/core/model.ts",
            "web/src/core/util.ts");

    @TempDir
    Path tmp;

    /** One {@code check} run: exit code, JSON (without {@code from_cache}), how many outcomes came from the cache. */
    record Run(int code, String json, int fromCache, String err) {}

    static Run check(Path ws, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        args.addAll(List.of(extra));
        args.add(ws.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        JsonNode node = JSON.readTree(text);
        int fromCache = node.path("summary").path("from_cache").asInt(0);
        ((ObjectNode) node.get("summary")).remove("from_cache");
        return new Run(code, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node), fromCache,
                err.toString(StandardCharsets.UTF_8));
    }

    // ============================================================================================ the repository

    /** A fixture repository that random edits change. */
    static final class Repo {
        final Path root;
        final Random random;
        final List<String> packages = new ArrayList<>(List.of("alpha", "beta", "gamma"));
        boolean wasmSample = true;
        int hieVariant;
        int tomlVariant;
        long tick = 1;

        Repo(Path root, long seed) throws IOException {
            this.root = root;
            this.random = new Random(seed);
            for (String p : packages) {
                for (int m = 0; m < 3; m++) write("src/" + p + "/mod" + m + ".py", module());
                write("src/" + p + "/__init__.py", "");
            }
            write("README.md", "# fixture\n");
            write("docs/guide.md", "guide\n");
            write("engine/Cargo.toml", "[package]\nname = \"engine\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
            write("engine/src/lib.rs", "pub mod pricing;\npub mod tax;\n");
            write("engine/src/pricing.rs", rustPricing());
            write("engine/src/tax.rs", "pub fn vat(net: u64) -> u64 { net / 5 }\n");
            Files.copy(SAMPLE_WASM, root.resolve("plugin.wasm"));
            for (String ts : TS_FILES) write(ts, typescript());
            writeHie();
            writeToml();
            age();
        }

        String module() {
            StringBuilder b = new StringBuilder("import os\n");
            if (random.nextInt(4) == 0) b.append("import pickle\n");
            if (random.nextBoolean()) b.append("import logging\n");
            String other = packages.get(random.nextInt(packages.size()));
            if (random.nextBoolean()) b.append("from ").append(other).append(" import mod").append(random.nextInt(3))
                    .append('\n');
            if (random.nextBoolean()) b.append("# import pickle (a comment, not an import)\n");
            b.append("\ndef run").append(random.nextInt(3)).append("():\n    return ").append(random.nextInt(100))
                    .append("\n");
            if (random.nextInt(5) == 0) b.append("x = '").append("y".repeat(random.nextInt(400))).append("'\n");
            return b.toString();
        }

        /** A TypeScript module importing some of the others (through `..` and `./`), maybe an npm package. */
        String typescript() {
            StringBuilder b = new StringBuilder();
            if (random.nextBoolean()) b.append("import { model } from '../core/model';\n");
            if (random.nextBoolean()) b.append("import { view } from '../ui/view';\n");
            if (random.nextBoolean()) b.append("import { util } from './util';\n");
            if (random.nextInt(3) == 0) b.append("import _ from 'lodash';\n");
            if (random.nextBoolean()) b.append("// import { view } from '../ui/view' (a comment)\n");
            b.append("export const x").append(random.nextInt(3)).append(" = ").append(random.nextInt(100)).append(";\n");
            return b.toString();
        }

        String rustPricing() {
            return (random.nextBoolean() ? "use crate::tax;\n\n" : "") + "pub struct PriceList { pub cents: u64 }\n"
                    + "pub fn total(l: &PriceList) -> u64 { l.cents" + (random.nextBoolean() ? " + tax::vat(l.cents)" : "")
                    + " }\n";
        }

        void writeHie() throws IOException {
            StringBuilder b = new StringBuilder();
            b.append("language python:\n    connection_check calls_into(source: scope[], target: scope[]):\n"
                    + "        python.calls_scope(source, target)\n\n");
            b.append("language rust:\n    connection_check depends(source: scope[], target: scope[]):\n"
                    + "        rust.depends_on(source, target)\n\n");
            b.append("pattern package:\n    scope code<python>\n    check files.exists(code, '__init__.py')\n"
                    + "    check python.imports(code, 'logging')\n\n");
            b.append("element repo:\n    scope all = files.folder_selector('.')\n"
                    + "    check files.no_files_matching(all, '*.log')\n"
                    + "    check files.exists(all, 'README.md')\n");
            if (hieVariant % 3 == 1) b.append("    check files.max_size(all, 2000)\n");
            if (hieVariant % 2 == 0) b.append("    scope notes = files.glob_selector('docs/**/*.md')\n"
                    + "    check files.contains(notes, 'guide.md')\n");
            for (int i = 0; i < packages.size(); i++) {
                String p = packages.get(i);
                b.append("\n    element ").append(p).append(" implements package:\n")
                        .append("        scope code<python> binds package.code = files.folder_selector('src/")
                        .append(p).append("')\n")
                        .append("        check python.no_import(code, '").append(hieVariant % 4 == 3 ? "json" : "pickle")
                        .append("')\n")
                        .append("        check wasmlib.file_count_check(code, ").append(3 + hieVariant % 2).append(")\n");
                if (i > 0) b.append("        code uses repo.").append(packages.get(i - 1)).append('\n');
            }
            b.append("\n    element walked:\n        scope files = wasmfs.simple_selector('src/")
                    .append(packages.get(0)).append("')\n")
                    .append("        check wasmfs.file_count_check(files, ").append(4 + hieVariant % 2).append(")\n");
            b.append("\n    element web:\n        scope ui = typescript.module_selector('web/src/ui')\n"
                    + "        scope core = typescript.module_selector('web/src/core')\n"
                    + "        check typescript.no_dependency(core, ui)\n"
                    + "        check typescript.no_cycles(core)\n"
                    + "        check typescript.no_external(ui, 'lodash')\n");
            b.append("\n    element engine:\n        scope crate = rust.crate_selector('engine')\n"
                    + "        check rust.struct_exists('PriceList')\n"
                    + "        element pricing:\n            scope module<rust> = rust.module_selector('pricing')\n"
                    + "            module uses repo.engine.tax\n"
                    + "        element tax:\n            scope module<rust> = rust.module_selector('tax')\n"
                    + "            check rust.function_exists('vat')\n");
            write("architecture.hie", b.toString());
        }

        void writeToml() throws IOException {
            String toml = switch (tomlVariant % 3) {
                case 0 -> "[libraries.wasmlib]\npath = \"plugin.wasm\"\n" + WASMFS;
                case 1 -> "# a comment first\n\n[libraries.wasmlib]\npath = \"plugin.wasm\"\ntimeout = \"9s\"\n" + WASMFS;
                default -> "# wasmlib removed\n";
            };
            write("hielements.toml", toml);
        }

        void write(String rel, String text) throws IOException {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        }

        List<Path> files(String under) throws IOException {
            Path dir = root.resolve(under);
            if (!Files.isDirectory(dir)) return List.of();
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(Files::isRegularFile).sorted().toList();
            }
        }

        /** One random edit; returns what it did. */
        String edit() throws IOException {
            int kind = random.nextInt(12);
            String p = packages.get(random.nextInt(packages.size()));
            switch (kind) {
                case 0, 1 -> {
                    List<Path> fs = files("src/" + p);
                    if (fs.isEmpty()) return "nothing";
                    Path f = fs.get(random.nextInt(fs.size()));
                    Files.writeString(f, module());
                    return "rewrote " + root.relativize(f);
                }
                case 2 -> {
                    String rel = "src/" + p + "/new" + random.nextInt(5) + (random.nextBoolean() ? ".py" : ".log");
                    write(rel, module());
                    return "wrote " + rel;
                }
                case 3 -> {
                    List<Path> fs = files("src/" + p);
                    if (fs.isEmpty()) return "nothing";
                    Path f = fs.get(random.nextInt(fs.size()));
                    Files.delete(f);
                    return "deleted " + root.relativize(f);
                }
                case 4 -> {
                    if (!Files.isDirectory(root.resolve("src/" + p))) return "nothing";
                    String to = p + "x";
                    while (Files.exists(root.resolve("src/" + to))) to = to + "x";
                    Files.move(root.resolve("src/" + p), root.resolve("src/" + to));
                    if (random.nextBoolean()) {          // the .hie follows, or not (then a scope selects nothing)
                        packages.set(packages.indexOf(p), to);
                        writeHie();
                    }
                    return "renamed src/" + p + " to src/" + to;
                }
                case 5 -> {
                    hieVariant++;
                    writeHie();
                    return ".hie variant " + hieVariant;
                }
                case 6 -> {
                    tomlVariant++;
                    writeToml();
                    return "hielements.toml variant " + tomlVariant;
                }
                case 7 -> {
                    wasmSample = !wasmSample;
                    Path tmp = root.resolve("plugin.wasm.new");
                    Files.copy(wasmSample ? SAMPLE_WASM : TRAP_WASM, tmp);
                    Files.move(tmp, root.resolve("plugin.wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    return "plugin.wasm is " + (wasmSample ? "sample" : "trap");
                }
                case 8 -> {
                    write("engine/src/pricing.rs", rustPricing());
                    return "rewrote pricing.rs";
                }
                case 10, 11 -> {
                    String ts = TS_FILES.get(random.nextInt(TS_FILES.size()));
                    write(ts, typescript());
                    return "rewrote " + ts;
                }
                default -> {
                    write("docs/" + (random.nextBoolean() ? "guide.md" : "more/notes.md"), "text " + random.nextInt() + "\n");
                    return "docs";
                }
            }
        }

        /**
         * Sets every file and folder's modification time to a distinct time well in the past (as a checkout made
         * earlier), so the next run trusts the stamps of what it does not see change instead of hashing everything.
         */
        void age() throws IOException {
            long base = System.currentTimeMillis() - 3_600_000L + (tick++) * 1000;
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    if (p.startsWith(root.resolve(".hielements"))) continue;
                    Files.setLastModifiedTime(p, FileTime.fromMillis(base));
                }
            }
        }
    }

    // ============================================================================================ the property

    @Test
    void cachedRunsEqualColdRunsOverRandomEdits() throws IOException {
        int sequences = Integer.getInteger("hielements.incremental.sequences", 6);
        int edits = Integer.getInteger("hielements.incremental.edits", 12);
        int reused = 0;
        int compared = 0;
        for (int seq = 0; seq < sequences; seq++) {
            long seed = 1000L + seq;
            Path ws = Files.createDirectories(tmp.resolve("repo" + seq));
            Path cache = Files.createDirectories(tmp.resolve("cache" + seq));
            Repo repo = new Repo(ws, seed);
            List<String> done = new ArrayList<>();
            Run first = check(ws, "--cache-dir", cache.toString());
            assertEquals(0, first.fromCache(), "a first run has no cache");
            for (int i = 0; i < edits; i++) {
                done.add(repo.edit());
                if (repo.random.nextInt(3) == 0) {
                    repo.age();                   // time passes: stamps become trusted
                    done.add("(aged)");
                }
                Run cached = check(ws, "--cache-dir", cache.toString());
                Run cold = check(ws, "--no-cache");
                String where = "seed " + seed + " after: " + String.join(", ", done);
                assertEquals(cold.json(), cached.json(), where);
                assertEquals(cold.code(), cached.code(), where);
                reused += cached.fromCache();
                compared++;
                // a run right after, nothing changed: everything cacheable comes from the cache, still equal
                if (i % 4 == 3) {
                    Run again = check(ws, "--cache-dir", cache.toString());
                    assertEquals(cold.json(), again.json(), where + ", run again");
                    assertTrue(again.fromCache() > 0, where + ": nothing came from the cache");
                }
            }
        }
        assertTrue(reused > compared, "the cache was hardly used: " + reused + " outcomes over " + compared + " runs");
    }

    @Test
    void aSecondRunReusesEveryCacheableOutcomeAndAnEditRerunsOnlyWhatReadIt() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        new Repo(ws, 7);
        Run cold = check(ws, "--cache-dir", cache.toString());
        Run warm = check(ws, "--cache-dir", cache.toString());
        assertEquals(cold.json(), warm.json());
        int total = JSON.readTree(warm.json()).path("summary").path("total").asInt();
        assertEquals(total, warm.fromCache(), "every outcome from the cache: " + warm.err());
        Files.writeString(ws.resolve("engine/src/tax.rs"), "pub fn vat(net: u64) -> u64 { net / 4 }\n");
        Run edited = check(ws, "--cache-dir", cache.toString(), "--verbose");
        assertEquals(check(ws, "--no-cache").json(), edited.json());
        // what ran again: the rust check that read tax.rs (function_exists('vat') found it there), and the typescript
        // ones (its walk looked at every file of the workspace, tax.rs included: a guest's stat is a dependency on the
        // file); nothing else: struct_exists('PriceList') stopped at pricing.rs, the file that defines it
        List<String> ran = edited.err().lines().filter(l -> l.startsWith("[verbose] Running ("))
                .map(l -> l.substring(l.indexOf("): ") + 3, l.indexOf(" ::"))).distinct().sorted().toList();
        assertEquals(List.of("repo.engine.tax", "repo.web"), ran, edited.err());
        assertTrue(edited.fromCache() < total && edited.fromCache() >= total - 7,
                "only the rust and typescript checks ran again: " + edited.fromCache() + " of " + total + "\n"
                        + edited.err());

        // a guest's walk only: an edit of a file under the folder the WASM selector walked runs its check again
        Files.writeString(ws.resolve("src/alpha/mod0.py"), "import os\n");
        Run walked = check(ws, "--cache-dir", cache.toString(), "--verbose");
        assertEquals(check(ws, "--no-cache").json(), walked.json());
        assertTrue(walked.err().contains("Running (src/alpha/mod0.py): repo.walked :: wasmfs.file_count_check"),
                walked.err());
    }

    @Test
    void theCacheIsNeverAnInputAndLivesInTheWorkspaceByDefault() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        new Repo(ws, 3);
        Files.writeString(ws.resolve("architecture.hie"), "element repo:\n    scope all = files.folder_selector('.')\n"
                + "    check files.no_files_matching(all, '*.bin')\n");
        Run a = checkWithEnvironmentDefault(ws);
        Run b = checkWithEnvironmentDefault(ws);
        try (Stream<Path> s = Files.list(ws.resolve(".hielements/cache"))) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".bin")).count());
        }
        assertEquals(a.json(), b.json(), "the cache file (a .bin) is not seen by the check");
        assertTrue(a.json().contains("\"passed\" : 1"), a.json());
        assertEquals(1, b.fromCache());
    }

    /** {@code check} with the default cache folder: the test JVM runs with the cache off by default (the pom). */
    private Run checkWithEnvironmentDefault(Path ws) throws IOException {
        return check(ws, "--cache-dir", Files.createDirectories(ws.resolve(".hielements/cache")).toString());
    }

    @Test
    void aDamagedForeignOrOtherVersionCacheIsIgnoredAndRebuilt() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        new Repo(ws, 11);
        String cold = check(ws, "--no-cache").json();
        check(ws, "--cache-dir", cache.toString());
        Path file;
        try (Stream<Path> s = Files.list(cache)) {
            file = s.filter(p -> p.getFileName().toString().startsWith("check-")).findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(file);

        // damaged: a byte flipped in the middle, then cut short
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x55;
        Files.write(file, flipped);
        Run r = check(ws, "--cache-dir", cache.toString(), "--verbose");
        assertEquals(cold, r.json());
        assertEquals(0, r.fromCache(), "a damaged cache is not trusted");
        assertTrue(r.err().contains("not written by this user's runs (or is damaged)"), r.err());
        assertEquals(cold, check(ws, "--cache-dir", cache.toString()).json());
        assertTrue(check(ws, "--cache-dir", cache.toString()).fromCache() > 0, "rebuilt");

        Files.write(file, java.util.Arrays.copyOf(good, good.length / 3));
        r = check(ws, "--cache-dir", cache.toString());
        assertEquals(cold, r.json());
        assertEquals(0, r.fromCache());

        // foreign: a well-formed cache with a forged verdict, signed with another key, is not trusted
        check(ws, "--cache-dir", cache.toString());
        byte[] mine = Files.readAllBytes(file);
        String text = new String(mine, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("pickle"), "the cache holds the check texts: " + text);
        byte[] forged = mine.clone();
        forged[forged.length - 1] ^= 1;              // another signature
        Files.write(file, forged);
        r = check(ws, "--cache-dir", cache.toString());
        assertEquals(cold, r.json());
        assertEquals(0, r.fromCache());

        // unwritable: a folder where the cache file goes; the run is whole, the cache is said not written (--verbose)
        Files.delete(file);
        Files.createDirectory(file);
        r = check(ws, "--cache-dir", cache.toString(), "--verbose");
        assertEquals(cold, r.json());
        assertTrue(r.err().contains("the cache could not be written"), r.err());
        assertTrue(Files.isDirectory(file), "nothing written over it");
    }

    @Test
    void aCacheReadBackWritesTheSameBytesAndEveryCutIsRefused() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        new Repo(ws, 5);
        check(ws, "--cache-dir", cache.toString());
        Path file;
        try (Stream<Path> s = Files.list(cache)) {
            file = s.filter(p -> p.getFileName().toString().startsWith("check-")).findFirst().orElseThrow();
        }
        byte[] signed = Files.readAllBytes(file);
        byte[] body = java.util.Arrays.copyOf(signed, signed.length - CacheFiles.MAC_BYTES);     // without the MAC
        List<String> problems = new ArrayList<>();
        org.hielements.check.CheckCache c = org.hielements.check.CheckCache.read(body, problems::add);
        assertTrue(problems.isEmpty(), problems.toString());
        assertTrue(c.size() > 0);
        byte[] again = c.write();       // the same content (maps may list their entries in another order)
        assertEquals(body.length, again.length, "read then written: as many bytes");
        assertTrue(java.util.Arrays.equals(again, org.hielements.check.CheckCache.read(again, problems::add).write()),
                "read then written again: the same bytes");
        assertTrue(problems.isEmpty(), problems.toString());
        for (int cut = 0; cut < body.length; cut += Math.max(1, body.length / 997)) {
            problems.clear();
            org.hielements.check.CheckCache part =
                    org.hielements.check.CheckCache.read(java.util.Arrays.copyOf(body, cut), problems::add);
            assertEquals(0, part.size(), "cut at " + cut);
            assertEquals(1, problems.size(), "cut at " + cut + ": " + problems);
        }
    }

    @Test
    void aCacheOfAnotherVersionOrFormatIsNotRead() {
        byte[] bytes = org.hielements.check.CheckCache.empty().write();
        List<String> problems = new ArrayList<>();
        assertEquals(0, org.hielements.check.CheckCache.read(bytes, problems::add).size());
        assertTrue(problems.isEmpty(), problems.toString());
        byte[] other = bytes.clone();
        other[11] ^= 1;                               // the format number (after the 8-byte magic)
        org.hielements.check.CheckCache.read(other, problems::add);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("another version"), problems.toString());
        // the version string: "HIECACHE", format, then the version's length and bytes
        byte[] version = bytes.clone();
        version[16] ^= 1;
        problems.clear();
        org.hielements.check.CheckCache.read(version, problems::add);
        assertTrue(problems.get(0).contains("another version"), problems.toString());
        problems.clear();
        org.hielements.check.CheckCache.read("not a cache".getBytes(StandardCharsets.UTF_8), problems::add);
        assertEquals(List.of("not a cache file"), problems);
    }

    @Test
    void noCacheRunsEverythingAndWritesNothing() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        new Repo(ws, 5);
        check(ws, "--cache-dir", cache.toString());
        Run r = check(ws, "--no-cache", "--cache-dir", cache.toString());
        assertEquals(0, r.fromCache());
        assertFalse(Files.exists(ws.resolve(".hielements")));
        Run missing = runHuman(ws, "--cache-dir", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("is not a folder"), missing.err());
    }

    @Test
    void theHumanSummarySaysHowManyCameFromTheCache() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        new Repo(ws, 9);
        Run cold = runHuman(ws, "--cache-dir", cache.toString());
        Run warm = runHuman(ws, "--cache-dir", cache.toString());
        String coldSummary = cold.json().lines().filter(l -> l.startsWith("Summary:")).findFirst().orElseThrow();
        String warmSummary = warm.json().lines().filter(l -> l.startsWith("Summary:")).findFirst().orElseThrow();
        assertFalse(coldSummary.contains("from cache"), coldSummary);
        assertTrue(warmSummary.matches("Summary: \\d+ total, .* errors \\(\\d+ from cache\\)"), warmSummary);
        assertEquals(coldSummary, warmSummary.replaceAll(" \\(\\d+ from cache\\)", ""));
        assertEquals(cold.json().replace(coldSummary, ""), warm.json().replace(warmSummary, ""));
    }

    private static Run runHuman(Path ws, String... extra) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(extra));
        args.add(ws.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), 0, err.toString(StandardCharsets.UTF_8));
    }
}
