package org.hielements.library;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON text exactly as upstream's serde_json writes it: compact ({@code {"a":1}}) or pretty (two-space indent,
 * {@code "key": value}, empty containers as {@code []}/{@code {}}); strings escape only {@code "}, {@code \},
 * and control characters ({@code \n}, {@code \t}, ..., else {@code \u001f} in lowercase hex); floats in ryu's
 * shortest form ({@code 2.5}, {@code 1e20}, {@code 1.0}); NaN and infinities as {@code null}.
 */
public final class JsonText {
    private JsonText() {
    }

    /** Compact text with the keys of every object sorted (serde_json's {@code Value}: the plugin request). */
    public static String compactSorted(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        writeCompact(sb, node, true);
        return sb.toString();
    }

    /** Compact text with keys in insertion order (a serde struct: the JSON-RPC envelope {@code jsonrpc, method, params, id}). */
    public static String compact(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        writeCompact(sb, node, false);
        return sb.toString();
    }

    /** serde_json's {@code to_string_pretty}, keys in insertion order. */
    public static String pretty(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        writePretty(sb, node, 0);
        return sb.toString();
    }

    private static void writeCompact(StringBuilder sb, JsonNode node, boolean sort) {
        if (node.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : fields(node, sort)) {
                if (!first) sb.append(',');
                first = false;
                string(sb, e.getKey());
                sb.append(':');
                writeCompact(sb, e.getValue(), sort);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) sb.append(',');
                writeCompact(sb, node.get(i), sort);
            }
            sb.append(']');
        } else {
            scalar(sb, node);
        }
    }

    private static void writePretty(StringBuilder sb, JsonNode node, int depth) {
        if (node.isObject()) {
            if (node.size() == 0) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : fields(node, false)) {
                if (!first) sb.append(",\n");
                first = false;
                indent(sb, depth + 1);
                string(sb, e.getKey());
                sb.append(": ");
                writePretty(sb, e.getValue(), depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.size() == 0) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) sb.append(",\n");
                indent(sb, depth + 1);
                writePretty(sb, node.get(i), depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append(']');
        } else {
            scalar(sb, node);
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) sb.append("  ");
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node, boolean sort) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>(node.properties());
        if (sort) list.sort(Map.Entry.comparingByKey());
        return list;
    }

    private static void scalar(StringBuilder sb, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isTextual()) {
            string(sb, node.textValue());
        } else if (node.isBoolean()) {
            sb.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            sb.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            sb.append(number(node.doubleValue()));
        } else {
            string(sb, node.asText());
        }
    }

    /** A JSON string literal, escaped as serde_json escapes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(sb, s);
        return sb.toString();
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A double as serde_json writes it (ryu's format); NaN and infinities become {@code null} as in serde_json. */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        String sign = d < 0 ? "-" : "";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int length = digits.length();
        int k = -bd.scale();            // value = digits * 10^k
        int kk = length + k;            // position of the decimal point
        StringBuilder sb = new StringBuilder(sign);
        if (0 <= k && kk <= 16) {
            sb.append(digits).append("0".repeat(k)).append(".0");
        } else if (0 < kk && kk <= 16) {
            sb.append(digits, 0, kk).append('.').append(digits, kk, length);
        } else if (-5 < kk && kk <= 0) {
            sb.append("0.").append("0".repeat(-kk)).append(digits);
        } else if (length == 1) {
            sb.append(digits).append('e').append(kk - 1);
        } else {
            sb.append(digits, 0, 1).append('.').append(digits, 1, length).append('e').append(kk - 1);
        }
        return sb.toString();
    }
}
