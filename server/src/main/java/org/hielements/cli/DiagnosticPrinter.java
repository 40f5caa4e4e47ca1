package org.hielements.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.Severity;
import org.hielements.text.SourceText;

/**
 * Prints the diagnostics of validated files as upstream's {@code hielements check} does (upstream-language.md §4),
 * with our positions (1-based line, 1-based column in Unicode characters).
 *
 * <p>Human: for each diagnostic {@code error[E007] : message}, {@code   --> file:line:column}, one line
 * {@code   = note: message (file:line:column)} per related place (a requirement inside a pattern), and an empty line
 * on stdout; then per file either {@code error: could not validate `F` due to N previous errors; M warnings emitted}
 * on stderr or {@code Finished `F` validated successfully} / {@code ... validated with M warnings} on stdout. ANSI
 * colours only when asked for (a terminal).
 *
 * <p>JSON: one object for all files, upstream's shape ({@code version, status, errors, warnings, summary}) plus
 * {@code files} (the files validated) and, when there are info or hint diagnostics, {@code notes}.
 */
public final class DiagnosticPrinter {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;

    public DiagnosticPrinter(PrintWriter out, PrintWriter err, boolean color) {
        this.out = out;
        this.err = err;
        this.style = new Style(color);
    }

    public void human(List<Validation.FileResult> results) {
        for (Validation.FileResult r : results) {
            for (Diagnostic d : r.diagnostics()) human(out, style, d);
            long errors = r.count(Severity.ERROR);
            long warnings = r.count(Severity.WARNING);
            String name = Terminal.line(r.source().name());
            if (errors > 0) {
                out.flush();
                err.print(paint("1;31", "error") + ": could not validate `" + name + "` due to " + errors
                        + " previous " + plural(errors, "error")
                        + (warnings > 0 ? "; " + warnings + " " + plural(warnings, "warning") + " emitted" : "") + "\n");
                err.flush();
            } else if (warnings > 0) {
                out.print(paint("1;32", "Finished") + " `" + name + "` validated with " + warnings + " "
                        + plural(warnings, "warning") + "\n");
            } else {
                out.print(paint("1;32", "Finished") + " `" + name + "` validated successfully\n");
            }
            out.flush();
        }
    }

    public void json(List<Validation.FileResult> results) {
        out.print(jsonText(results) + "\n");
        out.flush();
    }

    static String jsonText(List<Validation.FileResult> results) {
        ObjectNode root = Json.NODES.objectNode();
        ArrayNode errors = Json.NODES.arrayNode();
        ArrayNode warnings = Json.NODES.arrayNode();
        ArrayNode notes = Json.NODES.arrayNode();
        ArrayNode files = Json.NODES.arrayNode();
        for (Validation.FileResult r : results) {
            files.add(r.source().name());
            for (Diagnostic d : r.diagnostics()) {
                switch (d.severity()) {
                    case ERROR -> errors.add(Json.diagnostic(d));
                    case WARNING -> warnings.add(Json.diagnostic(d));
                    default -> notes.add(Json.diagnostic(d));
                }
            }
        }
        root.put("version", "1.0");
        root.put("status", errors.isEmpty() ? "ok" : "error");
        root.set("errors", errors);
        root.set("warnings", warnings);
        ObjectNode summary = root.putObject("summary");
        summary.put("total_errors", errors.size());
        summary.put("total_warnings", warnings.size());
        root.set("files", files);
        if (!notes.isEmpty()) root.set("notes", notes);
        return Json.pretty(root);
    }

    /** One diagnostic as upstream's {@code check} prints it: header, location, related places as notes, blank line. */
    static void human(PrintWriter out, Style style, Diagnostic d) {
        out.print(style.severity(d.severity()) + style.paint("2", "[" + d.code() + "]") + " " + style.paint("1", ":")
                + " " + Terminal.line(d.message()) + "\n");
        out.print("  " + style.paint("1;34", "-->") + " " + location(d.source(), d.span().start()) + "\n");
        for (Diagnostic.Related rel : d.related()) {
            out.print("  " + style.paint("1;34", "=") + " note: " + Terminal.line(rel.message()) + " ("
                    + location(rel.source(), rel.span().start()) + ")\n");
        }
        out.print("\n");
    }

    /** {@code file:line:column}, 1-based, columns in Unicode characters (the name made safe for a terminal). */
    static String location(SourceText s, int offset) {
        return Terminal.line(s.name()) + ":" + s.cliLine(offset) + ":" + s.cliColumn(offset);
    }

    private String paint(String sgr, String text) {
        return style.paint(sgr, text);
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }
}
