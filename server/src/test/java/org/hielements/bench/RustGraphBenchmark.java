package org.hielements.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hielements.cli.Main;

/**
 * The {@code rust} library on a generated Cargo workspace of 12 crates and 10,980 Rust files (about 80 MB: 15
 * top modules of 60 files per crate, each file with grouped {@code use}s, {@code crate::}/{@code super::} paths,
 * crate names in comments and strings, a test module), checked by 30 checks: 11 {@code depends_on} and 10
 * {@code no_dependency} between crates (the latter must read every file of their source crate to pass), module
 * scopes, {@code uses}, {@code struct_exists}/{@code function_exists} over the whole workspace, {@code files.exists}.
 *
 * <p>Prints the time of {@code hielements check} run in this process: the first run (cold JVM), the next runs (what
 * a language server re-checking sees: every file's paths kept while its text is unchanged), and a run after one file
 * changed. The same workspace is written with {@code --write DIR} to time the command line itself.
 *
 * <p>Run: {@code mvn -B -q -pl server test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.hielements.bench.RustGraphBenchmark [-Dexec.args="--write /tmp/rbench"]}.
 */
public final class RustGraphBenchmark {
    static final int CRATES = 12;
    static final int TOP_MODULES = 15;
    static final int SUBMODULES = 60;
    static final int FILES_PER_CRATE = 915;

    private RustGraphBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path root;
        boolean keep = args.length == 2 && args[0].equals("--write");
        root = keep ? Path.of(args[1]).toAbsolutePath() : Files.createTempDirectory("rust-graph-bench");
        long t0 = System.nanoTime();
        int files = generate(root);
        System.out.printf("generated %d Rust files in %s (%.1f s)%n", files, root, (System.nanoTime() - t0) / 1e9);
        if (keep) return;
        String spec = root.resolve("bench.hie").toString();
        for (int run = 1; run <= 4; run++) {
            System.out.printf("run %d%s: %s%n", run, run == 1 ? " (cold)" : "", check(spec));
        }
        Path edited = root.resolve("crates/c03/src/m00/s00.rs");
        Files.writeString(edited, Files.readString(edited) + "\nfn added() { bench_c02::m00::s00::Item; }\n");
        System.out.printf("after editing one file: %s%n", check(spec));
    }

    private static String check(String spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        int code = Main.run(new String[] {"check", spec}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        double ms = (System.nanoTime() - start) / 1e6;
        double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
        String text = out.toString(StandardCharsets.UTF_8);
        String summary = text.substring(text.lastIndexOf("Summary:")).trim();
        return String.format("%.0f ms wall, %.0f ms CPU (all threads), exit %d, %s", ms, cpuMs, code, summary);
    }

    /** Writes the workspace (same shape as the figures in the rust branch's report); returns the Rust file count. */
    static int generate(Path root) {
        Random random = new Random(7);
        int count = 0;
        write(root.resolve("Cargo.toml"), "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n\n"
                + "[workspace.dependencies]\nserde = \"1\"\n");
        write(root.resolve("hielements.toml"), "");
        for (int k = 0; k < CRATES; k++) {
            Path crate = root.resolve(String.format("crates/c%02d", k));
            List<Integer> deps = new ArrayList<>();
            for (int j : new int[] {k - 1, k - 2}) if (j >= 0) deps.add(j);
            StringBuilder toml = new StringBuilder(String.format("[package]\nname = \"bench-c%02d\"\nversion = \"0.1.0\"\n"
                    + "edition = \"2021\"\n\n[dependencies]\nserde = { workspace = true }\n", k));
            for (int j : deps) toml.append(String.format("bench-c%02d = { path = \"../c%02d\" }\n", j, j));
            write(crate.resolve("Cargo.toml"), toml.toString());
            StringBuilder lib = new StringBuilder(String.format("//! Crate bench-c%02d.\n", k));
            List<String[]> mods = new ArrayList<>();
            for (int m = 0; m < TOP_MODULES; m++) {
                String top = String.format("m%02d", m);
                lib.append("pub mod ").append(top).append(";\n");
                StringBuilder modRs = new StringBuilder("//! module " + top + "\n");
                for (int s = 0; s < SUBMODULES; s++) {
                    String sub = String.format("s%02d", s);
                    modRs.append("pub mod ").append(sub).append(";\n");
                    mods.add(new String[] {top, sub});
                }
                write(crate.resolve("src/" + top + "/mod.rs"), modRs.toString());
                count++;
            }
            write(crate.resolve("src/lib.rs"), lib.toString());
            count++;
            for (int i = 0; i < FILES_PER_CRATE - TOP_MODULES - 1; i++) {
                String[] m = mods.get(i);
                StringBuilder b = new StringBuilder();
                b.append(String.format("//! Module %s::%s of bench-c%02d.\n", m[0], m[1], k));
                b.append("use std::collections::HashMap;\nuse std::fmt::{self, Display};\n");
                String[] other = mods.get(random.nextInt(mods.size()));
                b.append(String.format("use crate::{%s::%s::Item as Other, %s};\n", other[0], other[1], m[0]));
                b.append(String.format("use super::%s as sibling;\n", mods.get(random.nextInt(mods.size()))[1]));
                if (!deps.isEmpty() && random.nextDouble() < 0.3) {
                    int d = deps.get(random.nextInt(deps.size()));
                    b.append(String.format("use bench_c%02d::m%02d::s%02d::Item;\n", d, random.nextInt(TOP_MODULES),
                            random.nextInt(SUBMODULES)));
                }
                b.append('\n');
                for (int f = 0; f < 12; f++) {
                    b.append(String.format("""
                            /// Computes value %d; see `other_crate::thing` in the docs.
                            #[derive(Debug, Clone)]
                            pub struct S%d<'a> { name: &'a str, count: usize, map: HashMap<String, u32> }

                            impl<'a> S%d<'a> {
                                pub fn run(&self, x: u32) -> Result<u32, fmt::Error> {
                                    // not a path: fake_crate::call() in a comment
                                    let s = "fake::path::in_string {}";
                                    let r = r#"raw "string" with bench_c99::x"#;
                                    let c = '\\'';
                                    let v: Vec<u32> = Vec::with_capacity(self.count);
                                    let total = std::cmp::max(x, %d) + v.len() as u32;
                                    /* block /* nested */ comment */
                                    Ok(total + s.len() as u32 + r.len() as u32 + c as u32)
                                }
                            }

                            """, f, f, f, f));
                }
                b.append("pub struct Item;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n"
                        + "    fn it_works() { assert_eq!(2 + 2, 4); }\n}\n");
                write(crate.resolve("src/" + m[0] + "/" + m[1] + ".rs"), b.toString());
                count++;
            }
        }
        StringBuilder hie = new StringBuilder("element bench:\n");
        for (int k = 0; k < CRATES; k++) {
            hie.append(String.format("    scope c%02d = rust.crate_selector('bench-c%02d')%n", k, k));
        }
        hie.append("    scope m_a = rust.module_selector('bench_c05::m01')\n");
        hie.append("    scope m_b = rust.module_selector('bench_c05::m02')\n");
        hie.append("    scope m_c = rust.module_selector('s07')\n");
        for (int k = 1; k < CRATES; k++) hie.append(String.format("    check rust.depends_on(c%02d, c%02d)%n", k, k - 1));
        for (int k = 0; k < 10; k++) hie.append(String.format("    check rust.no_dependency(c%02d, c%02d)%n", k, k + 2));
        hie.append("""
                    check rust.depends_on(m_a, m_b)
                    check rust.no_dependency(m_b, m_c)
                    check rust.uses(c03, 'std::collections')
                    check rust.uses(c04, 'serde')
                    check rust.uses(m_a, 'crate::m02')
                    check rust.struct_exists('S11')
                    check rust.function_exists('run')
                    check rust.has_tests(m_c)
                    check files.exists(c00, 'lib.rs')
                """);
        write(root.resolve("bench.hie"), hie.toString());
        return count;
    }

    private static void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
