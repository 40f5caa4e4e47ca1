package org.hielements.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hielements.check.ProgressListener;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagram.Diagram;
import org.hielements.diagram.DiagramBuilder;
import org.hielements.diagram.Dot;
import org.hielements.diagram.Html;
import org.hielements.diagram.Mermaid;
import org.hielements.diagram.Svg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hielements diagram [PATH...] [--format mermaid|dot|svg|html] [--no-run] [-o FILE] [-w DIR]}. */
@Command(name = "diagram", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Draws the elements of .hie files as nested boxes, with their declared `uses` and the "
                + "dependencies the code has (from the import graphs of the python and rust libraries) as arrows, "
                + "coloured by the status of their checks (passed, failed, error, not checked); a dependency that "
                + "breaks a rule is red, its evidence in the tooltip.",
            "Runs the checks first (--no-run: statuses and observed dependencies left out). svg is laid out by ELK "
                + "(no Graphviz needed); html is one self-contained page: the SVG and a table of the outcomes."},
        footer = {"", "Exit codes: 0 drawn (whatever the checks said), 1 an error diagnostic in the files, 2 usage or "
                + "I/O error, 3 internal failure."})
final class DiagramCommand implements Callable<Integer> {
    enum Format { mermaid, dot, svg, html }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, defaultValue = "svg", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--no-run", description = "Do not run the checks: draw the elements and declared uses only.")
    boolean noRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the diagram to FILE (a relative path without '..') instead of standard output: a "
                    + "regular file created or replaced in the current folder, never through a symbolic link.")
    String output;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "The workspace (the folder the checks look at, holding hielements.toml) of every file.")
    Path workspace;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = ".hie files, or folders (every .hie file under them). Default: the current folder.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (output != null && DocCommand.checkedOutput(output, err) == null) return 2;
        if (workspace != null && !Files.isDirectory(workspace)) {
            err.println("error: the workspace '" + Terminal.line(workspace) + "' is not a folder");
            return 2;
        }
        List<Path> given = paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
        SourceFiles.Loaded loaded = SourceFiles.collect(given);
        for (String problem : loaded.problems()) err.println("error: " + Terminal.line(problem));
        if (!loaded.problems().isEmpty()) {
            err.flush();
            return 2;
        }
        List<Workspaces.Group> groups = Workspaces.group(loaded.sources(), workspace);
        if (groups.size() != 1) {
            err.println("error: " + (groups.isEmpty() ? "no .hie file to draw"
                    : "the files belong to " + groups.size() + " workspaces; a diagram draws one (give the files of "
                            + "one workspace, or --workspace)"));
            err.flush();
            return 2;
        }
        String text;
        boolean errors;
        try (CheckRun.Section section = CheckRun.prepare(groups.get(0))) {
            Style plain = new Style(false);
            for (Diagnostic d : section.staticDiagnostics) DiagnosticPrinter.human(err, plain, d);
            if (!noRun) CheckRun.run(section, null, 0, ProgressListener.NONE, null);
            for (Diagnostic d : section.runDiagnostics()) DiagnosticPrinter.human(err, plain, d);
            errors = section.diagnostics().stream().anyMatch(Diagnostic::isError);
            Path name = section.root.getFileName();
            Diagram d = DiagramBuilder.build(name == null ? section.root.toString() : name.toString(),
                    section.evaluator.elements(), section.result, section.libraries.registry(), section.root);
            text = switch (format) {
                case mermaid -> Mermaid.render(d);
                case dot -> Dot.render(d);
                case svg -> Svg.render(d);
                case html -> Html.render(d);
            };
        }
        err.flush();
        if (output == null) {
            out.print(text);
            out.flush();
        } else {
            if (!DocCommand.writeOutput(output, text, err)) return 2;
            err.println("Diagram written to '" + Terminal.line(output) + "'");
            err.flush();
        }
        return errors ? 1 : 0;
    }
}
