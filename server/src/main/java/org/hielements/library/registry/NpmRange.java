package org.hielements.library.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * An npm version range ({@code ^1.2}, {@code ~1.2.3}, {@code 1.x}, {@code >=1.0.0 <2}, {@code 1.2.3 || 2.x},
 * {@code 1.0.0 - 2.0.0}, an exact {@code 1.2.3}; empty or {@code *} for any), matched as npm does: a prerelease
 * version matches only a range naming a prerelease of the same {@code major.minor.patch}.
 *
 * <p>Matching is semver4j's (org.semver4j 5.4.1). Its parser is lenient where npm's grammar is strict (a stray word is
 * dropped, a bare {@code x} matches nothing, Ivy's {@code [1.0,2.0)} is read), so the text is first checked against
 * npm's range grammar here: anything npm would not accept is refused with the reason, and bare {@code x}/{@code X}
 * are read as {@code *}.
 */
public final class NpmRange {
    private static final String NR = "(?:0|[1-9][0-9]*)";
    private static final String XR = "(?:[xX*]|" + NR + ")";
    private static final String IDENT = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final String PARTIAL = "v?" + XR + "(?:\\." + XR + "(?:\\." + XR + "(?:-" + IDENT + ")?(?:\\+"
            + IDENT + ")?)?)?";
    private static final Pattern SIMPLE = Pattern.compile("(?:<=|>=|<|>|=|~>|~|\\^)?" + PARTIAL);
    private static final Pattern HYPHEN = Pattern.compile("(" + PARTIAL + ")\\s+-\\s+(" + PARTIAL + ")");
    private static final Pattern OPERATOR_SPACE = Pattern.compile("(<=|>=|<|>|=|~>|~|\\^)\\s+");
    private static final Pattern BARE_X = Pattern.compile("(?:<=|>=|<|>|=|~>|~|\\^)?v?[xX*](?:\\.[xX*]){0,2}");
    private static final Pattern VERSION = Pattern.compile(NR + "\\." + NR + "\\." + NR + "(?:-" + IDENT + ")?(?:\\+"
            + IDENT + ")?");

    private final String text;
    private final RangesList ranges;

    private NpmRange(String text, RangesList ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** A range as npm writes it, or the reason it is not one. */
    public static NpmRange parse(String text) throws InvalidRange {
        if (text.length() > 256) throw new InvalidRange("a version range is at most 256 characters");
        List<String> alternatives = new ArrayList<>();
        for (String alt : text.split("\\|\\|", -1)) {
            String a = OPERATOR_SPACE.matcher(alt.trim()).replaceAll("$1");
            if (a.isEmpty()) {
                alternatives.add("*");
                continue;
            }
            Matcher h = HYPHEN.matcher(a);
            if (h.matches()) {
                alternatives.add(a);
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (String c : a.split("\\s+")) {
                if (!SIMPLE.matcher(c).matches()) {
                    throw new InvalidRange("'" + c + "' is not a version or a comparator (npm ranges: 1.2.3, ^1.2, "
                            + "~1.2.3, 1.x, >=1.0.0 <2, 1.0.0 - 2.0.0, a || b)");
                }
                // semver4j reads a bare x as "<0.0.0"; npm as any version
                parts.add(BARE_X.matcher(c).matches() && !c.startsWith("<") && !c.startsWith(">") ? "*" : c);
            }
            alternatives.add(String.join(" ", parts));
        }
        String normalized = String.join(" || ", alternatives);
        RangesList list;
        try {
            list = RangesListFactory.create(normalized);
        } catch (RuntimeException e) {
            throw new InvalidRange("'" + text + "' is not a version range: " + e.getMessage());
        }
        if (list.get().isEmpty()) throw new InvalidRange("'" + text + "' is not a version range");
        return new NpmRange(text.trim(), list);
    }

    /** Whether {@code version} (a full semantic version) is in the range; a version that is not one never is. */
    public boolean includes(String version) {
        if (!VERSION.matcher(version).matches()) return false;
        Semver v = Semver.parse(version);
        return v != null && ranges.isSatisfiedBy(v);
    }

    /** The highest of {@code versions} in the range (prereleases only as {@link #includes} says). */
    public Optional<String> highest(Collection<String> versions) {
        Semver best = null;
        String bestText = null;
        for (String v : versions) {
            if (!includes(v)) continue;
            Semver s = Semver.parse(v);
            if (best == null || s.isGreaterThan(best)) {
                best = s;
                bestText = v;
            }
        }
        return Optional.ofNullable(bestText);
    }

    /** Whether {@code text} is a full semantic version ({@code 1.2.3}, {@code 1.2.3-beta.1}). */
    public static boolean isVersion(String text) {
        return VERSION.matcher(text).matches();
    }

    /** Orders full semantic versions (precedence, as npm sorts them). */
    public static int compare(String a, String b) {
        return Semver.parse(a).compareTo(Semver.parse(b));
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A text that is not an npm range, with the reason. */
    public static final class InvalidRange extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidRange(String message) {
            super(message);
        }
    }
}
