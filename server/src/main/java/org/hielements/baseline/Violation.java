package org.hielements.baseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hielements.check.Outcome;
import org.hielements.library.Evidence;

/**
 * One accepted violation of a {@link Baseline}: a failed check named so that it survives edits to the code and to
 * the {@code .hie} files: the element's dotted path, the kind of check, its origin (the pattern, or the language's
 * connection check), the check text as printed, for a connection check the text of its {@code uses} declaration
 * ({@code site}), and its evidence places, each a file (relative to the workspace, {@code /}-separated) and the
 * excerpt of the offending code ({@code from ..ctx import X}). Never a line number: a baselined import stays
 * baselined when lines above it move. {@code message} is kept for a failure without evidence only (for a reader; it
 * takes no part in matching).
 */
public record Violation(Key key, String message, List<Place> evidence) {
    /** What names a check across runs. */
    public record Key(String element, String kind, String origin, String check, String site) {
        public Key {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(check, "check");
        }

        /** The key of an outcome's check. */
        public static Key of(Outcome o) {
            String site = null;
            if (o.kind() == Outcome.Kind.CONNECTION_CHECK) {
                site = Evidence.of(Path.of(o.source().name()).toAbsolutePath(), o.source(), o.span()).excerpt();
            }
            return new Key(o.element(), o.kind().word(), o.origin(), o.check(), site);
        }

        @Override
        public String toString() {
            return element + " :: " + check + (origin == null ? "" : " (" + origin + ")")
                    + (site == null ? "" : " [" + site + "]");
        }
    }

    /** A place of evidence: a file relative to the workspace and the excerpt of its offending code. */
    public record Place(String file, String excerpt) implements Comparable<Place> {
        public Place {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(excerpt, "excerpt");
        }

        /** The place of {@code e}, its file named relative to {@code root} when inside it. */
        public static Place of(Evidence e, Path root) {
            Path abs = e.file().toAbsolutePath().normalize();
            Path r = root.toAbsolutePath().normalize();
            String file = abs.startsWith(r) ? r.relativize(abs).toString().replace('\\', '/') : abs.toString();
            return new Place(file, e.excerpt());
        }

        @Override
        public int compareTo(Place o) {
            int c = file.compareTo(o.file);
            return c != 0 ? c : excerpt.compareTo(o.excerpt);
        }

        @Override
        public String toString() {
            return file + ": " + excerpt;
        }
    }

    public Violation {
        Objects.requireNonNull(key, "key");
        List<Place> sorted = new ArrayList<>(evidence);
        sorted.sort(Comparator.naturalOrder());
        evidence = List.copyOf(sorted);
    }

    /** The violation a failed outcome is, its evidence places named relative to {@code root}. */
    public static Violation of(Outcome o, Path root) {
        if (o.status() != Outcome.Status.FAIL) throw new IllegalArgumentException("not a failure: " + o);
        List<Place> places = new ArrayList<>();
        for (Evidence e : o.evidence()) places.add(Place.of(e, root));
        return new Violation(Key.of(o), places.isEmpty() ? o.message() : null, places);
    }

    static final Comparator<Violation> ORDER = Comparator
            .comparing((Violation v) -> v.key().element())
            .thenComparing(v -> v.key().kind())
            .thenComparing(v -> v.key().check())
            .thenComparing(v -> v.key().origin() == null ? "" : v.key().origin())
            .thenComparing(v -> v.key().site() == null ? "" : v.key().site())
            .thenComparing(v -> v.evidence().toString());
}
