package org.hielements.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hielements.check.Evaluator;
import org.hielements.check.Outcome;
import org.hielements.check.ProgressListener;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.UsesSite;
import org.hielements.syntax.AstPrinter;

/**
 * Running the checks for {@code check} and {@code run}: collect the files, group them by workspace, validate, run,
 * print (human, json, sarif), and choose the exit code (0 everything passed, 1 an error diagnostic or a check that
 * failed or errored, 2 a file that cannot be read or a bad {@code --workspace}).
 */
final class Execution {
    /** What the command line asked for. */
    record Settings(List<Path> paths, CheckCommand.Format format, String filter, int limit, boolean verbose,
            Path workspace, boolean dryRun) {}

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean color;
    private final boolean terminal;

    /**
     * @param terminal stderr is a terminal: a run lasting more than a second shows its progress there (human format
     *                 only)
     */
    Execution(PrintWriter out, PrintWriter err, boolean color, boolean terminal) {
        this.out = out;
        this.err = err;
        this.color = color;
        this.terminal = terminal;
    }

    int execute(Settings s) {
        if (s.limit() < 0) {
            err.println("error: --limit must not be negative: " + s.limit());
            return 2;
        }
        if (s.workspace() != null && !Files.isDirectory(s.workspace())) {
            err.println("error: the workspace '" + Terminal.line(s.workspace()) + "' is not a folder");
            return 2;
        }
        List<Path> paths = s.paths() == null || s.paths().isEmpty() ? List.of(Path.of(".")) : s.paths();
        SourceFiles.Loaded loaded = SourceFiles.collect(paths);
        List<CheckRun.Section> sections = new ArrayList<>();
        Throwable internal = null;
        try {
            for (Workspaces.Group g : Workspaces.group(loaded.sources(), s.workspace())) {
                sections.add(CheckRun.prepare(g));
            }
            if (s.dryRun()) {
                dryRun(sections);
            } else {
                run(sections, s);
            }
        } catch (Throwable t) { // an internal failure (a bug, out of memory): print what ran, then report it
            internal = t;
        } finally {
            for (CheckRun.Section section : sections) section.close();
        }
        if (!s.dryRun()) print(sections.stream().filter(x -> x.result != null).toList(), s.format());
        for (String problem : loaded.problems()) err.println("error: " + Terminal.line(problem));
        err.flush();
        if (internal != null) throw InternalFailure.of(internal);
        if (!loaded.problems().isEmpty()) return 2;
        boolean errors = false;
        for (CheckRun.Section section : sections) {
            errors |= section.diagnostics().stream().anyMatch(Diagnostic::isError);
            if (section.result != null) errors |= !section.result.outcomes().stream().allMatch(Outcome::passed);
        }
        return errors ? 1 : 0;
    }

    private void run(List<CheckRun.Section> sections, Settings s) {
        Consumer<String> verbose = null;
        if (s.verbose()) {
            verbose = line -> {
                err.println(Terminal.line(line));
                err.flush();
            };
            if (s.filter() != null) verbose.accept("[verbose] Filter: " + s.filter());
            if (s.limit() > 0) verbose.accept("[verbose] Limit: " + s.limit());
        }
        for (CheckRun.Section section : sections) {
            ProgressLine line = terminal && s.format() == CheckCommand.Format.human && !s.verbose()
                    ? new ProgressLine(err) : null;
            ProgressListener progress = line == null ? ProgressListener.NONE : line;
            try {
                CheckRun.run(section, s.filter(), s.limit(), progress, verbose);
            } finally {
                if (line != null) line.finish();
            }
        }
    }

    private void print(List<CheckRun.Section> sections, CheckCommand.Format format) {
        switch (format) {
            case json -> new OutcomePrinter(out, false).json(sections);
            case sarif -> {
                Sarif sarif = new Sarif(Path.of(""), Sarif.toolVersion());
                for (CheckRun.Section section : sections) {
                    for (Diagnostic d : section.diagnostics()) sarif.diagnostic(d);
                    for (Outcome o : section.result.outcomes()) sarif.outcome(o);
                }
                out.print(Json.pretty(sarif.toJson()) + "\n");
                out.flush();
            }
            case human -> new OutcomePrinter(out, color).human(sections);
        }
    }

    // ============================================================================================ --dry-run

    /** Upstream's plan tree: each element with its scopes, refs, uses and checks (pattern and connection ones too). */
    private void dryRun(List<CheckRun.Section> sections) {
        OutcomePrinter printer = new OutcomePrinter(out, color);
        for (CheckRun.Section s : sections) printer.staticDiagnostics(s);
        out.print((color ? "\u001b[1;34mInfo\u001b[0m" : "Info") + " Dry run - showing checks that would be executed:\n");
        for (CheckRun.Section s : sections) {
            for (ElementSymbol e : s.evaluator.elements()) {
                int depth = 0;
                for (ElementSymbol p = e.parentElement().orElse(null); p != null; p = p.parentElement().orElse(null)) {
                    depth++;
                }
                String pad = "  ".repeat(depth);
                String impl = e.node().implemented().isEmpty() ? ""
                        : " implements " + String.join(", ", e.node().implemented().stream().map(n -> n.text()).toList());
                out.print("\n" + pad + "element " + e.name() + Terminal.line(impl) + ":\n");
                for (MemberSymbol m : e.members()) {
                    StringBuilder sb = new StringBuilder(pad).append("  ");
                    if (m.isScope()) {
                        sb.append("scope ").append(m.name());
                        if (m.language() != null) sb.append('<').append(m.language()).append('>');
                    } else {
                        sb.append("ref ").append(m.name()).append(": ").append(m.type());
                    }
                    if (m.binds() != null) sb.append(" binds ").append(m.binds().text());
                    if (m.value() != null) sb.append(" = ").append(AstPrinter.print(m.value()));
                    out.print(Terminal.line(sb) + "\n");
                }
                for (UsesSite u : e.uses()) {
                    out.print(pad + "  " + Terminal.line(u.node().source() + " uses " + u.targetText()) + "\n");
                }
                for (Evaluator.PlannedCheck check : s.evaluator.plannedChecks(e)) {
                    String origin = switch (check.kind()) {
                        case CHECK -> "";
                        case PATTERN_CHECK -> "  (pattern " + check.origin() + ")";
                        case CONNECTION_CHECK -> "  (connection check " + check.origin() + ")";
                    };
                    out.print(pad + "  \u2192 check " + Terminal.line(check.text() + origin) + "\n");
                }
            }
        }
        out.flush();
    }
}
