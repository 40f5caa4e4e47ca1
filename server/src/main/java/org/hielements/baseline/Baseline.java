package org.hielements.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hielements.check.Outcome;
import org.hielements.text.InputFile;

/**
 * A frozen baseline (ArchUnit's frozen rules, dependency-cruiser's known violations): the violations a workspace
 * accepted at one time, kept in {@value #FILE_NAME} at the workspace root. A later run fails only on violations the
 * baseline does not hold ({@link Comparison}). Written by {@code hielements check --update-baseline}; read by
 * {@code check}, {@code run}, and the language server.
 *
 * <p>The file is JSON: {@code {"version": 1, "violations": [{"element", "kind", "check", "origin"?, "site"?,
 * "message"?, "evidence": [{"file", "excerpt"}]}]}}, sorted, so that it diffs well under version control.
 */
public final class Baseline {
    /** The baseline's file name, at the workspace root. */
    public static final String FILE_NAME = "hielements-baseline.json";
    /** The format version written and understood. */
    public static final int VERSION = 1;
    /** The largest baseline file read: 64 MiB. */
    public static final long LIMIT = 64L * 1024 * 1024;

    /** Made on first use: a check without a baseline file never starts Jackson's object mapper. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private final List<Violation> violations;

    public Baseline(List<Violation> violations) {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Violation.ORDER);
        this.violations = List.copyOf(sorted);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The baseline of a run: every failed outcome (errors are never accepted), places relative to {@code root}. */
    public static Baseline of(List<Outcome> outcomes, Path root) {
        List<Violation> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.status() == Outcome.Status.FAIL) out.add(Violation.of(o, root));
        }
        return new Baseline(out);
    }

    /** The baseline file of the workspace at {@code root}. */
    public static Path file(Path root) {
        return root.resolve(FILE_NAME);
    }

    /**
     * The baseline of the workspace at {@code root}; empty when it has no {@value #FILE_NAME}.
     *
     * @throws BaselineException when the file exists and cannot be used (not a regular file, too large, not a
     *                           baseline), saying why
     */
    public static Optional<Baseline> load(Path root) throws BaselineException {
        Path file = file(root);
        byte[] bytes;
        try {
            bytes = InputFile.read(file, LIMIT);
        } catch (InputFile.Refused r) {
            if (r.missing()) return Optional.empty();
            throw new BaselineException("the baseline '" + file + "' " + r.getMessage());
        }
        return Optional.of(parse(new String(bytes, StandardCharsets.UTF_8), file.toString()));
    }

    /** Reads a baseline's text; {@code name} names it in messages. */
    public static Baseline parse(String text, String name) throws BaselineException {
        JsonNode root;
        try {
            root = Mapper.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BaselineException("the baseline '" + name + "' is not JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + "); write it again with `hielements check "
                    + "--update-baseline`");
        }
        if (root == null || !root.isObject()) throw shape(name, "it is not a JSON object");
        JsonNode version = root.get("version");
        if (version == null || !version.isInt()) throw shape(name, "it has no \"version\"");
        if (version.intValue() != VERSION) {
            throw shape(name, "its version is " + version.intValue() + ", this hielements reads version " + VERSION);
        }
        JsonNode list = root.get("violations");
        if (list == null || !list.isArray()) throw shape(name, "it has no \"violations\" list");
        List<Violation> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : list) {
            String where = "violation " + (i++ + 1);
            if (!v.isObject()) throw shape(name, where + " is not an object");
            Violation.Key key = new Violation.Key(text(v, "element", true, name, where),
                    text(v, "kind", true, name, where), text(v, "origin", false, name, where),
                    text(v, "check", true, name, where), text(v, "site", false, name, where));
            List<Violation.Place> places = new ArrayList<>();
            JsonNode ev = v.get("evidence");
            if (ev != null && !ev.isNull()) {
                if (!ev.isArray()) throw shape(name, where + ": \"evidence\" is not a list");
                for (JsonNode p : ev) {
                    if (!p.isObject()) throw shape(name, where + ": an evidence place is not an object");
                    places.add(new Violation.Place(text(p, "file", true, name, where),
                            text(p, "excerpt", true, name, where)));
                }
            }
            out.add(new Violation(key, text(v, "message", false, name, where), places));
        }
        return new Baseline(out);
    }

    private static String text(JsonNode n, String field, boolean required, String name, String where)
            throws BaselineException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw shape(name, where + " has no \"" + field + "\"");
            return null;
        }
        if (!v.isTextual()) throw shape(name, where + ": \"" + field + "\" is not a string");
        return v.textValue();
    }

    private static BaselineException shape(String name, String why) {
        return new BaselineException("the baseline '" + name + "' cannot be read: " + why + "; write it again with "
                + "`hielements check --update-baseline`");
    }

    /** The file's content, sorted (the command line prints it with its one JSON printer). */
    public ObjectNode toJson() {
        ObjectNode root = Mapper.JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("about", "Violations accepted by `hielements check --update-baseline`: a run fails only on others. "
                + "Delete an entry (or run --update-baseline after a fix) to stop accepting it.");
        ArrayNode list = root.putArray("violations");
        for (Violation v : violations) list.add(violationJson(v));
        return root;
    }

    /** One violation as the file holds it: {@code element, kind, check, origin?, site?, message?, evidence[]}. */
    public static ObjectNode violationJson(Violation v) {
        ObjectNode n = Mapper.JSON.createObjectNode();
        n.put("element", v.key().element());
        n.put("kind", v.key().kind());
        n.put("check", v.key().check());
        if (v.key().origin() != null) n.put("origin", v.key().origin());
        if (v.key().site() != null) n.put("site", v.key().site());
        if (v.message() != null) n.put("message", v.message());
        ArrayNode ev = n.putArray("evidence");
        for (Violation.Place p : v.evidence()) ev.addObject().put("file", p.file()).put("excerpt", p.excerpt());
        return n;
    }

    /**
     * Compares a run with this baseline. {@code complete}: every check of the model ran (no filter, no limit, not
     * cancelled), so an accepted violation that did not occur is fixed; otherwise only one whose check ran and
     * passed is.
     */
    public Comparison compare(List<Outcome> outcomes, Path root, boolean complete) {
        return Comparison.of(this, outcomes, root, complete);
    }
}
