package org.hielements.diagram;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * A {@link Diagram} drawn as one standalone SVG, laid out by ELK's layered algorithm (left to right, nested boxes laid
 * out with their children, orthogonal arrows): no Graphviz, no browser. Boxes are filled by status, their name and
 * counts written in them; a declared arrow is solid, an observed-only one dashed, coloured by status (a dependency that
 * breaks a rule red and thicker); every box and arrow has a {@code <title>} (the tooltip: the counts, the
 * declarations, the evidence). A legend is drawn below.
 */
public final class Svg {
    private static final double CHAR = 7.0;
    private static final double LEAF_HEIGHT = 46;
    private static final double TITLE = 30;
    private static final double MARGIN = 16;
    private static final double LEGEND = 56;

    private Svg() {}

    public static String render(Diagram d) {
        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        graph.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        graph.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        graph.setProperty(CoreOptions.SPACING_NODE_NODE, 30.0);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 60.0);
        graph.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 20.0);
        graph.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 14.0);
        graph.setProperty(CoreOptions.SPACING_EDGE_EDGE, 14.0);
        graph.setProperty(CoreOptions.SPACING_EDGE_NODE, 18.0);
        graph.setProperty(CoreOptions.PADDING, new ElkPadding(12));
        Map<String, ElkNode> nodes = new HashMap<>();
        Map<ElkNode, Diagram.Box> boxes = new HashMap<>();
        for (Diagram.Box b : d.roots()) node(graph, b, nodes, boxes);
        Map<ElkEdge, Diagram.Arrow> edges = new java.util.LinkedHashMap<>();
        for (Diagram.Arrow a : d.arrows()) {
            ElkNode from = nodes.get(a.from());
            ElkNode to = nodes.get(a.to());
            if (from == null || to == null) continue;
            edges.put(ElkGraphUtil.createSimpleEdge(from, to), a);
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());

        double width = Math.max(graph.getWidth(), 520) + 2 * MARGIN;
        double height = graph.getHeight() + 2 * MARGIN + TITLE + LEGEND;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width)).append("\" height=\"")
                .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        b.append("<title>").append(xml(d.title())).append("</title>\n");
        b.append("<defs>\n");
        for (Diagram.Status s : Diagram.Status.values()) {
            b.append("<marker id=\"arrow-").append(id(s)).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                    + "markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
                    + "fill=\"").append(s.stroke).append("\"/></marker>\n");
        }
        b.append("</defs>\n");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" fill=\"#ffffff\"/>\n");
        b.append("<text x=\"").append(n(MARGIN)).append("\" y=\"").append(n(MARGIN + 14))
                .append("\" font-size=\"16\" font-weight=\"bold\" fill=\"#212121\">").append(xml(d.title()))
                .append("</text>\n");
        double ox = MARGIN;
        double oy = MARGIN + TITLE;
        for (ElkNode child : graph.getChildren()) drawNode(b, child, ox, oy, boxes);
        for (Map.Entry<ElkEdge, Diagram.Arrow> e : edges.entrySet()) drawEdge(b, e.getKey(), e.getValue(), ox, oy);
        legend(b, MARGIN, height - LEGEND + 8);
        b.append("</svg>\n");
        return b.toString();
    }

    private static void node(ElkNode parent, Diagram.Box box, Map<String, ElkNode> nodes, Map<ElkNode, Diagram.Box> boxes) {
        ElkNode n = ElkGraphUtil.createNode(parent);
        nodes.put(box.id(), n);
        boxes.put(n, box);
        double textWidth = Math.max(box.name().length(), box.counts().length()) * CHAR + 24;
        if (box.children().isEmpty()) {
            n.setDimensions(Math.max(110, textWidth), LEAF_HEIGHT);
        } else {
            n.setProperty(CoreOptions.PADDING, new ElkPadding(40, 14, 14, 14));
            n.setProperty(CoreOptions.NODE_SIZE_MINIMUM, new org.eclipse.elk.core.math.KVector(textWidth, 60));
            n.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, java.util.EnumSet.of(
                    org.eclipse.elk.core.options.SizeConstraint.MINIMUM_SIZE));
            for (Diagram.Box c : box.children()) node(n, c, nodes, boxes);
        }
    }

    private static void drawNode(StringBuilder b, ElkNode n, double ox, double oy, Map<ElkNode, Diagram.Box> boxes) {
        Diagram.Box box = boxes.get(n);
        double x = ox + n.getX();
        double y = oy + n.getY();
        boolean leaf = box.children().isEmpty();
        b.append("<g class=\"element ").append(id(box.status())).append("\" id=\"").append(xml(box.id())).append("\">");
        b.append("<title>").append(xml(box.tooltip())).append("</title>");
        b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(n.getWidth()))
                .append("\" height=\"").append(n(n.getHeight())).append("\" rx=\"8\" fill=\"").append(box.status().fill)
                .append("\" stroke=\"").append(box.status().stroke).append("\" stroke-width=\"1.5\"/>");
        double tx = leaf ? x + n.getWidth() / 2 : x + 12;
        String anchor = leaf ? "middle" : "start";
        b.append("<text x=\"").append(n(tx)).append("\" y=\"").append(n(y + 19)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-weight=\"bold\" fill=\"#212121\">").append(xml(box.name()))
                .append("</text>");
        b.append("<text x=\"").append(n(tx)).append("\" y=\"").append(n(y + 35)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"10\" fill=\"").append(box.status().stroke).append("\">")
                .append(xml(box.counts())).append("</text>");
        b.append("</g>\n");
        for (ElkNode c : n.getChildren()) drawNode(b, c, x, y, boxes);
    }

    private static void drawEdge(StringBuilder b, ElkEdge e, Diagram.Arrow a, double ox, double oy) {
        // edge coordinates are relative to the edge's containing node
        double cx = ox;
        double cy = oy;
        for (ElkNode c = e.getContainingNode(); c != null && c.getParent() != null; c = c.getParent()) {
            cx += c.getX();
            cy += c.getY();
        }
        boolean failed = a.status() == Diagram.Status.FAILED;
        for (ElkEdgeSection s : e.getSections()) {
            StringBuilder d = new StringBuilder();
            d.append('M').append(n(cx + s.getStartX())).append(',').append(n(cy + s.getStartY()));
            for (ElkBendPoint p : s.getBendPoints()) {
                d.append(" L").append(n(cx + p.getX())).append(',').append(n(cy + p.getY()));
            }
            d.append(" L").append(n(cx + s.getEndX())).append(',').append(n(cy + s.getEndY()));
            b.append("<g class=\"dependency ").append(id(a.status())).append("\"><title>").append(xml(a.tooltip()))
                    .append("</title>");
            // a wide transparent stroke under the line makes the tooltip easy to reach
            b.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"transparent\" stroke-width=\"10\"/>");
            b.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(a.status().stroke)
                    .append("\" stroke-width=\"").append(failed ? 3 : 1.6).append('"')
                    .append(a.declared() ? "" : " stroke-dasharray=\"6,4\"").append(" marker-end=\"url(#arrow-")
                    .append(id(a.status())).append(")\"/>");
            b.append("</g>\n");
        }
    }

    private static void legend(StringBuilder b, double x, double y) {
        double cx = x;
        for (Diagram.Status s : Diagram.Status.values()) {
            b.append("<rect x=\"").append(n(cx)).append("\" y=\"").append(n(y)).append("\" width=\"14\" height=\"14\" "
                    + "rx=\"3\" fill=\"").append(s.fill).append("\" stroke=\"").append(s.stroke).append("\"/>");
            b.append("<text x=\"").append(n(cx + 20)).append("\" y=\"").append(n(y + 11)).append("\" font-size=\"11\" "
                    + "fill=\"#424242\">").append(s.word()).append("</text>\n");
            cx += 30 + s.word().length() * 6.5;
        }
        double ly = y + 30;
        List<String[]> lines = List.of(new String[] {"declared uses", ""}, new String[] {"observed dependency", "6,4"},
                new String[] {"breaks a rule", ""});
        cx = x;
        for (String[] l : lines) {
            boolean red = l[0].startsWith("breaks");
            String colour = red ? Diagram.Status.FAILED.stroke : Diagram.Status.NOT_CHECKED.stroke;
            b.append("<path d=\"M").append(n(cx)).append(',').append(n(ly - 4)).append(" L").append(n(cx + 30))
                    .append(',').append(n(ly - 4)).append("\" stroke=\"").append(colour).append("\" stroke-width=\"")
                    .append(red ? 3 : 1.6).append('"').append(l[1].isEmpty() ? "" : " stroke-dasharray=\"" + l[1] + "\"")
                    .append("/>");
            b.append("<text x=\"").append(n(cx + 36)).append("\" y=\"").append(n(ly)).append("\" font-size=\"11\" "
                    + "fill=\"#424242\">").append(l[0]).append("</text>\n");
            cx += 60 + l[0].length() * 6.5;
        }
    }

    private static String id(Diagram.Status s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A coordinate with at most one decimal. */
    static String n(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : Double.toString(tenths / 10.0);
    }

    /** Text for XML content and attribute values: markup characters escaped, control characters dropped. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t') b.append(c);
                }
            }
        }
        return b.toString();
    }
}
