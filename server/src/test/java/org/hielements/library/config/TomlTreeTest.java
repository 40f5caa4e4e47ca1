package org.hielements.library.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

/**
 * The tree {@link ConfigLoader} reads (made from tomlj's result, or read back from the parsed-TOML cache) and the
 * cache itself: every TOML file of the fixtures and of upstream's corpus comes back equal, keys in order and positions
 * included; an entry is used, a broken one is not, a text with errors is never kept, and the cache stays bounded.
 */
class TomlTreeTest {
    @TempDir
    Path dir;

    private static TomlTree.Table tree(String text) {
        TomlParseResult r = Toml.parse(text, TomlVersion.V1_0_0);
        assertEquals(List.of(), r.errors(), text);
        return TomlTree.of(r);
    }

    private static List<Path> tomlFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path base : List.of(Path.of("../test-fixtures"), Path.of("../../shared/corpus"))) {
            if (!Files.isDirectory(base)) continue;
            try (Stream<Path> s = Files.walk(base)) {
                s.filter(p -> p.toString().endsWith(".toml")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void everyTomlFileOfTheFixturesAndTheCorpusComesBackEqual() throws Exception {
        List<Path> files = tomlFiles();
        assertTrue(files.size() >= 30, "the fixtures' TOML files: " + files);
        int read = 0;
        for (Path f : files) {
            TomlParseResult r = Toml.parse(Files.readString(f), TomlVersion.V1_0_0);
            if (!r.errors().isEmpty()) continue;      // a broken fixture on purpose: never kept
            TomlTree.Table t = TomlTree.of(r);
            assertEquals(t, TomlTree.read(TomlTree.write(t)), f.toString());
            read++;
        }
        assertTrue(read >= 30, read + " files read");
    }

    @Test
    void everyKindOfValueKeyOrderAndPositionComesBack() throws Exception {
        String text = "title = \"héllo \\u00e9 😀\"\nn = -42\nbig = 9223372036854775807\nf = 6.5e-3\ninf = inf\n"
                + "nan = nan\nyes = true\nodt = 1979-05-27T07:32:00-08:00\nldt = 1979-05-27T07:32:00.999999\n"
                + "ld = 1979-05-27\nlt = 00:32:00.5\n\"quoted.key\" = 'lit'\nzz = 1\naa = 2\n"
                + "mixed = [1, \"two\", [3.0], {x = 1}]\ninline = { b = 1, a = { c = [] } }\n"
                + "long = \"" + "x".repeat(70_000) + "\"\n\n[table.sub]\nk = \"v\"\n\n[[arr]]\nname = \"a\"\n\n"
                + "[[arr]]\nname = \"b\"\n";
        TomlTree.Table t = tree(text);
        TomlTree.Table back = TomlTree.read(TomlTree.write(t));
        assertEquals(t, back);
        assertEquals(List.copyOf(t.keySet()), List.copyOf(back.keySet()));
        assertEquals(List.of("title", "n", "big", "f", "inf", "nan", "yes", "odt", "ldt", "ld", "lt", "quoted.key",
                "zz", "aa", "mixed", "inline", "long", "table", "arr"), List.copyOf(back.keySet()));
        assertEquals(t.position("zz"), back.position("zz"));
        assertEquals(13, back.position("zz").line());
        assertEquals(Double.NaN, back.get("nan"));
        assertEquals(java.time.OffsetDateTime.parse("1979-05-27T07:32:00-08:00"), back.get("odt"));
        assertTrue(back.get("arr") instanceof TomlTree.Array a && a.size() == 2
                && a.get(1) instanceof TomlTree.Table b && "b".equals(b.get("name")));
        assertNotEquals(t, tree(text.replace("zz = 1\naa = 2", "aa = 2\nzz = 1")), "the keys' order counts");
    }

    @Test
    void bytesThatAreNotATreeAreRefused() throws Exception {
        byte[] good = TomlTree.write(tree("a = [1, 2]\n[b]\nc = 'd'\n"));
        for (int cut = 0; cut < good.length; cut++) {
            byte[] shorter = java.util.Arrays.copyOf(good, cut);
            assertThrows(IOException.class, () -> TomlTree.read(shorter), "cut at " + cut);
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrows(IOException.class, () -> TomlTree.read(longer));
        byte[] badTag = good.clone();
        badTag[0] = 'Q';
        assertThrows(IOException.class, () -> TomlTree.read(badTag));
    }

    // ------------------------------------------------------------------ the cache, through ConfigLoader.load

    private Map<String, String> env(Path cache) {
        return Map.of("XDG_CACHE_HOME", cache.toString(), "PATH", "/usr/bin:/bin");
    }

    private static List<Path> entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aSecondLoadOfTheSameTextTakesItsTreeFromTheCache() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path cache = dir.resolve("cache");
        String text = "[libraries.one]\nexecutable = \"python3\"\nargs = [\"a.py\"]\ntimeout = \"3s\"\n";
        Files.writeString(ws.resolve("hielements.toml"), text);
        LibrariesConfig first = ConfigLoader.load(ws, env(cache));
        Path folder = cache.resolve("hielements/toml");
        assertEquals(1, entries(folder).size(), "one entry written");
        assertEquals(ConfigLoaderTest.everything(first), ConfigLoaderTest.everything(ConfigLoader.load(ws, env(cache))));

        // the entry is what the second load reads: replaced by the tree of another text, the load gives that one
        new TomlTreeCache(folder).put(TomlVersion.V1_0_0, text, tree("[libraries.other]\nexecutable = \"python3\"\n"));
        LibrariesConfig swapped = ConfigLoader.load(ws, env(cache));
        assertEquals(List.of("other"), swapped.entries().stream().map(ConfigEntry::name).toList());

        // a broken entry is a miss: tomlj reads the text, and the entry is written again
        Path entry = entries(folder).get(0);
        Files.write(entry, java.util.Arrays.copyOf(Files.readAllBytes(entry), 20));
        assertEquals(ConfigLoaderTest.everything(first), ConfigLoaderTest.everything(ConfigLoader.load(ws, env(cache))));
        assertEquals(ConfigLoaderTest.everything(first), ConfigLoaderTest.everything(ConfigLoader.load(ws, env(cache))));
        assertTrue(Files.size(entry) > 20, "written again");
    }

    @Test
    void aTextWithErrorsIsNeverKept() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path cache = dir.resolve("cache");
        Files.writeString(ws.resolve("hielements.toml"), "[libraries.one]\nexecutable = \"python3\n");
        LibrariesConfig c = ConfigLoader.load(ws, env(cache));
        assertFalse(c.diagnostics().isEmpty());
        assertEquals(List.of(), entries(cache.resolve("hielements/toml")));
    }

    @Test
    void theCacheKeepsAtMostItsBound() throws Exception {
        TomlTreeCache c = new TomlTreeCache(dir.resolve("trees"));
        java.nio.file.attribute.FileTime t0 = java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L);
        for (int i = 0; i < TomlTreeCache.MAX_ENTRIES + 6; i++) {
            String text = "a = " + i + "\n";
            c.put(TomlVersion.V1_0_0, text, tree(text));
            // written one second apart (writes within one tick of the file system's clock have the same time)
            Files.setLastModifiedTime(c.entry(TomlVersion.V1_0_0, text),
                    java.nio.file.attribute.FileTime.fromMillis(t0.toMillis() + 1000L * i));
        }
        c.trim();
        assertEquals(TomlTreeCache.MAX_ENTRIES, entries(c.folder()).size());
        String last = "a = " + (TomlTreeCache.MAX_ENTRIES + 5) + "\n";
        assertEquals(tree(last), c.get(TomlVersion.V1_0_0, last).orElseThrow());
        assertTrue(c.get(TomlVersion.V1_0_0, "a = 0\n").isEmpty(), "the first written went");
        assertTrue(c.get(TomlVersion.LATEST, last).isEmpty(), "another TOML version is another key");
    }
}
