package org.hielements.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hielements.baseline.Baseline;
import org.hielements.baseline.Comparison;
import org.hielements.baseline.Violation;
import org.hielements.check.Outcome;
import org.hielements.check.RunResult;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.Severity;
import org.hielements.text.SourceText;

/**
 * Prints the outcome of {@code hielements check} (running) as upstream's {@code run} does (upstream-language.md §4,
 * upstream-libraries.md §5), with what we add.
 *
 * <p>Human, on stdout: the static diagnostics ({@code error[E200] : message}, {@code   --> file:line:column}, notes),
 * then per file {@code Starting Running checks in `F`...}, a blank line and one row per check
 * ({@code   PASS|FAIL|ERROR element.path :: check text}, followed for FAIL and ERROR by
 * {@code         --> message} and, added, {@code         at file:line:column [CODE]}; a pattern or connection check
 * adds {@code (pattern P)} or {@code (connection check L.c)} to its row), the diagnostics found while running, then
 * {@code Summary: T total, P passed, F failed, E errors[, S skipped][ (C from cache)]}.
 *
 * <p>JSON: upstream's {@code run} shape ({@code version, status, summary{total, passed, failed, errors}, results[{element,
 * check, status, message}]}) with fields added, never renamed: each result gets {@code code, file, line, column, kind}
 * (and {@code origin}, {@code related} when there are some); {@code summary} gets {@code skipped, total_errors,
 * total_warnings} (and {@code from_cache}, the outcomes incremental checking reused, when there are some); and the {@code check} shape's {@code errors}, {@code warnings} (static and run diagnostics) and
 * {@code files} are added at the top level.
 *
 * <p>With a baseline ({@code section.baseline}), a failure it accepts is one row marked {@code [baselined]} and is not
 * counted as failed; a new one names the places the baseline does not hold; the accepted violations that no longer
 * occur are listed as fixed; the summary adds {@code B baselined} and the fixed count. JSON: each result that did not
 * pass gets {@code baseline: new|unchanged}, {@code summary} gets {@code baselined} and {@code fixed} ({@code failed}
 * counts the new failures), and {@code fixed} lists the violations gone.
 */
final class OutcomePrinter {
    private final PrintWriter out;
    private final Style style;

    /**
     * Text for the human output, gathered and handed to the writer in chunks of about 64 KB: each write goes through
     * the writer's UTF-8 encoder, which cost a run of 40,000 checks about a microsecond per row.
     */
    private final StringBuilder pending = new StringBuilder();

    OutcomePrinter(PrintWriter out, boolean color) {
        this.out = out;
        this.style = new Style(color);
    }

    // ============================================================================================ human

    /** The static diagnostics of a section (hielements.toml, syntax, semantics), as {@code check} prints them. */
    void staticDiagnostics(CheckRun.Section s) {
        for (Diagnostic d : s.staticDiagnostics) diagnostic(d);
        out.flush();
    }

    void human(List<CheckRun.Section> sections) {
        for (CheckRun.Section s : sections) staticDiagnostics(s);
        long total = 0;
        long passed = 0;
        long failed = 0;
        long errors = 0;
        long skipped = 0;
        long fromCache = 0;
        long baselined = 0;
        boolean compared = false;
        List<Violation> fixed = new ArrayList<>();
        for (CheckRun.Section s : sections) {
            RunResult r = s.result;
            Comparison base = s.baseline;
            if (base != null) {
                compared = true;
                baselined += base.baselinedCount();
                fixed.addAll(base.fixed());
            }
            List<Diagnostic> runDiagnostics = new ArrayList<>(s.runDiagnostics());
            for (SourceText src : s.sources) {
                boolean hasElements = s.model.file(src).map(f -> !f.ast().elements().isEmpty()).orElse(false);
                if (!hasElements && s.sources.size() > 1) continue; // a file of patterns or languages only
                emit(paint("1;32", "Starting") + " Running checks in `" + Terminal.line(src.name())
                        + "` (workspace " + Terminal.line(s.root) + ")...\n\n");
                for (Outcome o : r.outcomes()) {
                    if (o.source() == src) row(o, base);
                }
                List<Diagnostic> here = new ArrayList<>();
                for (Diagnostic d : runDiagnostics) {
                    if (d.source() == src) here.add(d);
                }
                runDiagnostics.removeAll(here);
                emit("\n");
                for (Diagnostic d : here) diagnostic(d);
            }
            for (Outcome o : r.outcomes()) {
                if (s.sources.stream().noneMatch(src -> src == o.source())) row(o, base);
            }
            for (Diagnostic d : runDiagnostics) diagnostic(d);
            total += r.total();
            passed += r.passed();
            failed += r.failed() - (base == null ? 0 : base.baselinedCount());
            errors += r.errors();
            skipped += r.skipped();
            fromCache += r.fromCache();
        }
        if (!fixed.isEmpty()) {
            emit(paint("1;32", "Fixed") + " since the baseline (run `hielements check --update-baseline` to "
                    + "drop them):\n");
            for (Violation v : fixed) {
                emit("  " + Terminal.line(v.key().element()) + " :: " + Terminal.line(v.key().check())
                        + (v.evidence().isEmpty() ? "" : Terminal.line("  (" + v.evidence().get(0)
                                + (v.evidence().size() > 1 ? " and " + (v.evidence().size() - 1) + " more" : "") + ")"))
                        + "\n");
            }
            emit("\n");
        }
        emit("Summary: " + total + " total, " + passed + " passed, " + failed + " failed, " + errors + " errors"
                + (compared ? ", " + baselined + " baselined" : "")
                + (skipped > 0 ? ", " + skipped + " skipped" : "")
                + (fromCache > 0 ? " (" + fromCache + " from cache)" : "")
                + (compared && !fixed.isEmpty() ? "; " + fixed.size() + " fixed since the baseline" : "") + "\n");
        flushPending();
        out.flush();
    }

    /**
     * One outcome's row; with a baseline, an accepted failure is one row marked {@code [baselined]}, and a new one
     * names the places the baseline does not hold.
     */
    private void row(Outcome o, Comparison base) {
        boolean accepted = base != null && base.baselined(o);
        String status = switch (o.status()) {
            case PASS -> paint("1;32", "PASS");
            case FAIL -> accepted ? paint("2", "FAIL") : paint("1;31", "FAIL");
            case ERROR -> paint("1;33", "ERROR");
        };
        // one piece of text per row (see pending)
        emit("  " + status + " " + Terminal.line(o.element()) + " :: " + Terminal.line(o.check())
                + Terminal.line(origin(o)) + (accepted ? "  " + paint("2", "[baselined]") : "") + "\n");
        if (!o.passed() && !accepted) {
            emit("        " + paint("1;34", "-->") + " " + Terminal.line(o.message()) + "\n");
            emit("        at " + location(o.source(), o.span().start()) + " [" + Terminal.line(o.code()) + "]\n");
            if (base != null && o.status() == Outcome.Status.FAIL) {
                List<Violation.Place> fresh = base.newPlaces(o);
                String what = fresh.isEmpty() ? "not in the baseline"
                        : "new since the baseline: " + fresh.get(0)
                                + (fresh.size() > 1 ? " (and " + (fresh.size() - 1) + " more)" : "");
                emit("        " + Terminal.line(what) + "\n");
            }
        }
    }

    private static String origin(Outcome o) {
        if (o.origin() == null) return "";
        return switch (o.kind()) {
            case PATTERN_CHECK -> "  (pattern " + o.origin() + ")";
            case CONNECTION_CHECK -> "  (connection check " + o.origin() + ")";
            case CHECK -> "";
        };
    }

    private void emit(String text) {
        pending.append(text);
        if (pending.length() >= 1 << 16) flushPending();
    }

    private void flushPending() {
        if (pending.length() == 0) return;
        out.append(pending);
        pending.setLength(0);
    }

    /** A diagnostic as {@code hielements check} prints it. */
    private void diagnostic(Diagnostic d) {
        flushPending();
        DiagnosticPrinter.human(out, style, d);
    }

    static String location(SourceText s, int offset) {
        return DiagnosticPrinter.location(s, offset);
    }

    private String paint(String sgr, String text) {
        return style.paint(sgr, text);
    }

    // ============================================================================================ json

    void json(List<CheckRun.Section> sections) {
        out.print(Json.pretty(jsonNode(sections)) + "\n");
        out.flush();
    }

    static ObjectNode jsonNode(List<CheckRun.Section> sections) {
        ArrayNode results = Json.NODES.arrayNode();
        ArrayNode errors = Json.NODES.arrayNode();
        ArrayNode warnings = Json.NODES.arrayNode();
        ArrayNode notes = Json.NODES.arrayNode();
        ArrayNode files = Json.NODES.arrayNode();
        ArrayNode workspaces = Json.NODES.arrayNode();
        long passed = 0;
        long failed = 0;
        long errored = 0;
        long skipped = 0;
        long fromCache = 0;
        long baselined = 0;
        boolean compared = false;
        ArrayNode fixed = Json.NODES.arrayNode();
        for (CheckRun.Section s : sections) {
            for (SourceText src : s.sources) files.add(src.name());
            workspaces.add(s.root.toString());
            for (Diagnostic d : s.diagnostics()) {
                switch (d.severity()) {
                    case ERROR -> errors.add(Json.diagnostic(d));
                    case WARNING -> warnings.add(Json.diagnostic(d));
                    default -> notes.add(Json.diagnostic(d));
                }
            }
            RunResult r = s.result;
            Comparison base = s.baseline;
            for (Outcome o : r.outcomes()) {
                ObjectNode n = result(o);
                if (base != null && base.state(o) != null) n.put("baseline", base.state(o).sarif());
                results.add(n);
            }
            if (base != null) {
                compared = true;
                baselined += base.baselinedCount();
                for (Violation v : base.fixed()) fixed.add(Baseline.violationJson(v));
            }
            passed += r.passed();
            failed += r.failed() - (base == null ? 0 : base.baselinedCount());
            errored += r.errors();
            skipped += r.skipped();
            fromCache += r.fromCache();
        }
        ObjectNode root = Json.NODES.objectNode();
        root.put("version", "1.0");
        root.put("status", failed + errored == 0 && errors.isEmpty() ? "ok" : "error");
        ObjectNode summary = root.putObject("summary");
        summary.put("total", results.size());
        summary.put("passed", passed);
        summary.put("failed", failed);
        summary.put("errors", errored);
        summary.put("skipped", skipped);
        if (compared) {
            summary.put("baselined", baselined);
            summary.put("fixed", fixed.size());
        }
        summary.put("total_errors", errors.size());
        summary.put("total_warnings", warnings.size());
        if (fromCache > 0) summary.put("from_cache", fromCache);
        root.set("results", results);
        root.set("errors", errors);
        root.set("warnings", warnings);
        if (!notes.isEmpty()) root.set("notes", notes);
        if (compared) root.set("fixed", fixed);
        root.set("files", files);
        if (!workspaces.isEmpty()) root.put("workspace", workspaces.get(0).asText());
        if (workspaces.size() > 1) root.set("workspaces", workspaces);
        return root;
    }

    private static ObjectNode result(Outcome o) {
        ObjectNode n = Json.NODES.objectNode();
        n.put("element", o.element());
        n.put("check", o.check());
        n.put("status", o.status().word());
        if (o.message() == null) n.putNull("message");
        else n.put("message", o.message());
        if (o.code() == null) n.putNull("code");
        else n.put("code", o.code());
        n.put("file", o.source().name());
        n.put("line", o.source().cliLine(o.span().start()));
        n.put("column", o.source().cliColumn(o.span().start()));
        n.put("kind", o.kind().word());
        if (o.origin() != null) n.put("origin", o.origin());
        n.set("span", Json.span(o.source(), o.span()));
        if (!o.related().isEmpty()) {
            ArrayNode rel = n.putArray("related");
            for (Diagnostic.Related r : o.related()) {
                ObjectNode ro = rel.addObject();
                ro.put("message", r.message());
                ro.put("file", r.source().name());
                ro.set("span", Json.span(r.source(), r.span()));
            }
        }
        return n;
    }
}
