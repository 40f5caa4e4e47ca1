package org.hielements.diagram;

import org.hielements.check.Outcome;

/**
 * A {@link Diagram} as one self-contained HTML page: the {@link Svg} inline (tooltips on hover), then a table of the
 * outcomes (element, check, status, message, place) and one of the arrows (from, to, kind, status, evidence). No
 * script, no style sheet or font from elsewhere.
 */
public final class Html {
    private Html() {}

    public static String render(Diagram d) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Svg.xml(d.title())).append(" \u2014 Hielements diagram</title>\n<style>\n")
                .append("body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#212121}\n")
                .append("table{border-collapse:collapse;margin:16px 0;font-size:13px}\n")
                .append("th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}\n")
                .append("th{background:#fafafa}\n.pass{color:#2e7d32}.fail{color:#c62828}.error{color:#ef8f00}\n")
                .append("td.notes{white-space:pre-wrap;font-family:monospace;font-size:12px}\n")
                .append(".diagram{overflow:auto;border:1px solid #eee}\n</style>\n</head>\n<body>\n");
        b.append("<h1>").append(Svg.xml(d.title())).append("</h1>\n");
        long passed = d.outcomes().stream().filter(Outcome::passed).count();
        long failed = d.outcomes().stream().filter(o -> o.status() == Outcome.Status.FAIL).count();
        long errors = d.outcomes().stream().filter(o -> o.status() == Outcome.Status.ERROR).count();
        b.append("<p>").append(d.outcomes().size()).append(" checks: ").append(passed).append(" passed, ")
                .append(failed).append(" failed, ").append(errors).append(" errors.</p>\n");
        b.append("<div class=\"diagram\">\n").append(Svg.render(d)).append("</div>\n");
        b.append("<h2>Checks</h2>\n<table>\n<tr><th>Element</th><th>Check</th><th>Status</th><th>Message</th>"
                + "<th>At</th></tr>\n");
        for (Outcome o : d.outcomes()) {
            b.append("<tr><td>").append(Svg.xml(o.element())).append("</td><td><code>").append(Svg.xml(o.check()))
                    .append("</code>").append(o.origin() == null ? "" : " <small>(" + Svg.xml(o.origin()) + ")</small>")
                    .append("</td><td class=\"").append(o.status().word()).append("\">")
                    .append(o.status().word().toUpperCase(java.util.Locale.ROOT)).append("</td><td>")
                    .append(o.message() == null ? "" : Svg.xml(o.message())).append("</td><td>")
                    .append(Svg.xml(o.source().name() + ":" + o.source().cliLine(o.span().start())))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (!d.arrows().isEmpty()) {
            java.util.Map<String, String> paths = new java.util.HashMap<>();
            for (Diagram.Box box : d.allBoxes()) paths.put(box.id(), box.path());
            b.append("<h2>Dependencies</h2>\n<table>\n<tr><th>From</th><th>To</th><th>Kind</th><th>Status</th>"
                    + "<th>Details</th></tr>\n");
            for (Diagram.Arrow a : d.arrows()) {
                b.append("<tr><td>").append(Svg.xml(paths.get(a.from()))).append("</td><td>")
                        .append(Svg.xml(paths.get(a.to()))).append("</td><td>").append(Svg.xml(a.label()))
                        .append("</td><td>").append(a.status().word()).append("</td><td class=\"notes\">")
                        .append(Svg.xml(String.join("\n", a.notes())).replace("&#10;", "\n")).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }
}
