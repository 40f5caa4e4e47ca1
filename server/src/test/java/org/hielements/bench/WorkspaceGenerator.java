package org.hielements.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated {@code .hie} workspaces for benchmarks and determinism tests: one file of patterns and languages, the
 * other files importing it, with elements that implement patterns, bind placeholders (both forms), declare scopes,
 * refs, checks, nested elements and {@code uses} across elements, and a few deliberate mistakes (about one unit in
 * 10 has an undefined name, an unknown function, a missing binding, a forbidden connection or a cycle), so that
 * every phase of the analysis has work to do.
 */
public final class WorkspaceGenerator {
    private WorkspaceGenerator() {}

    /** The shared patterns file ({@code patterns.hie}). */
    public static String patterns() {
        return """
                import files
                import python

                language python:
                    connection_check can_import(source: scope[], target: scope[]):
                        python.calls_scope(source, target)
                    connection_check tidy(scopes: scope[]):
                        files.no_files_matching(scopes, '*.pyc')

                ## A layered service: an api, a data layer, tests.
                pattern layered:
                    scope api<python>
                    element data:
                        scope module<python>
                        ref schema: Schema
                        check python.imports(module, 'typing')
                    scope docs = files.folder_selector('docs')
                    check python.imports(api, 'logging')
                    check files.exists(docs, 'README.md')
                    requires descendant scope handlers<python>
                    forbids connection to external.*
                    allows language python

                pattern monitored:
                    element metrics:
                        scope module<python>
                    requires descendant check python.calls(x, 'emit')

                element external:
                    element billing:
                        scope api<python> = python.module_selector('billing.api')
                """;
    }

    /**
     * A workspace of about {@code lines} lines in {@code files} files ({@code patterns.hie} plus
     * {@code files - 1} service files), deterministic for a given size.
     */
    public static Map<String, String> workspace(int lines, int files) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("patterns.hie", patterns());
        int serviceFiles = Math.max(1, files - 1);
        int units = Math.max(1, lines / UNIT_LINES);
        int perFile = Math.max(1, (units + serviceFiles - 1) / serviceFiles);
        int unit = 0;
        for (int f = 0; f < serviceFiles && unit < units; f++) {
            StringBuilder sb = new StringBuilder("import files\nimport python\nimport './patterns.hie'\n\n");
            int first = unit;
            for (int k = 0; k < perFile && unit < units; k++, unit++) sb.append(unit(unit, first));
            out.put(String.format("services_%03d.hie", f), sb.toString());
        }
        return out;
    }

    /** One file of about {@code lines} lines that declares its own patterns (no import). */
    public static String singleFile(int lines) {
        StringBuilder sb = new StringBuilder(patterns());
        sb.append('\n');
        int units = Math.max(1, lines / UNIT_LINES);
        for (int i = 0; i < units; i++) sb.append(unit(i, 0));
        return sb.toString();
    }

    /** Lines per generated unit (one service element with its children). */
    public static final int UNIT_LINES = 24;

    private static String unit(int i, int firstInFile) {
        String n = "svc_" + i;
        String prev = i > firstInFile ? "svc_" + (i - 1) : null;
        int mistake = i % 10 == 7 ? (i / 10) % 5 : -1;
        StringBuilder sb = new StringBuilder();
        sb.append("## Service ").append(i).append('\n');
        sb.append("element ").append(n).append(" implements layered").append(i % 3 == 0 ? ", monitored" : "")
                .append(":\n");
        sb.append("    scope src<python> = files.folder_selector('").append(n).append("/src')\n");
        sb.append("    scope api<python> binds layered.api = python.module_selector('").append(n).append(".api')\n");
        if (mistake == 2) sb.append("    # layered.data.module left unbound\n");
        else sb.append("    layered.data.module = python.module_selector('").append(n).append(".data')\n");
        sb.append("    ref schema: Schema binds layered.data.schema = python.class_selector('Schema')\n");
        sb.append("    ref port: integer = 8080\n");
        sb.append("    check files.exists(src, 'main.py')\n");
        sb.append("    check python.").append(mistake == 1 ? "improts" : "imports").append("(api, 'typing')\n");
        sb.append("    element web:\n");
        sb.append("        scope handlers<python> = python.module_selector('").append(n).append(".web')\n");
        sb.append("        scope views<python> = python.module_selector(").append(mistake == 0 ? "hanlders" : "handlers")
                .append(")\n");
        if (prev != null) sb.append("        handlers uses ").append(prev).append(".web.handlers\n");
        else sb.append("        handlers uses ").append(n).append(".store.db\n");
        sb.append("        check python.calls(handlers, 'render')\n");
        sb.append("    element store:\n");
        sb.append("        scope db<python> = files.folder_selector(").append(mistake == 4 ? "cache" : "'db'").append(")\n");
        sb.append("        scope cache<python> = files.folder_selector(").append(mistake == 4 ? "db" : "'cache'")
                .append(")\n");
        if (mistake == 3) sb.append("        db uses external.billing.api\n");
        else sb.append("        db uses web.handlers\n");
        sb.append("        check files.no_files_matching(db, '*.tmp')\n");
        if (i % 3 == 0) {
            sb.append("    element metrics:\n");
            sb.append("        scope m<python> binds monitored.metrics.module = python.module_selector('m')\n");
            sb.append("        check python.calls(m, 'emit')\n");
        } else {
            sb.append("    element notes:\n");
            sb.append("        scope n = files.folder_selector('notes')\n");
            sb.append("        check files.exists(n, 'index.md')\n");
        }
        sb.append('\n');
        return sb.toString();
    }

    /** The lines of a text. */
    public static int lineCount(Map<String, String> files) {
        int n = 0;
        for (String t : files.values()) n += t.split("\n", -1).length;
        return n;
    }

    /**
     * The same file with its top-level declarations (each with the lines before it: doc comments) in a shuffled
     * order; imports stay first. {@code starts} are the offsets where each declaration's block begins.
     */
    public static String shuffleBlocks(String text, List<Integer> starts, Random random) {
        if (starts.isEmpty()) return text;
        String head = text.substring(0, starts.get(0));
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
            String b = text.substring(starts.get(i), end);
            if (!b.endsWith("\n")) b = b + "\n";
            blocks.add(b);
        }
        java.util.Collections.shuffle(blocks, random);
        return head + String.join("", blocks);
    }
}
