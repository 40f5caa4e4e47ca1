package org.hielements.diagram;

/**
 * A {@link Diagram} as a Mermaid flowchart (left to right): an element with children is a {@code subgraph}, one
 * without a node; each is styled by its status; a declared arrow is solid ({@code -->}), an observed-only one dotted
 * ({@code -.->}), labelled ({@code uses}, {@code 3 code refs}) and coloured by its status ({@code linkStyle}).
 */
public final class Mermaid {
    private Mermaid() {}

    public static String render(Diagram d) {
        StringBuilder b = new StringBuilder();
        b.append("---\ntitle: ").append(text(d.title())).append("\n---\n");
        b.append("flowchart LR\n");
        for (Diagram.Box box : d.roots()) box(b, box, "  ");
        int i = 0;
        StringBuilder styles = new StringBuilder();
        for (Diagram.Arrow a : d.arrows()) {
            String arrow = a.declared() ? "-->" : "-.->";
            b.append("  ").append(a.from()).append(' ').append(arrow).append("|\"").append(text(a.label()))
                    .append("\"| ").append(a.to()).append('\n');
            styles.append("  linkStyle ").append(i++).append(" stroke:").append(a.status().stroke)
                    .append(",stroke-width:").append(a.status() == Diagram.Status.FAILED ? 3 : 2).append("px\n");
        }
        for (Diagram.Box box : d.allBoxes()) {
            b.append("  style ").append(box.id()).append(" fill:").append(box.status().fill).append(",stroke:")
                    .append(box.status().stroke).append('\n');
        }
        b.append(styles);
        return b.toString();
    }

    private static void box(StringBuilder b, Diagram.Box box, String pad) {
        String label = "\"" + text(box.name()) + "<br/><small>" + text(box.counts()) + "</small>\"";
        if (box.children().isEmpty()) {
            b.append(pad).append(box.id()).append('[').append(label).append("]\n");
            return;
        }
        b.append(pad).append("subgraph ").append(box.id()).append('[').append(label).append("]\n");
        for (Diagram.Box c : box.children()) box(b, c, pad + "  ");
        b.append(pad).append("end\n");
    }

    /** Text inside a quoted Mermaid label: quotes and markup characters as entity codes, one line. */
    static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("#quot;");
                case '<' -> b.append("#lt;");
                case '>' -> b.append("#gt;");
                case '#' -> b.append("#35;");
                case '\n', '\r' -> b.append(' ');
                default -> b.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return b.toString();
    }
}
