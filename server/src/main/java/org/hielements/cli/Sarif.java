package org.hielements.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hielements.baseline.Comparison;
import org.hielements.baseline.Violation;
import org.hielements.check.Outcome;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.Severity;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * SARIF 2.1.0 output of {@code hielements check --format sarif}: one run of the tool {@code hielements}, one result
 * per failed or errored check (except an error that only repeats a static diagnostic) and per error diagnostic, each
 * at its place in the {@code .hie} file (a region with 1-based lines and columns counted in Unicode code points,
 * {@code columnKind: unicodeCodePoints}), with the related places as {@code relatedLocations}. File URIs are relative
 * to {@code %SRCROOT%}, the folder the command ran in, given in {@code originalUriBaseIds}. Rules: one per code that
 * occurs, sorted. A run compared with a baseline marks each result's {@code baselineState} ({@code new},
 * {@code unchanged} for an accepted violation, at level {@code note}) and adds the fixed ones as {@code absent}.
 */
final class Sarif {
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SRCROOT = "SRCROOT";

    private final Path base;
    private final String version;
    private final ArrayNode results = Json.NODES.arrayNode();
    private final Map<String, String> rules = new TreeMap<>();

    /**
     * @param base    the folder file names are relative to (the current folder)
     * @param version the tool's version
     */
    Sarif(Path base, String version) {
        this.base = base.toAbsolutePath().normalize();
        this.version = version;
    }

    /** Adds an error diagnostic (warnings and notes are not results: only what fails the run). */
    Sarif diagnostic(Diagnostic d) {
        return diagnostic(d, false);
    }

    /**
     * Adds an error diagnostic; {@code compared}: the run was compared with a baseline, so the result is marked
     * {@code baselineState: new} (a diagnostic is never accepted).
     */
    Sarif diagnostic(Diagnostic d, boolean compared) {
        if (d.severity() != Severity.ERROR) return this;
        ObjectNode r = result(d.code(), d.message(), d.source(), d.span(), d.related());
        if (compared) r.put("baselineState", "new");
        ObjectNode props = Json.NODES.objectNode();
        props.put("source", "diagnostic");
        r.set("properties", props);
        rules.putIfAbsent(d.code(), "Hielements diagnostic " + d.code());
        results.add(r);
        return this;
    }

    /** Adds an outcome that did not pass (not one that only repeats a static diagnostic, already a result). */
    Sarif outcome(Outcome o) {
        return outcome(o, null);
    }

    /**
     * Adds an outcome that did not pass; {@code state}, when the run was compared with a baseline, gives its
     * {@code baselineState} ({@code new}, or {@code unchanged} for an accepted violation, whose level is then
     * {@code note}: it does not fail the run).
     */
    Sarif outcome(Outcome o, Comparison.State state) {
        if (o.passed() || o.reportedStatically()) return this;
        ObjectNode r = result(o.code(), o.message(), o.source(), o.span(), o.related());
        if (state != null) {
            r.put("baselineState", state.sarif());
            if (state == Comparison.State.BASELINED) r.put("level", "note");
        }
        ObjectNode props = Json.NODES.objectNode();
        props.put("source", "check");
        props.put("element", o.element());
        props.put("check", o.check());
        props.put("status", o.status().word());
        props.put("kind", o.kind().word());
        if (o.origin() != null) props.put("origin", o.origin());
        r.set("properties", props);
        rules.putIfAbsent(o.code(), o.code().equals(Code.F001.id()) ? "A check failed: the code violates the rule"
                : o.code().equals(Code.E230.id()) ? "A check could not be evaluated"
                : "A check could not be evaluated (" + o.code() + ")");
        results.add(r);
        return this;
    }

    /**
     * Adds an accepted violation that no longer occurs: {@code baselineState: absent}, kind {@code pass}, located at
     * the files of its evidence (relative to the workspace {@code root}).
     */
    Sarif absent(Violation v, Path root) {
        ObjectNode r = Json.NODES.objectNode();
        String code = Code.F001.id();
        r.put("ruleId", code);
        r.put("kind", "pass");
        r.put("level", "none");
        r.put("baselineState", "absent");
        r.putObject("message").put("text", "Fixed since the baseline: " + v.key());
        ArrayNode locs = r.putArray("locations");
        java.util.Set<String> files = new java.util.LinkedHashSet<>();
        for (Violation.Place p : v.evidence()) files.add(p.file());
        for (String f : files) {
            ObjectNode artifact = locs.addObject().putObject("physicalLocation").putObject("artifactLocation");
            String uri = uri(root.resolve(f).toString());
            artifact.put("uri", uri);
            if (!uri.startsWith("file:")) artifact.put("uriBaseId", SRCROOT);
        }
        ObjectNode props = Json.NODES.objectNode();
        props.put("source", "baseline");
        props.put("element", v.key().element());
        props.put("check", v.key().check());
        props.put("kind", v.key().kind());
        if (v.key().origin() != null) props.put("origin", v.key().origin());
        r.set("properties", props);
        rules.putIfAbsent(code, "A check failed: the code violates the rule");
        results.add(r);
        return this;
    }

    private ObjectNode result(String code, String message, SourceText source, Span span,
            List<Diagnostic.Related> related) {
        ObjectNode r = Json.NODES.objectNode();
        r.put("ruleId", code);
        r.put("level", "error");
        r.putObject("message").put("text", message.isEmpty() ? code : message);
        r.putArray("locations").add(location(source, null, span, null, -1));
        if (!related.isEmpty()) {
            ArrayNode rel = r.putArray("relatedLocations");
            int id = 1;
            for (Diagnostic.Related x : related) rel.add(location(x.source(), x.file(), x.span(), x.message(), id++));
        }
        return r;
    }

    /** A location in {@code source}; {@code file}, when known, is its absolute path (a place in workspace code). */
    private ObjectNode location(SourceText source, Path file, Span span, String message, int id) {
        ObjectNode loc = Json.NODES.objectNode();
        if (id >= 0) loc.put("id", id);
        ObjectNode phys = loc.putObject("physicalLocation");
        ObjectNode artifact = phys.putObject("artifactLocation");
        String uri = uri(file != null ? file.toString() : source.name());
        artifact.put("uri", uri);
        if (!uri.startsWith("file:")) artifact.put("uriBaseId", SRCROOT);
        ObjectNode region = phys.putObject("region");
        region.put("startLine", source.cliLine(span.start()));
        region.put("startColumn", source.cliColumn(span.start()));
        region.put("endLine", source.cliLine(span.end()));
        region.put("endColumn", source.cliColumn(span.end()));
        if (message != null && !message.isEmpty()) loc.putObject("message").put("text", message);
        return loc;
    }

    /** A relative URI reference for a file under the base folder, else an absolute {@code file:} URI. */
    String uri(String name) {
        Path p = Path.of(name);
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(base)) {
            String rel = base.relativize(abs).toString().replace('\\', '/');
            try {
                return new URI(null, null, rel, null).toASCIIString();
            } catch (URISyntaxException e) {
                return abs.toUri().toString();
            }
        }
        return abs.toUri().toString();
    }

    /** The version Maven filtered into {@code version.properties}, or {@code unknown}. */
    static String toolVersion() {
        java.util.Properties props = new java.util.Properties();
        try (var in = Sarif.class.getResourceAsStream("/org/hielements/version.properties")) {
            if (in != null) props.load(in);
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return props.getProperty("version", "unknown");
    }

    ObjectNode toJson() {
        ObjectNode root = Json.NODES.objectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "hielements");
        driver.put("version", version);
        ArrayNode ruleNodes = driver.putArray("rules");
        List<String> ids = new ArrayList<>(rules.keySet());
        for (String id : ids) {
            ObjectNode rule = ruleNodes.addObject();
            rule.put("id", id);
            rule.putObject("shortDescription").put("text", rules.get(id));
        }
        for (int i = 0; i < results.size(); i++) {
            ObjectNode r = (ObjectNode) results.get(i);
            r.put("ruleIndex", ids.indexOf(r.get("ruleId").asText()));
        }
        ObjectNode baseIds = run.putObject("originalUriBaseIds");
        String baseUri = base.toUri().toString();
        baseIds.putObject(SRCROOT).put("uri", baseUri.endsWith("/") ? baseUri : baseUri + "/");
        run.put("columnKind", "unicodeCodePoints");
        run.set("results", results);
        return root;
    }
}
