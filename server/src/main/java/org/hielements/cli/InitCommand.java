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

/**
 * {@code hielements init NAME [-d DIR]}: a starting {@code NAME.hie} and a commented {@code hielements.toml};
 * {@code hielements init --from-code [DIR]}: {@code DIR/architecture.hie} written from the code ({@link ModelFromCode}).
 */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Creates NAME.hie (an element NAME for the folder, with a first check) and a commented "
                + "hielements.toml (where plugins are declared) in DIR (default: the current folder).",
            "With --from-code [DIR]: writes DIR/architecture.hie from the code instead: one element per Python package "
                + "and Cargo package, the dependencies the code has as `uses`, and checks keeping the layering the "
                + "code follows (the directions that do not occur); `hielements check DIR` passes on it.",
            "Never overwrites: an existing NAME.hie (or architecture.hie) is an error, an existing hielements.toml is "
                + "kept."},
        footer = {"", "Exit codes: 0 created, 2 bad name, existing file, no package found, or a file that cannot be "
                + "written."})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The element's name: letters, digits and '_', not "
            + "starting with a digit, not a keyword. The file is NAME.hie. Not with --from-code.")
    String name;

    @Option(names = "--from-code", paramLabel = "DIR", arity = "0..1", fallbackValue = ".",
            description = "Write DIR/architecture.hie (default: the current folder) from the Python packages and Cargo "
                    + "packages of the code under DIR.")
    Path fromCode;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", defaultValue = ".",
            description = "Where to create the files (created when missing; default: the current folder).")
    Path directory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (fromCode != null) return fromCode(out, err);
        if (name == null) {
            err.println("error: init needs a NAME (hielements init NAME), or --from-code [DIR] to write the model of "
                    + "the code under DIR");
            return 2;
        }
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

    /** {@code init --from-code DIR}: the model of the code, written to a new {@code DIR/architecture.hie}. */
    private int fromCode(PrintWriter out, PrintWriter err) {
        if (name != null) {
            err.println("error: --from-code takes the folder (hielements init --from-code DIR), not a NAME: '"
                    + Terminal.line(name) + "'");
            return 2;
        }
        Path dir = fromCode;
        if (!Files.isDirectory(dir)) {
            err.println("error: '" + Terminal.line(dir) + "' is not a folder");
            return 2;
        }
        Path hie = dir.resolve(FROM_CODE_FILE);
        if (Files.exists(hie, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            err.println("error: '" + Terminal.line(hie) + "' already exists; nothing was written");
            return 2;
        }
        ModelFromCode.Result model = ModelFromCode.of(dir);
        if (model.text() == null) {
            err.println("error: no Python package nor Cargo package under '" + Terminal.line(dir) + "'; nothing was "
                    + "written (try: hielements init NAME)");
            return 2;
        }
        Path config = dir.resolve(Workspaces.CONFIG);
        List<Path> created = new ArrayList<>();
        try {
            SafeWrite.create(hie, model.text());
            created.add(hie);
            if (!Files.exists(config, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                SafeWrite.create(config, CONFIG_TEXT);
                created.add(config);
            }
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot create '" + Terminal.line(created.isEmpty() ? hie : config) + "': "
                    + Terminal.line(e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        }
        out.print("Created files:\n");
        for (Path p : created) out.print("  " + Terminal.line(p) + "\n");
        out.print("\nFound " + model.elements() + " packages (elements), " + model.uses() + " dependencies between them "
                + "(uses) and " + model.checks() + " layering rules (checks).\n");
        out.print("Next: hielements check " + Terminal.line(dir) + "   (and hielements diagram " + Terminal.line(dir)
                + " --format html -o architecture.html)\n");
        out.flush();
        return 0;
    }

    /** The file {@code --from-code} writes. */
    static final String FROM_CODE_FILE = "architecture.hie";

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
