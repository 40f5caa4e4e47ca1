package org.hielements.baseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hielements.check.Outcome;

/**
 * A run compared with a {@link Baseline}. A failed outcome is {@link State#BASELINED} when an accepted violation of
 * the same check holds every one of its evidence places (as many times as it occurs: a second identical import is a
 * new place); otherwise it is {@link State#NEW}, with the places the baseline does not hold in
 * {@link #newPlaces}. So a violation that grows (one more offending import in the same rule) is new. An error is
 * always new (a check that could not be evaluated is never accepted); a pass has no state. An accepted violation no
 * failure matched is {@link #fixed()}: when the run was complete, or its check ran and passed.
 */
public final class Comparison {
    /** Where a failed outcome stands against the baseline. */
    public enum State {
        /** Not in the baseline: fails the run. */
        NEW,
        /** Accepted by the baseline: reported, does not fail the run. */
        BASELINED;

        /** SARIF's {@code baselineState}: {@code new} or {@code unchanged}. */
        public String sarif() {
            return this == NEW ? "new" : "unchanged";
        }
    }

    private final Map<Outcome, State> states = new IdentityHashMap<>();
    private final Map<Outcome, List<Violation.Place>> newPlaces = new IdentityHashMap<>();
    private final List<Violation> fixed = new ArrayList<>();

    private Comparison() {}

    static Comparison of(Baseline baseline, List<Outcome> outcomes, Path root, boolean complete) {
        Comparison c = new Comparison();
        Map<Violation.Key, List<Violation>> pool = new LinkedHashMap<>();
        for (Violation v : baseline.violations()) pool.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v);
        Set<Violation.Key> passed = new HashSet<>();
        for (Outcome o : outcomes) {
            if (o.status() == Outcome.Status.PASS) {
                passed.add(Violation.Key.of(o));
            } else if (o.status() == Outcome.Status.ERROR) {
                c.states.put(o, State.NEW);
            }
        }
        for (Outcome o : outcomes) {
            if (o.status() != Outcome.Status.FAIL) continue;
            Violation now = Violation.of(o, root);
            List<Violation> candidates = pool.getOrDefault(now.key(), List.of());
            Violation best = null;
            List<Violation.Place> bestMissing = null;
            for (Violation v : candidates) {
                List<Violation.Place> missing = missing(now.evidence(), v.evidence());
                if (bestMissing == null || missing.size() < bestMissing.size()) {
                    best = v;
                    bestMissing = missing;
                }
            }
            if (best != null && bestMissing.isEmpty()) {
                candidates.remove(best);
                c.states.put(o, State.BASELINED);
            } else {
                // a violation that grew is new; the accepted one it replaces is neither matched nor fixed
                if (best != null) candidates.remove(best);
                c.states.put(o, State.NEW);
                c.newPlaces.put(o, bestMissing == null ? now.evidence() : bestMissing);
            }
        }
        for (Map.Entry<Violation.Key, List<Violation>> e : pool.entrySet()) {
            for (Violation v : e.getValue()) {
                if (complete || passed.contains(e.getKey())) c.fixed.add(v);
            }
        }
        return c;
    }

    /** The places of {@code now} that {@code accepted} does not hold, counting repeats. */
    private static List<Violation.Place> missing(List<Violation.Place> now, List<Violation.Place> accepted) {
        Map<Violation.Place, Integer> left = new HashMap<>();
        for (Violation.Place p : accepted) left.merge(p, 1, Integer::sum);
        List<Violation.Place> out = new ArrayList<>();
        for (Violation.Place p : now) {
            Integer n = left.get(p);
            if (n == null || n == 0) out.add(p);
            else left.put(p, n - 1);
        }
        return out;
    }

    /** The state of a failed or errored outcome of the compared run; null for a pass or an outcome not compared. */
    public State state(Outcome o) {
        return states.get(o);
    }

    public boolean baselined(Outcome o) {
        return states.get(o) == State.BASELINED;
    }

    /** For a new failure, the evidence places the baseline does not hold (all of them when it holds none). */
    public List<Violation.Place> newPlaces(Outcome o) {
        return newPlaces.getOrDefault(o, List.of());
    }

    /** The accepted violations that no longer occur, in baseline order. */
    public List<Violation> fixed() {
        return List.copyOf(fixed);
    }

    /** How many failures the baseline accepted. */
    public long baselinedCount() {
        return states.values().stream().filter(s -> s == State.BASELINED).count();
    }
}
