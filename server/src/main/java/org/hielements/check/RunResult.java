package org.hielements.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Value;
import org.hielements.semantics.ValueNode;

/**
 * What a run gave: the outcomes in run order (elements in model order, for each its check statements, then its
 * pattern checks, then its connection checks), the diagnostics found while evaluating values (a failing selector on
 * the scope's expression, E214 for a ref whose value has the wrong type, E220 for a ref requirement whose value is
 * not met), how many checks were skipped ({@code --filter}, {@code --limit}), whether the run was cancelled, and
 * the values the run computed ({@code values}: each scope or ref the run needed or swept, by its node in the run's
 * model; a value the run did not reach is absent; nor is a value only outcomes taken from a cache needed), and how
 * many outcomes were taken from a {@link CheckCache} ({@code fromCache}) instead of being computed.
 */
public record RunResult(List<Outcome> outcomes, List<Diagnostic> diagnostics, int skipped, boolean cancelled,
        Map<ValueNode, Computed> values, int fromCache) {
    public RunResult {
        outcomes = List.copyOf(outcomes);
        diagnostics = List.copyOf(diagnostics);
        values = Map.copyOf(values);
    }

    /** A result none of whose outcomes came from a {@link CheckCache}. */
    public RunResult(List<Outcome> outcomes, List<Diagnostic> diagnostics, int skipped, boolean cancelled,
            Map<ValueNode, Computed> values) {
        this(outcomes, diagnostics, skipped, cancelled, values, 0);
    }

    /** A result without computed values. */
    public RunResult(List<Outcome> outcomes, List<Diagnostic> diagnostics, int skipped, boolean cancelled) {
        this(outcomes, diagnostics, skipped, cancelled, Map.of());
    }

    /**
     * One value of the run: {@code value} when it was computed, else {@code error}, why it failed (its own problem,
     * or "depends on failed scope `x`" when a value it needs failed).
     */
    public record Computed(Value value, String error) {
        public Computed {
            if ((value == null) == (error == null)) throw new IllegalArgumentException("a value or an error");
        }

        public boolean ok() {
            return value != null;
        }
    }

    public int total() {
        return outcomes.size();
    }

    public long passed() {
        return count(Outcome.Status.PASS);
    }

    public long failed() {
        return count(Outcome.Status.FAIL);
    }

    public long errors() {
        return count(Outcome.Status.ERROR);
    }

    private long count(Outcome.Status s) {
        long n = 0;
        for (Outcome o : outcomes) {
            if (o.status() == s) n++;
        }
        return n;
    }

    /** True when every outcome passed and no evaluation diagnostic is an error. */
    public boolean ok() {
        return outcomes.stream().allMatch(Outcome::passed) && diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /**
     * Every problem of the run as a diagnostic (LANGUAGE.md §7): the evaluation diagnostics, then the outcomes that
     * did not pass (F001, or the error's code), except errors that only repeat a static diagnostic.
     */
    public List<Diagnostic> allDiagnostics() {
        List<Diagnostic> out = new ArrayList<>(diagnostics);
        for (Outcome o : outcomes) o.toDiagnostic().ifPresent(out::add);
        return out;
    }
}
