package org.hielements.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hielements.syntax.TokenKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hielements init NAME [-d DIR]}: a starting {@code NAME.hie} and a commented {@code hielements.toml}. */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Creates NAME.hie (an element NAME for the folder, with a first check) and a commented "
                + "hielements.toml (where plugins are declared) in DIR (default: the current folder).",
            "Never overwrites: an existing NAME.hie is an error, an existing hielements.toml is kept."},
        footer = {"", "Exit codes: 0 created, 2 bad name, existing NAME.hie, or a file that cannot be written."})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The element's name: letters, digits and '_', not starting with "
            + "a digit, not a keyword. The file is NAME.hie.")
    String name;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", defaultValue = ".",
            description = "Where to create the files (created when missing; default: the current folder).")
    Path directory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            String suggestion = suggestion(name);
            err.println("error: '" + Terminal.line(name) + "' is not a valid name: use letters, digits and '_', not "
                    + "starting with a digit (it names the element and the file)"
                    + (suggestion == null ? "" : "; try: hielements init " + Terminal.line(suggestion)));
            return 2;
        }
        if (TokenKind.keyword(name) != null) {
            err.println("error: '" + name + "' is a keyword of the language; choose another name (try: hielements init "
                    + name + "_arch)");
            return 2;
        }
        Path hie = directory.resolve(name + ".hie");
        Path config = directory.resolve(Workspaces.CONFIG);
        if (Files.exists(hie)) {
            err.println("error: '" + Terminal.line(hie) + "' already exists; nothing was written");
            return 2;
        }
        List<Path> created = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            write(hie, hieText(name));
            created.add(hie);
            if (Files.exists(config)) {
                out.print("Info '" + Terminal.line(config) + "' already exists, skipping\n");
            } else {
                write(config, CONFIG_TEXT);
                created.add(config);
            }
        } catch (FileAlreadyExistsException e) {
            err.println("error: '" + Terminal.line(e.getFile()) + "' already exists; nothing more was written");
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot create the files in '" + Terminal.line(directory) + "': "
                    + Terminal.line(e.getMessage()));
            return 2;
        }
        out.print("Created files:\n");
        for (Path p : created) out.print("  " + Terminal.line(p) + "\n");
        out.print("\nNext steps:\n");
        out.print("  1. Describe your codebase in " + Terminal.line(hie) + " (elements, scopes, checks).\n");
        out.print("  2. Run: hielements check " + Terminal.line(directory) + "\n");
        out.print("  3. See every library function: hielements doc\n");
        out.flush();
        return 0;
    }

    /**
     * A valid name close to {@code name}: {@code my-app} and {@code my app} become {@code my_app}, {@code 2048}
     * becomes {@code _2048}; null when nothing of it can be kept.
     */
    static String suggestion(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            boolean ok = (cp < 128 && Character.isLetterOrDigit(cp)) || cp == '_';
            if (ok) {
                b.appendCodePoint(cp);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '_') {
                b.append('_');
            }
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '_') b.setLength(b.length() - 1);
        if (b.length() == 0) return null;
        if (Character.isDigit(b.charAt(0))) b.insert(0, '_');
        String s = b.toString();
        return TokenKind.keyword(s) != null ? s + "_arch" : s;
    }

    /** Writes a new file; never replaces one (CREATE_NEW). */
    private static void write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    static String hieText(String name) {
        return """
                ## The architecture of this codebase, checked by `hielements check`.
                ## An element names a part of the code (its scopes) and states rules about it (its checks).

                element %1$s:
                    ## Every file of this folder.
                    scope root = files.folder_selector('.')

                    ## A first rule: this description lives next to the code it describes.
                    check files.exists(root, '%1$s.hie')

                    # More to try (see `hielements doc` for every function):
                    #   scope src = files.folder_selector('src')
                    #   check files.no_files_matching(src, '*.tmp')
                    #   element api:
                    #       scope code<python> = python.module_selector('api')
                    #       check python.no_import(code, 'pickle')
                """.formatted(name);
    }

    static final String CONFIG_TEXT = """
            # Libraries for the .hie files of this workspace (this folder and the folders below it).
            # The built-in libraries files, python and rust need no entry.
            #
            # A process plugin: an executable speaking JSON-RPC 2.0 on stdin/stdout, one JSON object per line.
            # Relative paths resolve against this folder.
            #
            # [libraries.mylib]
            # executable = "plugins/mylib.py"
            # args = []
            # timeout = "10s"
            #
            # A WASM plugin, run in a sandbox (no files unless allowed, read-only, no network):
            #
            # [libraries.sample]
            # path = "plugins/sample.wasm"
            #
            # [libraries.sample.permissions]
            # filesystem = ["read"]
            #
            # [libraries.sample.limits]
            # memory = "64MiB"
            # timeout = "5s"
            #
            # `hielements libraries` tells whether each one loads.

            [libraries]
            """;
}
