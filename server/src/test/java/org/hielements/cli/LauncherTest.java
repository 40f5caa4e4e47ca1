package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hielements} launcher script (repository root) and its class-data-sharing archive: recorded once per jar
 * in the user's cache folder and used by the next runs; without a writable cache folder the command runs as well,
 * saying nothing; a new jar gets a new archive. Runs the real script on a copy of the repository's layout whose jar
 * holds {@link Echo} (the server jar is built after the tests), so it never builds anything.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Path root;
    private Path jar;

    /** The main class of the test jar: prints its arguments; {@code exit N} exits with N. */
    public static final class Echo {
        public static void main(String[] args) {
            if (args.length == 2 && args[0].equals("exit")) System.exit(Integer.parseInt(args[1]));
            System.out.println(String.join(" ", args));
        }
    }

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(dir.resolve("repo"));
        Path script = Path.of(System.getProperty("hielements.launcher", "../hielements"));
        Files.copy(script, root.resolve("hielements"));
        root.resolve("hielements").toFile().setExecutable(true);
        jar = Files.createDirectories(root.resolve("server/target")).resolve("hielements.jar");
        writeJar(jar);
    }

    private static void writeJar(Path jar) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Echo.class.getName());
        String entry = Echo.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf);
                var in = Echo.class.getResourceAsStream("/" + entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
            j.closeEntry();
        }
    }

    private record Result(int code, String out, String err) {}

    private Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("hielements").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("HIELEMENTS_JAVA_OPTS");
        pb.environment().remove("HIELEMENTS_CDS");
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the launcher hung");
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")),
                Files.readString(dir.resolve("err.txt")));
    }

    private static List<Path> archives(Path cache) throws IOException {
        Path folder = cache.resolve("hielements");
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    @Test
    void recordsTheArchiveOnceAndStartsFromIt() throws Exception {
        Path cache = dir.resolve("cache");
        Result first = launch(Map.of("XDG_CACHE_HOME", cache.toString()), "check", "a b");
        assertEquals(new Result(0, "check a b\n", ""), first);
        List<Path> recorded = archives(cache);
        assertEquals(1, recorded.size(), "one archive: " + recorded);
        try (Stream<Path> s = Files.list(cache.resolve("hielements"))) {
            assertEquals(1, s.count(), "no temporary file left");
        }
        FileTime written = Files.getLastModifiedTime(recorded.get(0));

        // the next run loads the application's classes from it
        Path log = dir.resolve("classes.log");
        Result second = launch(Map.of("XDG_CACHE_HOME", cache.toString(),
                "HIELEMENTS_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--version");
        assertEquals(new Result(0, "--version\n", ""), second);
        String echo = Files.readAllLines(log).stream().filter(l -> l.contains(" " + Echo.class.getName() + " "))
                .findFirst().orElse("(not loaded)");
        assertTrue(echo.contains("shared objects file"), echo);
        assertEquals(List.of(recorded.get(0)), archives(cache));
        assertEquals(written, Files.getLastModifiedTime(recorded.get(0)), "recorded once");

        // exit codes pass through
        assertEquals(3, launch(Map.of("XDG_CACHE_HOME", cache.toString()), "exit", "3").code());
    }

    @Test
    void aNewJarGetsANewArchiveAndTheOldOneGoes() throws Exception {
        Path cache = dir.resolve("cache");
        assertEquals(0, launch(Map.of("XDG_CACHE_HOME", cache.toString()), "x").code());
        List<Path> before = archives(cache);
        assertEquals(1, before.size());
        Path rebuilt = dir.resolve("rebuilt.jar");
        writeJar(rebuilt);
        Files.move(rebuilt, jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        assertEquals(new Result(0, "x\n", ""), launch(Map.of("XDG_CACHE_HOME", cache.toString()), "x"));
        List<Path> after = archives(cache);
        assertEquals(1, after.size(), after.toString());
        assertNotEquals(before, after);
    }

    @Test
    void withoutAWritableCacheFolderItRunsQuietlyWithoutArchive() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "a file, not a folder\n");
        Result r = launch(Map.of("XDG_CACHE_HOME", notAFolder.resolve("cache").toString()), "check", "ws");
        assertEquals(new Result(0, "check ws\n", ""), r);
        assertEquals("a file, not a folder\n", Files.readString(notAFolder));
        try (Stream<Path> s = Files.walk(dir)) {
            assertFalse(s.anyMatch(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".classlist")),
                    "no archive anywhere");
        }
    }

    @Test
    void aCollectorChosenInTheOptionsWins() throws Exception {
        Path cache = dir.resolve("cache");
        // a short command gets the serial collector; two collectors would stop the JVM
        for (String gc : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC")) {
            assertEquals(new Result(0, "x\n", ""),
                    launch(Map.of("XDG_CACHE_HOME", cache.toString(), "HIELEMENTS_JAVA_OPTS", gc), "x"), gc);
        }
    }

    @Test
    void cdsOffRecordsNothing() throws Exception {
        Path cache = dir.resolve("cache");
        Result r = launch(Map.of("XDG_CACHE_HOME", cache.toString(), "HIELEMENTS_CDS", "off"), "y");
        assertEquals(new Result(0, "y\n", ""), r);
        assertEquals(List.of(), archives(cache));
    }

    @Test
    void aDamagedArchiveIsNoFailure() throws Exception {
        Path cache = dir.resolve("cache");
        assertEquals(0, launch(Map.of("XDG_CACHE_HOME", cache.toString()), "z").code());
        Path archive = archives(cache).get(0);
        archive.toFile().setWritable(true);
        Files.writeString(archive, "not an archive");
        Result r = launch(Map.of("XDG_CACHE_HOME", cache.toString()), "z");
        assertEquals(0, r.code(), r.err());
        assertEquals("z\n", r.out());
    }
}
