package org.hielements.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hielements.check.Outcome;

/**
 * What a diagram shows, before any drawing: the elements as nested boxes, each with the status of its own checks in
 * the last run, and the arrows between them: declared {@code uses} and dependencies observed in the code (from the
 * import graphs of the libraries that have one), each with a status, a dependency that breaks a rule failed, with its
 * evidence. Built by {@link DiagramBuilder}; drawn by {@link Mermaid}, {@link Dot}, {@link Svg} and {@link Html}.
 *
 * @param title    what the diagram is of (the workspace folder's name)
 * @param roots    the top-level elements
 * @param arrows   in a stable order: by source box, then target box
 * @param outcomes the outcomes of the run the statuses come from (empty when nothing ran)
 */
public record Diagram(String title, List<Box> roots, List<Arrow> arrows, List<Outcome> outcomes) {
    public Diagram {
        Objects.requireNonNull(title, "title");
        roots = List.copyOf(roots);
        arrows = List.copyOf(arrows);
        outcomes = List.copyOf(outcomes);
    }

    /** The status a box or an arrow is coloured by. */
    public enum Status {
        PASSED("#e8f5e9", "#2e7d32"),
        FAILED("#ffebee", "#c62828"),
        ERROR("#fff8e1", "#ef8f00"),
        NOT_CHECKED("#f5f5f5", "#757575");

        /** Fill of a box. */
        public final String fill;
        /** Border of a box, colour of an arrow. */
        public final String stroke;

        Status(String fill, String stroke) {
            this.fill = fill;
            this.stroke = stroke;
        }

        /** {@code passed}, {@code failed}, {@code error}, {@code not checked}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /** The worse of two: error, then failed, then passed, then not checked. */
        Status worst(Status other) {
            return rank() >= other.rank() ? this : other;
        }

        private int rank() {
            return switch (this) {
                case NOT_CHECKED -> 0;
                case PASSED -> 1;
                case FAILED -> 2;
                case ERROR -> 3;
            };
        }
    }

    /**
     * An element: {@code id} (unique, made of letters, digits and {@code _}), its dotted path, its name, the status of
     * its own checks and their counts, its child elements.
     */
    public record Box(String id, String path, String name, Status status, int passed, int failed, int errors,
            List<Box> children) {
        public Box {
            children = List.copyOf(children);
        }

        /** "2 passed, 1 failed" (counts that are not zero), or "not checked". */
        public String counts() {
            List<String> parts = new ArrayList<>();
            if (passed > 0) parts.add(passed + " passed");
            if (failed > 0) parts.add(failed + " failed");
            if (errors > 0) parts.add(errors + " errors");
            return parts.isEmpty() ? "not checked" : String.join(", ", parts);
        }

        /** The tooltip: path, status, counts. */
        public String tooltip() {
            return path + ": " + counts();
        }
    }

    /**
     * An arrow from one box to another: {@code declared} when a {@code uses} declares it, {@code observed} the number
     * of places in the code that make the dependency (0 when none was seen), its status (a failed connection check or
     * a dependency that breaks a rule: failed), and the lines of its tooltip (the declarations, the evidence).
     */
    public record Arrow(String from, String to, boolean declared, int observed, Status status, List<String> notes) {
        public Arrow {
            notes = List.copyOf(notes);
        }

        /** A short label: {@code uses}, {@code 3 code refs} (imports, paths), {@code uses, 3 code refs}. */
        public String label() {
            String seen = observed == 0 ? "" : observed + (observed == 1 ? " code ref" : " code refs");
            if (declared) return seen.isEmpty() ? "uses" : "uses, " + seen;
            return seen;
        }

        /** The tooltip: the label, then each note on its own line. */
        public String tooltip() {
            StringBuilder b = new StringBuilder(label()).append(" (").append(status.word()).append(')');
            for (String n : notes) b.append('\n').append(n);
            return b.toString();
        }
    }

    /** Every box, depth first. */
    public List<Box> allBoxes() {
        List<Box> out = new ArrayList<>();
        for (Box b : roots) collect(b, out);
        return out;
    }

    private static void collect(Box b, List<Box> out) {
        out.add(b);
        for (Box c : b.children()) collect(c, out);
    }
}
