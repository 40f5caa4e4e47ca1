package org.hielements.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hielements.syntax.Formatter;
import org.hielements.text.SourceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hielements format}: the formatted text of a file on stdout, {@code --check} for CI, or {@code --write} to
 * format files in place (only regular files, never through a symbolic link, replaced atomically).
 */
@Command(name = "format", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Formats .hie files: indentation by block depth, spaces between tokens, trailing whitespace, "
                + "runs of blank lines. Only whitespace changes; comments stay as written. Files with syntax errors "
                + "are left alone.",
            "Prints the formatted text of one file; with --check, lists the files that are not formatted; with "
                + "--write, formats the files in place and lists those it changed (a file is replaced in one atomic "
                + "step; symbolic links are never written through)."},
        footer = {"", "Exit codes: 0 formatted (or printed), 1 some file is not formatted or has syntax errors, "
                + "2 usage or I/O error."})
final class FormatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "The .hie files, or folders to search.")
    List<Path> paths;

    @Option(names = "--check", description = "List the files formatting would change (and exit 1 if any).")
    boolean check;

    @Option(names = {"-w", "--write"}, description = "Format the files in place; list those that changed.")
    boolean write;

    @Option(names = "--indent", paramLabel = "N|tab", defaultValue = "4",
            description = "Spaces per block level, or 'tab' (default: ${DEFAULT-VALUE}).")
    String indent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String unit;
        if (indent.equals("tab")) {
            unit = "\t";
        } else {
            try {
                int n = Integer.parseInt(indent);
                if (n < 1 || n > 16) throw new NumberFormatException();
                unit = " ".repeat(n);
            } catch (NumberFormatException e) {
                err.println("error: --indent takes a number of spaces from 1 to 16, or 'tab'; got '" + Terminal.line(indent) + "'");
                return 2;
            }
        }
        SourceFiles.Loaded loaded = SourceFiles.collect(paths);
        if (!loaded.problems().isEmpty()) {
            for (String problem : loaded.problems()) err.println("error: " + Terminal.line(problem));
            return 2;
        }
        if (check && write) {
            err.println("error: --check and --write exclude each other");
            return 2;
        }
        if (!check && !write && loaded.sources().size() != 1) {
            err.println("error: format prints one file; give one file, or use --check or --write for "
                    + loaded.sources().size());
            return 2;
        }
        int status = 0;
        for (SourceText source : loaded.sources()) {
            Formatter.Result r = Formatter.format(source.text(), unit);
            if (!r.formatted()) {
                err.println(Terminal.line(source.name()) + ": " + Terminal.line(r.refusal()));
                status = 1;
            } else if (check) {
                if (!r.text().equals(source.text())) {
                    out.println(Terminal.line(source.name()));
                    status = 1;
                }
            } else if (write) {
                if (r.text().equals(source.text())) continue;
                try {
                    SafeWrite.replace(Path.of(source.name()), r.text());
                    out.println("formatted " + Terminal.line(source.name()));
                } catch (java.io.IOException | RuntimeException e) {
                    err.println("error: cannot write " + Terminal.line(source.name()) + ": " + Terminal.line(e.getMessage()));
                    status = 2;
                }
            } else {
                out.print(r.text());
            }
        }
        out.flush();
        return status;
    }
}
