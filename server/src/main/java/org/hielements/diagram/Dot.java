package org.hielements.diagram;

/**
 * A {@link Diagram} as Graphviz DOT (for those who have Graphviz; {@link Svg} needs none): an element with children is
 * a {@code cluster} holding an invisible anchor node that arrows attach to ({@code lhead}/{@code ltail}), one without
 * a node; boxes are filled by status; a declared arrow is solid, an observed-only one dashed, coloured by its status,
 * with its evidence as {@code tooltip}.
 */
public final class Dot {
    private Dot() {}

    public static String render(Diagram d) {
        StringBuilder b = new StringBuilder();
        b.append("digraph hielements {\n");
        b.append("  label=").append(quote(d.title())).append(";\n");
        b.append("  labelloc=t;\n  rankdir=LR;\n  compound=true;\n");
        b.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n");
        b.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (Diagram.Box box : d.roots()) box(b, box, "  ");
        java.util.Map<String, Diagram.Box> byId = new java.util.HashMap<>();
        for (Diagram.Box box : d.allBoxes()) byId.put(box.id(), box);
        for (Diagram.Arrow a : d.arrows()) {
            Diagram.Box from = byId.get(a.from());
            Diagram.Box to = byId.get(a.to());
            b.append("  ").append(node(from)).append(" -> ").append(node(to)).append(" [");
            if (!from.children().isEmpty()) b.append("ltail=cluster_").append(from.id()).append(", ");
            if (!to.children().isEmpty()) b.append("lhead=cluster_").append(to.id()).append(", ");
            b.append("label=").append(quote(a.label())).append(", color=").append(quote(a.status().stroke))
                    .append(", style=").append(a.declared() ? "solid" : "dashed")
                    .append(", penwidth=").append(a.status() == Diagram.Status.FAILED ? 2 : 1)
                    .append(", tooltip=").append(quote(a.tooltip())).append("];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static String node(Diagram.Box box) {
        return box.children().isEmpty() ? box.id() : box.id() + "__anchor";
    }

    private static void box(StringBuilder b, Diagram.Box box, String pad) {
        if (box.children().isEmpty()) {
            b.append(pad).append(box.id()).append(" [label=").append(quote(box.name() + "\n" + box.counts()))
                    .append(", fillcolor=").append(quote(box.status().fill)).append(", color=")
                    .append(quote(box.status().stroke)).append(", tooltip=").append(quote(box.tooltip())).append("];\n");
            return;
        }
        b.append(pad).append("subgraph cluster_").append(box.id()).append(" {\n");
        String in = pad + "  ";
        b.append(in).append("label=").append(quote(box.name() + " (" + box.counts() + ")")).append(";\n");
        b.append(in).append("style=\"rounded,filled\";\n");
        b.append(in).append("fillcolor=").append(quote(box.status().fill)).append(";\n");
        b.append(in).append("color=").append(quote(box.status().stroke)).append(";\n");
        b.append(in).append("tooltip=").append(quote(box.tooltip())).append(";\n");
        b.append(in).append(box.id()).append("__anchor [shape=point, style=invis, width=0, label=\"\"];\n");
        for (Diagram.Box c : box.children()) box(b, c, in);
        b.append(pad).append("}\n");
    }

    /** A DOT string: quotes and backslashes escaped, a line break as {@code \n}, other control characters dropped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (!Character.isISOControl(c)) b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
