package org.hielements.check;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.Evidence;
import org.hielements.library.Inputs;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.semantics.CheckSite;
import org.hielements.semantics.ConnectionCheckSymbol;
import org.hielements.semantics.ConnectionPlan;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.Implementation;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.ParameterSymbol;
import org.hielements.semantics.PatternCheck;
import org.hielements.semantics.PlaceholderBinding;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.ValueNode;
import org.hielements.syntax.AstPrinter;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * Runs the checks of a {@link SemanticModel} against a workspace (LANGUAGE.md §2, §4-§7).
 *
 * <p>The elements of the model's root files run in model order (files by path, each depth-first in source order);
 * for each element: its {@code check} statements, then the checks of every pattern it implements (once per
 * implementation, placeholders bound), then the connection checks of its {@code uses} declarations and of its
 * language scopes. Values (scopes and refs, declared or bound) are computed on demand, each once per run, the values
 * they need first; after an element's checks, its values not needed by any check are computed too, so that every
 * failing selector is reported. A failing selector is one diagnostic on its expression; every check that needs it
 * gets the error "depends on failed scope `x`" (no cascade).
 *
 * <pre>{@code
 * RunResult r = new Evaluator(model, registry, Workspace.of(root)).run(RunOptions.defaults());
 * }</pre>
 *
 * <p>One evaluator may run several times; each run starts from nothing (a fresh file walk, no value kept). The
 * values a run computed come back in {@link RunResult#values()} (no value is computed for that alone).
 */
public final class Evaluator {
    private final SemanticModel model;
    private final LibraryRegistry registry;
    private final Workspace workspace;

    public Evaluator(SemanticModel model, LibraryRegistry registry, Workspace workspace) {
        this.model = Objects.requireNonNull(model, "model");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** One check to run, in run order. */
    sealed interface Task {
        ElementSymbol element();

        record Plain(ElementSymbol element, CheckSite site) implements Task {}

        record Pattern(ElementSymbol element, PatternCheck check) implements Task {}

        record Connection(ElementSymbol element, ConnectionPlan.ConnectionRun run) implements Task {}

        record PerElement(ElementSymbol element, ConnectionPlan.ElementRun run) implements Task {}
    }

    /** The elements that run: those of the model's root files (not of files only imported), in model order. */
    public List<ElementSymbol> elements() {
        List<ElementSymbol> out = new ArrayList<>();
        for (ElementSymbol e : model.elements()) {
            if (e.file().isRoot()) out.add(e);
        }
        return out;
    }

    private volatile Map<ElementSymbol, List<Task>> plan;

    /** The checks of each element, in run order (computed once: the model does not change). */
    Map<ElementSymbol, List<Task>> plan() {
        Map<ElementSymbol, List<Task>> p = plan;
        if (p == null) {
            p = computePlan();
            plan = p;
        }
        return p;
    }

    private Map<ElementSymbol, List<Task>> computePlan() {
        List<ElementSymbol> elements = elements();
        Map<ElementSymbol, List<Task>> tasks = new IdentityHashMap<>(elements.size());
        for (ElementSymbol e : elements) tasks.put(e, ownTasks(e));   // a method per element: compiled early
        for (ConnectionPlan.ConnectionRun r : model.connectionPlan().connectionRuns()) {
            List<Task> list = tasks.get(r.uses().element());
            if (list != null && r.check().body() != null) list.add(new Task.Connection(r.uses().element(), r));
        }
        for (ConnectionPlan.ElementRun r : model.connectionPlan().elementRuns()) {
            List<Task> list = tasks.get(r.element());
            if (list != null && r.check().body() != null) list.add(new Task.PerElement(r.element(), r));
        }
        tasks.replaceAll((e, list) -> List.copyOf(list));
        return tasks;
    }

    /** The element's own checks and pattern checks, in order (its connection checks are added after). */
    private static List<Task> ownTasks(ElementSymbol e) {
        List<Task> list = new ArrayList<>();
        for (CheckSite site : e.checks()) {
            if (site.check().expr() != null) list.add(new Task.Plain(e, site));
        }
        for (Implementation impl : e.implementations()) {
            for (PatternCheck pc : impl.checks()) {
                if (pc.site().check().expr() != null) list.add(new Task.Pattern(e, pc));
            }
        }
        return list;
    }

    /** A check an element will run: its kind, its text, and for a pattern or connection check where it comes from. */
    public record PlannedCheck(Outcome.Kind kind, String text, String origin) {}

    /** The checks {@code element} runs, in run order (for a dry run). */
    public List<PlannedCheck> plannedChecks(ElementSymbol element) {
        List<PlannedCheck> out = new ArrayList<>();
        List<Task> tasks = plan().get(element);
        if (tasks == null) return out;
        for (Task t : tasks) {
            Outcome.Kind kind = t instanceof Task.Plain ? Outcome.Kind.CHECK
                    : t instanceof Task.Pattern ? Outcome.Kind.PATTERN_CHECK : Outcome.Kind.CONNECTION_CHECK;
            out.add(new PlannedCheck(kind, text(t), origin(t)));
        }
        return out;
    }

    /** Runs every check once (see the class comment); never throws for a problem of the checked files or libraries. */
    public RunResult run(RunOptions options) {
        return run(options, null);
    }

    /**
     * Runs every check once, as {@link #run(RunOptions)}, reusing from {@code cache} (null: none) every outcome whose
     * inputs did not change and keeping in it, at the end, what this run found (see {@link CheckCache}). The result is
     * the same as without a cache; {@link RunResult#fromCache()} says how many outcomes were reused.
     */
    public RunResult run(RunOptions options, CheckCache cache) {
        Objects.requireNonNull(options, "options");
        Workspace ws = workspace.fresh();
        Evaluation ev = new Evaluation(model, registry, CallContext.of(ws), options);
        CheckCache.Session session = cache == null ? null : cache.begin(model, registry, ws);
        Map<ElementSymbol, List<Task>> plan = plan();
        List<ElementSymbol> elements = elements();
        int checksTotal = 0;
        for (ElementSymbol e : elements) checksTotal += plan.get(e).size();
        Run run = new Run(ws, ev, session, options, elements.size(), checksTotal);
        options.progress().progress(new Progress(0, elements.size(), 0, checksTotal));
        // one method call per element: in a new JVM a loop's own body stays interpreted, a method called often is
        // compiled (a run of 40,000 elements spent most of its loop in the interpreter)
        for (ElementSymbol e : elements) {
            if (!runElement(run, e, plan.get(e))) break;
        }
        if (session != null && !run.cancelled) session.finish();
        return new RunResult(run.outcomes, ev.diagnostics(), run.skipped, run.cancelled, ev.values(), run.fromCache);
    }

    /** The state of one run over the elements. */
    private static final class Run {
        final Workspace ws;
        final Evaluation ev;
        final CheckCache.Session session;
        final RunOptions options;
        final int elementsTotal;
        final int checksTotal;
        final List<Outcome> outcomes = new ArrayList<>();
        int fromCache;
        int skipped;
        int checksDone;
        int elementsDone;
        boolean cancelled;
        boolean limited;

        Run(Workspace ws, Evaluation ev, CheckCache.Session session, RunOptions options, int elementsTotal,
                int checksTotal) {
            this.ws = ws;
            this.ev = ev;
            this.session = session;
            this.options = options;
            this.elementsTotal = elementsTotal;
            this.checksTotal = checksTotal;
        }

        void progress() {
            options.progress().progress(new Progress(elementsDone, elementsTotal, checksDone, checksTotal));
        }
    }

    /** Runs the checks of one element and its rest; false when the run is cancelled. */
    private boolean runElement(Run run, ElementSymbol e, List<Task> tasks) {
        RunOptions options = run.options;
        CheckCache.Session session = run.session;
        Evaluation ev = run.ev;
        if (options.cancel().getAsBoolean()) {
            run.cancelled = true;
            return false;
        }
        if (run.limited) {                          // past --limit: every remaining check counts as skipped
            run.skipped += tasks.size();
            run.checksDone += tasks.size();
            return true;
        }
        boolean matches = options.matches(e.path());
        int index = 0;
        for (Task t : tasks) {
            if (options.cancel().getAsBoolean()) {
                run.cancelled = true;
                return false;
            }
            String key = session == null ? null : session.key(e, "check " + (index++));
            if (!matches || run.limited) {
                run.skipped++;
            } else {
                runCheck(run, e, t, key);
            }
            run.checksDone++;
            run.progress();
        }
        if (matches) {
            String key = session == null ? null : session.key(e, "rest");
            CheckCache.Session.Replay replay = key == null ? null : session.lookup(key);
            if (replay != null) {
                replay.diagnostics().forEach(ev::report);
            } else if (session != null) {
                recorded(run, key, () -> {
                    sweep(ev, e, options);
                    new RequirementValues(ev).check(e);
                    return null;
                });
            } else {
                sweep(ev, e, options);
                new RequirementValues(ev).check(e);
            }
        }
        run.elementsDone++;
        run.progress();
        return true;
    }

    /**
     * Runs {@code work} recording what it reads and the diagnostics it reports, and keeps both in the run's cache
     * session under {@code key} with the outcome it returns (null for an element's rest), unless the run was cancelled.
     */
    private static Outcome recorded(Run run, String key, java.util.function.Supplier<Outcome> work) {
        Inputs in = new Inputs();
        List<Diagnostic> reported = new ArrayList<>();
        List<Diagnostic> prev = run.ev.capture(reported);
        run.ws.record(in);
        Outcome o;
        try {
            o = work.get();
        } finally {
            run.ws.record(null);
            run.ev.capture(prev);
        }
        if (!run.options.cancel().getAsBoolean()) run.session.store(key, in, o, reported);
        return o;
    }

    /** Runs one check of an element that matches the filter (or takes its outcome from the cache). */
    private void runCheck(Run run, ElementSymbol e, Task t, String key) {
        RunOptions options = run.options;
        CheckCache.Session session = run.session;
        Evaluation ev = run.ev;
        CheckCache.Session.Replay replay = key == null ? null : session.lookup(key);
        Outcome o;
        if (replay != null) {
            o = replay.outcome();
            replay.diagnostics().forEach(ev::report);
            run.fromCache++;
        } else if (session != null) {
            o = recorded(run, key, () -> runTask(ev, t));
        } else {
            o = runTask(ev, t);
        }
        run.outcomes.add(o);
        if (options.logging()) options.log("[verbose] " + (replay != null ? "From the cache"
                : session != null ? "Running (" + session.why() + ")" : "Running") + ": " + o.element()
                + " :: " + o.check() + " ... "
                + switch (o.status()) {
                    case PASS -> "PASS";
                    case FAIL -> "FAIL: " + o.message();
                    case ERROR -> "ERROR: " + o.message();
                });
        if (options.limit() > 0 && run.outcomes.size() >= options.limit()) run.limited = true;
    }

    /** Computes the element's values no check needed, so that every failing selector is reported. */
    private static void sweep(Evaluation ev, ElementSymbol e, RunOptions options) {
        for (MemberSymbol m : e.members()) {
            if (options.cancel().getAsBoolean()) return;
            if (m.value() == null) continue;
            try {
                ev.value(new ValueNode.Declared(m));
            } catch (EvalError ignored) {
                // reported where it failed
            }
        }
        for (Implementation impl : e.implementations()) {
            for (PlaceholderBinding b : impl.bindings().values()) {
                if (b instanceof PlaceholderBinding.Unbound) continue;
                try {
                    ev.value(new ValueNode.Bound(impl, b.placeholder()));
                } catch (EvalError ignored) {
                    // reported where it failed
                }
            }
        }
    }

    // ============================================================================================ tasks

    private static String text(Task t) {
        if (t instanceof Task.Plain p) return AstPrinter.checkText(p.site().check());
        if (t instanceof Task.Pattern p) return AstPrinter.checkText(p.check().site().check());
        ConnectionCheckSymbol cc = t instanceof Task.Connection c ? c.run().check() : ((Task.PerElement) t).run().check();
        return AstPrinter.print(cc.body());
    }

    private static String origin(Task t) {
        if (t instanceof Task.Plain) return null;
        if (t instanceof Task.Pattern p) return p.check().implementation().pattern().name();
        ConnectionCheckSymbol cc = t instanceof Task.Connection c ? c.run().check() : ((Task.PerElement) t).run().check();
        return cc.qualifiedName();
    }

    private Outcome runTask(Evaluation ev, Task t) {
        if (t instanceof Task.Plain p) {
            ElementSymbol e = p.element();
            return verdict(ev, Outcome.Kind.CHECK, e, text(t), null, e.file().source(), p.site().check().span(),
                    List.of(), () -> ev.check(p.site().check().expr(), Evaluation.Ctx.in(e)));
        }
        if (t instanceof Task.Pattern p) {
            Implementation impl = p.check().implementation();
            CheckSite site = p.check().site();
            String name = impl.pattern().name();
            List<Diagnostic.Related> rel = List.of(new Diagnostic.Related(site.file().source(), site.check().span(),
                    "check of pattern '" + name + "': " + text(t)));
            return verdict(ev, Outcome.Kind.PATTERN_CHECK, impl.element(), text(t), name,
                    impl.element().file().source(), impl.clause().span(), rel,
                    () -> ev.check(site.check().expr(), new Evaluation.Ctx(site.container(), impl, Map.of())));
        }
        if (t instanceof Task.Connection c) {
            ConnectionPlan.ConnectionRun run = c.run();
            ConnectionCheckSymbol cc = run.check();
            SourceText src = run.uses().file().source();
            Span span = run.uses().node().span();
            List<Diagnostic.Related> rel = List.of(connectionRelated(cc));
            return verdict(ev, Outcome.Kind.CONNECTION_CHECK, c.element(), text(t), cc.qualifiedName(), src, span, rel,
                    () -> {
                        Value source = Value.list(ev.value(run.source()));
                        List<Value> targets = new ArrayList<>();
                        for (ValueNode n : run.targets()) targets.add(ev.value(n));
                        if (targets.isEmpty()) {
                            throw EvalError.of(org.hielements.diagnostics.Code.E230, "`" + run.uses().targetText()
                                    + "` has no scope annotated <" + cc.language().name()
                                    + "> to check the connection against");
                        }
                        return ev.check(cc.body(), params(cc, source, Value.list(targets)));
                    });
        }
        Task.PerElement pe = (Task.PerElement) t;
        ConnectionPlan.ElementRun run = pe.run();
        ConnectionCheckSymbol cc = run.check();
        ElementSymbol e = pe.element();
        return verdict(ev, Outcome.Kind.CONNECTION_CHECK, e, text(t), cc.qualifiedName(), e.file().source(),
                e.nameNode().span(), List.of(connectionRelated(cc)), () -> {
                    List<Value> scopes = new ArrayList<>();
                    for (ValueNode n : run.scopes()) scopes.add(ev.value(n));
                    return ev.check(cc.body(), params(cc, Value.list(scopes), null));
                });
    }

    private static Diagnostic.Related connectionRelated(ConnectionCheckSymbol cc) {
        return new Diagnostic.Related(cc.language().file().source(), cc.node().span(),
                "connection check " + cc.qualifiedName());
    }

    private static Evaluation.Ctx params(ConnectionCheckSymbol cc, Value first, Value second) {
        Map<ParameterSymbol, Value> values = new java.util.HashMap<>();
        List<ParameterSymbol> ps = cc.parameters();
        if (!ps.isEmpty()) values.put(ps.get(0), first);
        if (ps.size() > 1 && second != null) values.put(ps.get(1), second);
        return new Evaluation.Ctx(null, null, values);
    }

    /** The most evidence places an outcome carries as related places (the message counts them all). */
    static final int MAX_EVIDENCE = 100;

    /** {@code related} followed by every evidence of a failure (up to {@link #MAX_EVIDENCE}), each a place in code. */
    private static List<Diagnostic.Related> withEvidence(List<Diagnostic.Related> related, List<Evidence> evidence) {
        if (evidence.isEmpty()) return related;
        List<Diagnostic.Related> all = new ArrayList<>(related);
        for (Evidence ev : evidence.subList(0, Math.min(evidence.size(), MAX_EVIDENCE))) {
            all.add(new Diagnostic.Related(ev.source(), ev.span(), ev.excerpt(), ev.file()));
        }
        return all;
    }

    @FunctionalInterface
    private interface CheckCall {
        CheckResult run() throws EvalError;
    }

    private static Outcome verdict(Evaluation ev, Outcome.Kind kind, ElementSymbol e, String text, String origin,
            SourceText src, Span span, List<Diagnostic.Related> related, CheckCall call) {
        try {
            CheckResult r = call.run();
            if (r instanceof CheckResult.Pass) {
                return new Outcome(kind, e.path(), text, Outcome.Status.PASS, null, null, src, span, related, origin,
                        false);
            }
            if (r instanceof CheckResult.Fail f) {
                return new Outcome(kind, e.path(), text, Outcome.Status.FAIL, f.message(), null, src, span,
                        withEvidence(related, f.evidence()), origin, false, f.evidence());
            }
            CheckResult.Error err = (CheckResult.Error) r;
            return new Outcome(kind, e.path(), text, Outcome.Status.ERROR, err.message(), err.code(), src, span,
                    related, origin, false);
        } catch (EvalError x) {
            List<Diagnostic.Related> rel = new ArrayList<>(related);
            rel.addAll(x.related);
            return new Outcome(kind, e.path(), text, Outcome.Status.ERROR, x.text, x.code, src, span, rel, origin,
                    x.reportedStatically);
        }
    }
}
