package org.hielements.library;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The library catalog that {@code hielements doc} prints, in upstream's two layouts (upstream-libraries.md §2.5):
 * {@link #toMarkdown()} and {@link #toJson()} ({@code {"version":"1.0","libraries":[...]}}, serde's pretty format,
 * parameter types under {@code param_type}). Libraries are sorted by name. The returned text has no trailing newline
 * beyond upstream's: the CLI adds one when printing to stdout and writes the text as is with {@code -o}.
 */
public final class LibraryCatalog {
    /** The catalog format version. */
    public static final String VERSION = "1.0";

    private final List<LibraryDoc> libraries;

    private LibraryCatalog(List<LibraryDoc> libraries) {
        this.libraries = List.copyOf(libraries);
    }

    /** A catalog of {@code docs}, sorted by name. */
    public static LibraryCatalog of(Collection<LibraryDoc> docs) {
        List<LibraryDoc> sorted = new ArrayList<>(docs);
        sorted.sort(Comparator.comparing(LibraryDoc::name));
        return new LibraryCatalog(sorted);
    }

    /** The catalog of every library of the registry (plugins may be asked for their documentation). */
    public static LibraryCatalog of(LibraryRegistry registry) {
        return of(registry.documentation());
    }

    /**
     * Keeps only the named libraries ({@code doc --library a,b}: split on commas, names trimmed, empty names ignored),
     * matched against each documentation's name.
     */
    public LibraryCatalog only(String commaSeparatedNames) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String n : commaSeparatedNames.split(",")) {
            String t = n.trim();
            if (!t.isEmpty()) wanted.add(t);
        }
        List<LibraryDoc> kept = new ArrayList<>();
        for (LibraryDoc d : libraries) {
            if (wanted.contains(d.name())) kept.add(d);
        }
        return new LibraryCatalog(kept);
    }

    public List<LibraryDoc> libraries() {
        return libraries;
    }

    /** Upstream's {@code DocumentationCatalog::to_json}: pretty JSON, no trailing newline. */
    public String toJson() {
        ObjectNode root = ValueCodec.nodes().objectNode();
        root.put("version", VERSION);
        ArrayNode libs = root.putArray("libraries");
        for (LibraryDoc d : libraries) libs.add(ValueCodec.catalogNode(d));
        return JsonText.pretty(root);
    }

    /** Upstream's {@code DocumentationCatalog::to_markdown}. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Hielements Library Documentation\n\n");
        md.append("This catalog documents all available Hielements libraries, their selectors, and checks.\n\n");
        md.append("---\n\n");
        md.append("## Table of Contents\n\n");
        for (LibraryDoc lib : libraries) {
            md.append("- [").append(lib.name()).append("](#")
                    .append(lib.name().toLowerCase(Locale.ROOT).replace(' ', '-')).append(")\n");
        }
        md.append("\n---\n\n");
        for (LibraryDoc lib : libraries) library(md, lib);
        return md.toString();
    }

    private static void library(StringBuilder md, LibraryDoc lib) {
        md.append("## ").append(lib.name()).append("\n\n");
        if (!lib.description().isEmpty()) md.append(lib.description()).append("\n\n");
        if (!lib.version().isEmpty()) md.append("**Version:** ").append(lib.version()).append("\n\n");
        if (!lib.functions().isEmpty()) {
            md.append("### Selectors\n\n");
            for (FunctionDoc f : lib.functions()) function(md, f, lib.name());
        }
        if (!lib.checks().isEmpty()) {
            md.append("### Checks\n\n");
            for (FunctionDoc f : lib.checks()) function(md, f, lib.name());
        }
        md.append("---\n\n");
    }

    private static void function(StringBuilder md, FunctionDoc f, String lib) {
        md.append("#### `").append(lib).append('.').append(f.signature()).append("`\n\n");
        if (!f.description().isEmpty()) md.append(f.description()).append("\n\n");
        if (!f.parameters().isEmpty()) {
            md.append("**Parameters:**\n\n");
            for (ParameterDoc p : f.parameters()) {
                md.append("- `").append(p.name()).append("` (").append(p.type()).append("): ")
                        .append(p.description()).append('\n');
            }
            md.append('\n');
        }
        if (f.example() != null) {
            md.append("**Example:**\n\n```hielements\n").append(f.example());
            if (!f.example().endsWith("\n")) md.append('\n');
            md.append("```\n\n");
        }
    }
}
