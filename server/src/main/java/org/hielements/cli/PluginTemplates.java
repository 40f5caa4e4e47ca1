package org.hielements.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a new plugin project ({@code hielements plugin new}), from the templates in the jar: those of every
 * language ({@code templates/common}: the test workspace, test.sh), those of the language, and the SDK. In names and
 * text, {@code __NAME__} is the library's name, {@code __PACKAGE__} its npm package name; {@code gitignore} is written as {@code .gitignore}, {@code cargo-config.toml} as {@code .cargo/config.toml}.
 */
final class PluginTemplates {
    enum Lang { c, rust, assemblyscript }

    private static final String BASE = "/org/hielements/templates/";

    private PluginTemplates() {
    }

    /** Relative path to text, in writing order. */
    static Map<String, String> files(Lang lang, String name) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String folder : new String[] {"common", lang.name()}) {
            for (String f : read(BASE + folder + "/files.txt").split("\n")) {
                if (f.isBlank()) continue;
                String target = f.equals("gitignore") ? ".gitignore" : f.equals("cargo-config.toml")
                        ? ".cargo/config.toml" : f.replace("__NAME__", name);
                out.put(target, read(BASE + folder + "/" + f).replace("__PACKAGE__", packageName(name))
                        .replace("__NAME__", name));
            }
        }
        switch (lang) {
            case c -> out.put("hielements_plugin.h", read("/org/hielements/sdk/c/hielements_plugin.h"));
            case assemblyscript -> out.put("hielements/index.ts",
                    read("/org/hielements/sdk/assemblyscript/assembly/index.ts"));
            case rust -> {
                out.put("hielements-plugin/Cargo.toml", read("/org/hielements/sdk/rust/hielements-plugin/Cargo.toml"));
                out.put("hielements-plugin/src/lib.rs", read("/org/hielements/sdk/rust/hielements-plugin/src/lib.rs"));
            }
        }
        return out;
    }

    /**
     * The npm package name of a new plugin ({@code package.json}): {@code hie-} and the library name in lower case
     * with {@code _} as {@code -} (npm names are lower case).
     */
    static String packageName(String name) {
        return "hie-" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The tools a project of this language needs, in words. */
    static String needs(Lang lang) {
        return switch (lang) {
            case c -> "clang and lld (Debian: apt-get install clang lld)";
            case assemblyscript -> "Node 20 or later with npm (the first build installs AssemblyScript 0.28)";
            case rust -> "Debian's rustc and cargo (apt-get install rustc cargo libstd-rust-dev-wasm32 "
                    + "librust-serde-json-dev)";
        };
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = PluginTemplates.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
