package org.hielements.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hielements.baseline.Baseline;
import org.hielements.baseline.BaselineException;
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
            Path workspace, boolean dryRun, Baselines baselines) {
        Settings(List<Path> paths, CheckCommand.Format format, String filter, int limit, boolean verbose,
                Path workspace, boolean dryRun) {
            this(paths, format, filter, limit, verbose, workspace, dryRun, Baselines.USE);
        }
    }

    /** What to do with each workspace's {@code hielements-baseline.json}. */
    enum Baselines {
        /** Compare the run with it when there is one. */
        USE,
        /** Ignore it: every failure fails the run ({@code --no-baseline}). */
        IGNORE,
        /** Write every failure of the run into it, then compare ({@code --update-baseline}). */
        UPDATE
    }

    /** Incremental checking ({@code check}): whether to use a cache, and its folder (null: in the workspace). */
    record CacheSettings(boolean enabled, Path folder) {
        static final CacheSettings OFF = new CacheSettings(false, null);
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean color;
    private final boolean terminal;
    private CacheSettings cache = CacheSettings.OFF;
    private EarlyPreloads early = EarlyPreloads.NONE;

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

    /** The cache load of a workspace: the one started from the raw arguments when it is for the same, else a new one. */
    private CacheFiles.Preload preload(Workspaces.Group g) {
        CacheFiles.Preload early = this.early.take(CacheFiles.Preload.key(g.root(), g.sources(), cache.folder()));
        return early != null ? early : CacheFiles.Preload.start(g.root(), g.sources(), cache.folder());
    }

    /** Takes the cache loads and libraries {@code early} started (before the arguments were parsed) when they fit. */
    Execution withEarlyPreloads(EarlyPreloads early) {
        this.early = early;
        return this;
    }

    /** Uses a {@link org.hielements.check.CheckCache} as {@code settings} say. */
    Execution withCache(CacheSettings settings) {
        this.cache = settings;
        return this;
    }

    int execute(Settings s) {
        if (cache.enabled() && cache.folder() != null && !Files.isDirectory(cache.folder())) {
            err.println("error: the cache folder '" + Terminal.line(cache.folder()) + "' is not a folder");
            return 2;
        }
        if (s.limit() < 0) {
            err.println("error: --limit must not be negative: " + s.limit());
            return 2;
        }
        if (s.workspace() != null && !Files.isDirectory(s.workspace())) {
            err.println("error: the workspace '" + Terminal.line(s.workspace()) + "' is not a folder");
            return 2;
        }
        if (s.dryRun() && s.format() == CheckCommand.Format.sarif) {
            err.println("error: --dry-run prints the plan as human text or json, not sarif");
            return 2;
        }
        if (s.baselines() == Baselines.UPDATE && (s.filter() != null || s.limit() > 0)) {
            err.println("error: --update-baseline records every violation of the workspace: it runs every check, "
                    + "without --filter or --limit");
            return 2;
        }
        List<Path> paths = s.paths() == null || s.paths().isEmpty() ? List.of(Path.of(".")) : s.paths();
        SourceFiles.Loaded loaded = new SourceFiles.Loaded(List.of(), List.of());
        List<CheckRun.Section> sections = new ArrayList<>();
        List<CacheFiles.Preload> preloads = new ArrayList<>();
        Throwable internal = null;
        try {
            loaded = SourceFiles.collect(paths);
            for (Workspaces.Group g : Workspaces.group(loaded.sources(), s.workspace())) {
                // the cache is read and compared with the disk while the files are parsed and analysed
                preloads.add(cache.enabled() && !s.dryRun() ? preload(g) : null);
                sections.add(CheckRun.prepare(g, early.takeLibraries(g)));
            }
            String unmatched = unmatchedFilter(sections, s.filter());
            if (unmatched != null) {
                err.println(Terminal.line(unmatched));
                err.flush();
                return 2;
            }
            if (s.dryRun()) {
                dryRun(sections, s);
            } else {
                List<Baseline> baselines = new ArrayList<>();
                if (s.baselines() == Baselines.USE) {
                    for (CheckRun.Section section : sections) {
                        try {
                            baselines.add(Baseline.load(section.root).orElse(null));
                        } catch (BaselineException e) {
                            err.println("error: " + Terminal.line(e.getMessage()));
                            err.flush();
                            return 2;
                        }
                    }
                }
                run(sections, preloads, s);
                if (s.baselines() == Baselines.UPDATE) {
                    for (CheckRun.Section section : sections) {
                        if (!updateBaseline(section)) return 2;
                    }
                } else if (s.baselines() == Baselines.USE) {
                    for (int i = 0; i < sections.size(); i++) {
                        CheckRun.Section section = sections.get(i);
                        if (baselines.get(i) != null) {
                            section.baseline = baselines.get(i).compare(section.result.outcomes(), section.root,
                                    s.filter() == null && s.limit() == 0 && !section.result.cancelled());
                        }
                    }
                }
            }
        } catch (Throwable t) { // an internal failure (a bug, out of memory): print what ran, then report it
            internal = t;
        } finally {
            for (CheckRun.Section section : sections) section.close();
        }
        try {
            if (!s.dryRun()) print(sections.stream().filter(x -> x.result != null).toList(), s.format());
        } finally {
            awaitSaves();
        }
        for (String problem : loaded.problems()) err.println("error: " + Terminal.line(problem));
        err.flush();
        if (internal != null) throw InternalFailure.of(internal);
        if (!loaded.problems().isEmpty()) return 2;
        boolean errors = false;
        for (CheckRun.Section section : sections) {
            errors |= section.diagnostics().stream().anyMatch(Diagnostic::isError);
            if (section.result != null) {
                for (Outcome o : section.result.outcomes()) {
                    errors |= !o.passed() && (section.baseline == null || !section.baseline.baselined(o));
                }
            }
        }
        return errors ? 1 : 0;
    }

    /**
     * Writes every failure of the section's run into its workspace's baseline (through {@link SafeWrite}), says so on
     * stderr (how many kept, how many earlier ones dropped as fixed), and compares the run with it. False when the
     * file cannot be written (said on stderr).
     */
    private boolean updateBaseline(CheckRun.Section section) {
        Path file = Baseline.file(section.root);
        Baseline before = null;
        try {
            before = Baseline.load(section.root).orElse(null);
        } catch (BaselineException e) {
            err.println("warning: " + Terminal.line(e.getMessage()) + "; it is replaced");
        }
        Baseline now = Baseline.of(section.result.outcomes(), section.root);
        try {
            SafeWrite.replace(file, Json.pretty(now.toJson()) + "\n");
        } catch (java.io.IOException e) {
            err.println("error: cannot write the baseline '" + Terminal.line(file) + "': "
                    + Terminal.line(e.getMessage()));
            err.flush();
            return false;
        }
        int dropped = before == null ? 0 : before.compare(section.result.outcomes(), section.root, true).fixed().size();
        err.println("Baseline: " + now.violations().size() + " violation" + (now.violations().size() == 1 ? "" : "s")
                + " accepted in " + Terminal.line(file) + (dropped > 0 ? " (" + dropped + " fixed, dropped)" : "")
                + (section.result.errors() > 0 ? "; " + section.result.errors()
                        + " checks that could not be evaluated are never accepted" : ""));
        err.flush();
        section.baseline = now.compare(section.result.outcomes(), section.root, true);
        return true;
    }

    /**
     * A usage error when {@code --filter} matches no element of any file (a typo would otherwise give a green run
     * of nothing), naming the filter and the elements there are; null when it matches one or no filter is given.
     */
    static String unmatchedFilter(List<CheckRun.Section> sections, String filter) {
        if (filter == null) return null;
        List<String> paths = new ArrayList<>();
        for (CheckRun.Section section : sections) {
            for (ElementSymbol e : section.evaluator.elements()) {
                if (e.path().contains(filter)) return null;
                paths.add(e.path());
            }
        }
        String known = paths.isEmpty() ? "there are no elements"
                : "the elements are " + String.join(", ", paths.subList(0, Math.min(paths.size(), 20)))
                        + (paths.size() > 20 ? " (and " + (paths.size() - 20) + " more)" : "");
        return "error: --filter '" + filter + "' matches no element (an element is kept when its dotted path contains"
                + " the filter; " + known + ")";
    }

    private void run(List<CheckRun.Section> sections, List<CacheFiles.Preload> preloads, Settings s) {
        Consumer<String> verbose = null;
        if (s.verbose()) {
            verbose = line -> {
                err.println(Terminal.line(line));
                err.flush();
            };
            if (s.filter() != null) verbose.accept("[verbose] Filter: " + s.filter());
            if (s.limit() > 0) verbose.accept("[verbose] Limit: " + s.limit());
        }
        for (int i = 0; i < sections.size(); i++) {
            CheckRun.Section section = sections.get(i);
            ProgressLine line = terminal && s.format() == CheckCommand.Format.human && !s.verbose()
                    ? new ProgressLine(err) : null;
            ProgressListener progress = line == null ? ProgressListener.NONE : line;
            try {
                runCached(section, preloads.get(i), s, progress, verbose);
            } finally {
                if (line != null) line.finish();
            }
        }
    }

    /**
     * Runs a section with its cache when there is one: loaded before (a missing, foreign or damaged one is a cold run),
     * written after (a cancelled run, or one that cannot be written, keeps the old file; said with --verbose).
     */
    private void runCached(CheckRun.Section section, CacheFiles.Preload preload, Settings s, ProgressListener progress,
            Consumer<String> verbose) {
        Consumer<String> note = verbose != null ? line -> verbose.accept("[verbose] " + line) : line -> { };
        CacheFiles.Loaded loaded = preload == null ? null : preload.await(note);
        if (loaded == null) {       // no cache asked for, or none can be kept (said above)
            CheckRun.run(section, s.filter(), s.limit(), progress, verbose, null);
            return;
        }
        org.hielements.check.CheckCache c = loaded.cache();
        CheckRun.run(section, s.filter(), s.limit(), progress, verbose, c);
        if (section.result == null || section.result.cancelled() || !c.modified()) return;
        // written on a thread of its own while the outcomes are printed; the command waits for it before it ends
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread save = new Thread(() -> {
            try {
                CacheFiles.save(loaded.at(), c, loaded.key());
            } catch (IOException | RuntimeException e) {
                problems.add("the cache could not be written: " + e.getMessage());
            }
        }, "hielements-cache-save");
        save.start();
        saves.add(new Saving(save, problems, note));
    }

    /** A cache being written: the thread, what went wrong, where to say it. */
    private record Saving(Thread thread, List<String> problems, Consumer<String> note) {}

    private final List<Saving> saves = new ArrayList<>();

    /** Waits for every cache being written, then says what went wrong (with --verbose). */
    private void awaitSaves() {
        for (Saving w : saves) {
            com.google.common.util.concurrent.Uninterruptibles.joinUninterruptibly(w.thread());
            w.problems().forEach(w.note());
        }
        saves.clear();
    }

    private void print(List<CheckRun.Section> sections, CheckCommand.Format format) {
        switch (format) {
            case json -> new OutcomePrinter(out, false).json(sections);
            case sarif -> {
                Sarif sarif = new Sarif(Path.of(""), Sarif.toolVersion());
                for (CheckRun.Section section : sections) {
                    org.hielements.baseline.Comparison base = section.baseline;
                    for (Diagnostic d : section.diagnostics()) sarif.diagnostic(d, base != null);
                    for (Outcome o : section.result.outcomes()) sarif.outcome(o, base == null ? null : base.state(o));
                    if (base != null) base.fixed().forEach(v -> sarif.absent(v, section.root));
                }
                out.print(Json.pretty(sarif.toJson()) + "\n");
                out.flush();
            }
            case human -> new OutcomePrinter(out, color).human(sections);
        }
    }

    // ============================================================================================ --dry-run

    /** A check of the plan and whether it would run ({@code --filter} and {@code --limit} applied as a run does). */
    private record Planned(Evaluator.PlannedCheck check, boolean runs) {}

    /**
     * Which checks of each element would run: an element whose path does not contain the filter is skipped, and
     * past the limit every check is; the same rules as {@link org.hielements.check.Evaluator#run}.
     */
    private static Map<ElementSymbol, List<Planned>> plan(List<CheckRun.Section> sections, Settings s) {
        org.hielements.check.RunOptions options = org.hielements.check.RunOptions.defaults().withFilter(s.filter())
                .withLimit(s.limit());
        Map<ElementSymbol, List<Planned>> out = new LinkedHashMap<>();
        int planned = 0;
        for (CheckRun.Section section : sections) {
            for (ElementSymbol e : section.evaluator.elements()) {
                List<Planned> checks = new ArrayList<>();
                boolean matches = options.matches(e.path());
                for (Evaluator.PlannedCheck c : section.evaluator.plannedChecks(e)) {
                    boolean runs = matches && (s.limit() == 0 || planned < s.limit());
                    if (runs) planned++;
                    checks.add(new Planned(c, runs));
                }
                out.put(e, checks);
            }
        }
        return out;
    }

    /**
     * Upstream's plan tree: each element with its scopes, refs, uses and the checks that would run (pattern and
     * connection ones too); elements the filter leaves out are not shown; the plan ends with the count of checks that
     * would run and that would be skipped. JSON: the same plan as an object.
     */
    private void dryRun(List<CheckRun.Section> sections, Settings s) {
        Map<ElementSymbol, List<Planned>> plan = plan(sections, s);
        if (s.format() == CheckCommand.Format.json) {
            out.print(Json.pretty(dryRunJson(sections, plan, s)) + "\n");
            out.flush();
            return;
        }
        OutcomePrinter printer = new OutcomePrinter(out, color);
        for (CheckRun.Section section : sections) printer.staticDiagnostics(section);
        out.print((color ? "\u001b[1;34mInfo\u001b[0m" : "Info") + " Dry run - showing checks that would be executed:\n");
        int runs = 0;
        int skipped = 0;
        for (Map.Entry<ElementSymbol, List<Planned>> entry : plan.entrySet()) {
            ElementSymbol e = entry.getKey();
            for (Planned p : entry.getValue()) {
                if (p.runs()) runs++;
                else skipped++;
            }
            if (s.filter() != null && !e.path().contains(s.filter())) continue;
            int depth = 0;
            for (ElementSymbol p = e.parentElement().orElse(null); p != null; p = p.parentElement().orElse(null)) {
                depth++;
            }
            String pad = "  ".repeat(depth);
            String impl = e.node().implemented().isEmpty() ? ""
                    : " implements " + String.join(", ", e.node().implemented().stream().map(n -> n.text()).toList());
            out.print("\n" + pad + "element " + e.name() + Terminal.line(impl) + ":\n");
            for (MemberSymbol m : e.members()) out.print(pad + "  " + Terminal.line(member(m)) + "\n");
            for (UsesSite u : e.uses()) {
                out.print(pad + "  " + Terminal.line(u.node().source() + " uses " + u.targetText()) + "\n");
            }
            for (Planned p : entry.getValue()) {
                if (p.runs()) {
                    out.print(pad + "  \u2192 check " + Terminal.line(p.check().text() + origin(p.check())) + "\n");
                }
            }
        }
        out.print("\nPlan: " + runs + " checks would run" + (skipped > 0 ? ", " + skipped + " skipped" : "") + "\n");
        out.flush();
    }

    private static String member(MemberSymbol m) {
        StringBuilder sb = new StringBuilder();
        if (m.isScope()) {
            sb.append("scope ").append(m.name());
            if (m.language() != null) sb.append('<').append(m.language()).append('>');
        } else {
            sb.append("ref ").append(m.name()).append(": ").append(m.type());
        }
        if (m.binds() != null) sb.append(" binds ").append(m.binds().text());
        if (m.value() != null) sb.append(" = ").append(AstPrinter.print(m.value()));
        return sb.toString();
    }

    private static String origin(Evaluator.PlannedCheck check) {
        return switch (check.kind()) {
            case CHECK -> "";
            case PATTERN_CHECK -> "  (pattern " + check.origin() + ")";
            case CONNECTION_CHECK -> "  (connection check " + check.origin() + ")";
        };
    }

    /**
     * The plan as JSON: {@code version}, {@code dry_run: true}, {@code workspace}, {@code summary{total, planned,
     * skipped}}, {@code elements[{element, file, line, implements, members[], uses[], checks[{check, kind, origin,
     * status: planned|skipped}]}]}, and the static diagnostics in {@code errors} and {@code warnings}.
     */
    private static com.fasterxml.jackson.databind.node.ObjectNode dryRunJson(List<CheckRun.Section> sections,
            Map<ElementSymbol, List<Planned>> plan, Settings s) {
        var root = Json.NODES.objectNode();
        root.put("version", "1.0");
        root.put("dry_run", true);
        if (!sections.isEmpty()) root.put("workspace", sections.get(0).root.toString());
        var summary = root.putObject("summary");
        var elements = root.putArray("elements");
        int runs = 0;
        int skipped = 0;
        for (Map.Entry<ElementSymbol, List<Planned>> entry : plan.entrySet()) {
            ElementSymbol e = entry.getKey();
            var en = elements.addObject();
            en.put("element", e.path());
            en.put("file", e.file().source().name());
            en.put("line", e.file().source().cliLine(e.node().span().start()));
            var impl = en.putArray("implements");
            e.node().implemented().forEach(n -> impl.add(n.text()));
            var members = en.putArray("members");
            for (MemberSymbol m : e.members()) members.add(member(m));
            var uses = en.putArray("uses");
            for (UsesSite u : e.uses()) uses.add(u.node().source() + " uses " + u.targetText());
            var checks = en.putArray("checks");
            for (Planned p : entry.getValue()) {
                var c = checks.addObject();
                c.put("check", p.check().text());
                c.put("kind", p.check().kind().word());
                if (p.check().origin() != null) c.put("origin", p.check().origin());
                c.put("status", p.runs() ? "planned" : "skipped");
                if (p.runs()) runs++;
                else skipped++;
            }
        }
        summary.put("total", runs + skipped);
        summary.put("planned", runs);
        summary.put("skipped", skipped);
        var errors = root.putArray("errors");
        var warnings = root.putArray("warnings");
        for (CheckRun.Section section : sections) {
            for (Diagnostic d : section.staticDiagnostics) {
                if (d.isError()) errors.add(Json.diagnostic(d));
                else warnings.add(Json.diagnostic(d));
            }
        }
        return root;
    }
}
