package org.hielements.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Library;
import org.hielements.library.LibraryCatalog;
import org.hielements.library.LibraryDoc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hielements doc [--format markdown|json] [--library a,b] [-o FILE] [-w DIR]}: the library catalog. */
@Command(name = "doc", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Prints the catalog of every library (built-ins and the plugins of the workspace's "
                + "hielements.toml): each selector and check with its parameters, return type and example.",
            "Markdown by default (upstream's layout), or JSON ({\"version\":\"1.0\",\"libraries\":[...]})."},
        footer = {"", "Exit codes: 0 ok, 2 usage error or an output file that cannot be written."})
final class DocCommand implements Callable<Integer> {
    enum Format { markdown, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, defaultValue = "markdown", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-l", "--library"}, paramLabel = "NAMES",
            description = "Only these libraries (names separated by commas).")
    String library;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the catalog to FILE (a relative path without '..') instead of standard output: "
                    + "a regular file created or replaced in the current folder, never through a symbolic link.")
    String output;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "The workspace whose hielements.toml names the plugins (default: the folder holding the "
                    + "hielements.toml nearest above the current folder, else the current folder).")
    Path workspace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = null;
        if (output != null) {
            target = checkedOutput(output, err);
            if (target == null) return 2;
        }
        if (workspace != null && !Files.isDirectory(workspace)) {
            err.println("error: the workspace '" + Terminal.line(workspace) + "' is not a folder");
            return 2;
        }
        Path root = workspace != null ? workspace.toAbsolutePath().normalize()
                : Workspaces.rootOf(Path.of("").toAbsolutePath().resolve(Workspaces.CONFIG));
        String text;
        try (WorkspaceLibraries libs = WorkspaceLibraries.load(root, false)) {
            for (Diagnostic d : libs.diagnostics()) {
                err.println(d.severity().word() + "[" + d.code() + "]: " + Terminal.line(d.message()));
                err.println("  --> " + OutcomePrinter.location(d.source(), d.span().start()));
            }
            // documented under the name the .hie files use (the hielements.toml key), whatever the plugin calls itself
            List<LibraryDoc> docs = new ArrayList<>();
            for (Library lib : libs.registry().libraries()) {
                LibraryDoc d = lib.documentation();
                if (!d.name().equals(lib.name())) {
                    d = new LibraryDoc(lib.name(), d.description(), d.version(), d.functions(), d.checks());
                }
                docs.add(d);
            }
            LibraryCatalog catalog = LibraryCatalog.of(docs);
            if (library != null) {
                Set<String> known = new LinkedHashSet<>();
                for (LibraryDoc d : catalog.libraries()) known.add(d.name());
                for (String n : library.split(",")) {
                    String name = n.trim();
                    if (!name.isEmpty() && !known.contains(name)) {
                        err.println("warning: no library named '" + Terminal.line(name) + "' (known: "
                                + Terminal.line(String.join(", ", known))
                                + ")");
                    }
                }
                catalog = catalog.only(library);
            }
            text = format == Format.json ? catalog.toJson() : catalog.toMarkdown();
        }
        if (target == null) {
            out.print((format == Format.json ? text : Terminal.lines(text)) + "\n");
            out.flush();
            return 0;
        }
        if (!writeOutput(output, text, err)) return 2;
        out.print("Success Documentation written to '" + Terminal.line(output) + "'\n");
        out.flush();
        return 0;
    }

    /**
     * Writes a command's {@code -o} output (a relative path, already checked) through {@link SafeWrite}, in the current
     * folder; false after saying on {@code err} why it could not.
     */
    static boolean writeOutput(String output, String text, PrintWriter err) {
        try {
            SafeWrite.replaceInside(Path.of(""), output, text);
            return true;
        } catch (SafeWrite.Refused e) {
            err.println("error: cannot write '" + Terminal.line(output) + "': " + Terminal.line(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot write '" + Terminal.line(output) + "': "
                    + Terminal.line(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return false;
    }

    /** The output path, or null (after telling why) when it is absolute or has a {@code ..} component. */
    static Path checkedOutput(String output, PrintWriter err) {
        Path p;
        try {
            p = Path.of(output);
        } catch (InvalidPathException e) {
            err.println("error: '" + Terminal.line(output) + "' is not a valid path: " + e.getReason());
            return null;
        }
        if (output.isEmpty() || p.isAbsolute() || output.startsWith("/")) {
            err.println("error: the output path must be relative to the current folder: '" + Terminal.line(output)
                    + "' is absolute"
                    + (output.isEmpty() ? " or empty" : ""));
            return null;
        }
        for (Path seg : p) {
            if (seg.toString().equals("..")) {
                err.println("error: the output path must stay inside the current folder: '" + Terminal.line(output)
                        + "' contains '..'");
                return null;
            }
        }
        return p;
    }
}
