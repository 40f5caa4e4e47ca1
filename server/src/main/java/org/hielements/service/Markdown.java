package org.hielements.service;

import java.util.List;
import org.hielements.library.FunctionDoc;
import org.hielements.library.FunctionKind;
import org.hielements.library.LibraryDoc;
import org.hielements.library.ParameterDoc;

/** Markdown for hovers and completion documentation. */
final class Markdown {
    private Markdown() {}

    static String code(String text) {
        return "```hielements\n" + text + "\n```\n";
    }

    /** A library function: signature, kind, description, parameters, example. */
    static String function(String library, FunctionDoc f, FunctionKind kind) {
        StringBuilder sb = new StringBuilder();
        sb.append(code(library + "." + f.signature()));
        if (kind != null) {
            sb.append("\n*").append(kind == FunctionKind.CHECK ? "check" : "selector").append("* of library `")
                    .append(library).append("`\n");
        }
        if (!f.description().isEmpty()) sb.append('\n').append(f.description()).append('\n');
        if (!f.parameters().isEmpty()) {
            sb.append("\n**Parameters**\n");
            for (ParameterDoc p : f.parameters()) {
                sb.append("- `").append(p.name()).append("` (").append(p.type()).append(")");
                if (!p.description().isEmpty()) sb.append(": ").append(p.description());
                sb.append('\n');
            }
        }
        f.exampleText().ifPresent(ex -> sb.append("\n**Example**\n").append(code(ex)));
        return sb.toString();
    }

    /** A library: name, version, description and its functions. */
    static String library(LibraryDoc doc, String kindWord) {
        StringBuilder sb = new StringBuilder();
        sb.append(code("library " + doc.name())).append('\n');
        sb.append('*').append(kindWord).append("*, version ").append(doc.version()).append('\n');
        if (!doc.description().isEmpty()) sb.append('\n').append(doc.description()).append('\n');
        list(sb, "Selectors", doc.functions());
        list(sb, "Checks", doc.checks());
        return sb.toString();
    }

    private static void list(StringBuilder sb, String title, List<FunctionDoc> fs) {
        if (fs.isEmpty()) return;
        sb.append("\n**").append(title).append("**\n");
        for (FunctionDoc f : fs) sb.append("- `").append(f.signature()).append("`\n");
    }
}
