package org.hielements.library;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON codec of values, check results and documentation, shared by process and WASM plugins (PLUGINS.md §2,
 * upstream-libraries.md §1.7).
 *
 * <p><b>Host to plugin</b>, exactly upstream's encoding: {@code null}, raw {@code true}/{@code false},
 * {@code {"Int":42}}, {@code {"Float":2.5}}, {@code {"String":"src"}}, {@code {"List":[...]}},
 * {@code {"Scope":{"kind":{"Folder":"src"},"paths":[...],"resolved":true}}} (absolute paths),
 * {@code {"ConnectionPoint":{"data":{},"kind":..,"name":..}}}; the request is
 * {@code {"args":[...],"function":"f","workspace":"/abs"}}, compact, keys sorted.
 *
 * <p><b>Plugin to host</b>: every shape upstream accepts, plus raw JSON arrays as lists. Where upstream silently coerces
 * a wrong payload ({@code {"Int":"x"}} to 0, a non-string path dropped, {@code {"Fail":5}} to {@code ""}), this codec
 * throws a {@link LibraryException} naming the library, the function and the bad fragment: E508 for values, E509 for
 * check results. Documentation replies that do not fit are E508 as well.
 */
public final class ValueCodec {
    public static final String VALUE_CONVERSION = "E508";
    public static final String CHECK_CONVERSION = "E509";

    private static final int FRAGMENT_LIMIT = 200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Jackson's streaming layer only: plugin output is read into trees by {@link #tree}, so a run that talks to
     * plugins never builds an {@code ObjectMapper} (its start-up loads hundreds of classes, date formats and locale
     * data: a third of a second of a short command-line run). Field names are not canonicalized: a plugin's reply is
     * a few short names read once, and the shared symbol table made every parser build a child table of its own.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    private ValueCodec() {
    }

    /**
     * Parses JSON bytes that are ASCII (1 to 127: a WASM reply as plugins write them) with the mapper's settings: one
     * value, trailing tokens refused, numbers as the mapper makes them (int, long, big integer; floating point as
     * double), a repeated key's last value kept. The tree is built straight from the streaming parser, with none of the
     * per-call set-up of a data-binding read (a WASM call's reply is a few bytes; that set-up cost more than the
     * parse), and the bytes are read as characters: a parser of bytes would first detect their encoding and, without
     * canonical field names, read them through a decoding reader. Empty when a byte is not ASCII or the bytes are not
     * one JSON value; {@link #parse} then reads the decoded text and words the error.
     */
    public static Optional<JsonNode> parseAscii(byte[] ascii) {
        char[] cs = new char[ascii.length];
        for (int i = 0; i < cs.length; i++) {
            byte b = ascii[i];
            if (b <= 0) return Optional.empty();
            cs[i] = (char) b;
        }
        try (JsonParser p = FACTORY.createParser(cs, 0, cs.length)) {
            return Optional.ofNullable(one(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * One JSON text as a tree, read as {@link #parseAscii} reads bytes (a process plugin's line, a reply that is not
     * ASCII): null for an empty text; a syntax error, or a second value after the first, is a {@link JsonParseException}.
     */
    public static JsonNode readTree(String text) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return one(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new JsonParseException(null, e.getMessage());
        }
    }

    /** The parser's one value (null when there is none), refusing anything after it. */
    private static JsonNode one(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) return null;
        JsonNode n = tree(p, first);
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after the value");
        }
        return n;
    }

    /** The value starting at {@code t}, the parser's current token (nesting bounded by the parser's read constraints). */
    private static JsonNode tree(JsonParser p, JsonToken t) throws IOException {
        if (t == null) throw new JsonParseException(p, "unexpected end of input");
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    o.set(key, tree(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) a.add(tree(p, v));
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /** Parses one JSON text; a syntax error is reported with {@code code} and the (truncated) text. */
    public static JsonNode parse(String text, String code) throws LibraryException {
        try {
            JsonNode n = readTree(text);
            if (n == null) throw new LibraryException(code, "Empty JSON text");
            return n;
        } catch (JsonProcessingException e) {
            throw new LibraryException(code, "Invalid JSON: " + e.getOriginalMessage() + ". Text was: " + truncate(text));
        }
    }

    // ================================================================ encoding

    /** The JSON of one value, as upstream's host sends it. */
    public static JsonNode encode(Value value) {
        if (value instanceof Value.NullValue) return NODES.nullNode();
        if (value instanceof Value.BoolValue b) return NODES.booleanNode(b.value());
        if (value instanceof Value.IntValue i) return tagged("Int", NODES.numberNode(i.value()));
        if (value instanceof Value.FloatValue f) {
            double d = f.value();
            return tagged("Float", Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode());
        }
        if (value instanceof Value.StringValue s) return tagged("String", NODES.textNode(s.value()));
        if (value instanceof Value.ListValue l) {
            ArrayNode items = NODES.arrayNode();
            for (Value v : l.items()) items.add(encode(v));
            return tagged("List", items);
        }
        if (value instanceof Scope scope) {
            ObjectNode s = NODES.objectNode();
            s.set("kind", tagged(scope.kind().tag(), NODES.textNode(scope.argument())));
            ArrayNode paths = s.putArray("paths");
            for (Path p : scope.paths()) paths.add(p.toString());
            s.put("resolved", scope.resolved());
            return tagged("Scope", s);
        }
        ConnectionPoint cp = (ConnectionPoint) value;
        ObjectNode c = NODES.objectNode();
        c.putObject("data");                // upstream always sends an empty map
        c.put("kind", cp.kind());
        c.put("name", cp.name());
        return tagged("ConnectionPoint", c);
    }

    /** The params object {@code {"args":[...],"function":f,"workspace":"/abs"}} of a call or check request. */
    public static ObjectNode requestParams(String function, List<Value> args, Workspace workspace) {
        ObjectNode params = NODES.objectNode();
        ArrayNode a = params.putArray("args");
        for (Value v : args) a.add(encode(v));
        params.put("function", function);
        params.put("workspace", workspace.rootString());
        return params;
    }

    /** The request as compact JSON text with sorted keys: what a process plugin gets as params and a WASM module as input. */
    public static String encodeRequest(String function, List<Value> args, Workspace workspace) {
        return JsonText.compactSorted(requestParams(function, args, workspace));
    }

    /**
     * {@link #encodeRequest} as UTF-8 bytes, written in one pass without a tree (what a WASM call sends): the same bytes
     * as {@code encodeRequest(function, args, workspace).getBytes(UTF_8)}.
     */
    public static byte[] encodeRequestUtf8(String function, List<Value> args, Workspace workspace) {
        return RequestBytes.encode(function, args, workspace);
    }

    /** One value as compact JSON text with sorted keys. */
    public static String encodeToString(Value value) {
        return JsonText.compactSorted(encode(value));
    }

    private static ObjectNode tagged(String tag, JsonNode payload) {
        ObjectNode o = NODES.objectNode();
        o.set(tag, payload);
        return o;
    }

    // ================================================================ decoding values

    /**
     * A selector reply as a value. Relative scope paths are resolved against the workspace root; absolute ones are
     * normalized.
     *
     * @throws LibraryException E508 naming {@code library}, {@code function} and the fragment that does not convert
     */
    public static Value decodeValue(JsonNode json, String library, String function, Workspace workspace)
            throws LibraryException {
        return new ValueDecoder(library, function, workspace).value(json);
    }

    private record ValueDecoder(String library, String function, Workspace workspace) {

        LibraryException error(JsonNode fragment, String reason) {
            return new LibraryException(VALUE_CONVERSION, "Library '" + library + "', function '" + function
                    + "': cannot convert the reply to a value: " + fragment(fragment) + ": " + reason);
        }

        Value value(JsonNode json) throws LibraryException {
            if (json == null || json.isMissingNode()) throw error(json, "no value");
            if (json.isNull()) return Value.NULL;
            if (json.isBoolean()) return Value.of(json.booleanValue());
            if (json.isNumber()) return number(json);
            if (json.isTextual()) return Value.of(json.textValue());
            if (json.isArray()) return list(json);
            if (json.isObject()) return tagged(json);
            throw error(json, "not a JSON value");
        }

        /** Int when it fits in a long (integers only), otherwise Float: as serde_json's {@code as_i64}/{@code as_f64}. */
        private Value number(JsonNode json) {
            if (json.isIntegralNumber()) {
                BigInteger big = json.bigIntegerValue();
                if (big.bitLength() < 64) return Value.of(big.longValue());
                return Value.of(big.doubleValue());
            }
            return Value.of(json.doubleValue());
        }

        private Value list(JsonNode array) throws LibraryException {
            List<Value> items = new ArrayList<>(array.size());
            for (JsonNode item : array) items.add(value(item));
            return Value.list(items);
        }

        private Value tagged(JsonNode obj) throws LibraryException {
            // upstream's order: the first tag present wins, other keys are ignored
            JsonNode p;
            if ((p = obj.get("String")) != null) {
                if (!p.isTextual()) throw error(obj, "the String payload must be a string");
                return Value.of(p.textValue());
            }
            if ((p = obj.get("Int")) != null) {
                if (!p.isIntegralNumber()) throw error(obj, "the Int payload must be an integer");
                if (p.bigIntegerValue().bitLength() >= 64) throw error(obj, "the Int payload does not fit in 64 bits");
                return Value.of(p.longValue());
            }
            if ((p = obj.get("Float")) != null) {
                if (!p.isNumber()) throw error(obj, "the Float payload must be a number");
                return Value.of(p.doubleValue());
            }
            if ((p = obj.get("Bool")) != null) {
                if (!p.isBoolean()) throw error(obj, "the Bool payload must be true or false");
                return Value.of(p.booleanValue());
            }
            if ((p = obj.get("List")) != null) {
                if (!p.isArray()) throw error(obj, "the List payload must be an array");
                return list(p);
            }
            if ((p = obj.get("Scope")) != null) {
                if (!p.isObject()) throw error(obj, "the Scope payload must be an object");
                return scope(p);
            }
            if (obj.has("ConnectionPoint")) {
                throw error(obj, "a plugin cannot return a ConnectionPoint");
            }
            throw error(obj, "unknown tag (expected String, Int, Float, Bool, List or Scope)");
        }

        private Scope scope(JsonNode s) throws LibraryException {
            ScopeKind kind = ScopeKind.FILE;
            String argument = "";
            JsonNode k = s.get("kind");
            if (k != null && !k.isNull()) {
                if (k.isTextual()) {
                    String bare = k.textValue();
                    boolean isTag = bare.equals("File") || bare.equals("Folder") || bare.equals("Glob");
                    throw error(s, "the scope kind is the bare string " + NODES.textNode(bare) + "; it must be "
                            + (isTag ? "a tag with its text, such as {" + NODES.textNode(bare) + ": \"src\"}"
                                    : "tagged with its kind, such as {\"Folder\": " + NODES.textNode(bare) + "}")
                            + " (File, Folder or Glob; in Rust, a serde enum without #[serde(untagged)])");
                }
                if (!k.isObject()) throw error(s, "the scope kind must be {\"File\"|\"Folder\"|\"Glob\": \"...\"}");
                ScopeKind found = null;
                for (ScopeKind candidate : ScopeKind.values()) {   // File, Folder, Glob: upstream's order
                    JsonNode a = k.get(candidate.tag());
                    if (a != null) {
                        if (!a.isTextual()) throw error(s, "the scope kind's " + candidate.tag() + " must be a string");
                        found = candidate;
                        argument = a.textValue();
                        break;
                    }
                }
                if (found == null) throw error(s, "the scope kind must be {\"File\"|\"Folder\"|\"Glob\": \"...\"}");
                kind = found;
            }
            List<Path> paths = new ArrayList<>();
            JsonNode ps = s.get("paths");
            if (ps != null && !ps.isNull()) {
                if (!ps.isArray()) throw error(s, "the scope paths must be an array of strings");
                for (JsonNode p : ps) {
                    if (!p.isTextual()) throw error(p, "a scope path must be a string");
                    try {
                        Path path = Path.of(p.textValue());
                        paths.add(path.isAbsolute() ? path.normalize() : workspace.root().resolve(path).normalize());
                    } catch (InvalidPathException e) {
                        throw error(p, "not a valid path (" + e.getReason() + ")");
                    }
                }
            }
            boolean resolved = false;
            JsonNode r = s.get("resolved");
            if (r != null && !r.isNull()) {
                if (!r.isBoolean()) throw error(s, "the scope's resolved must be true or false");
                resolved = r.booleanValue();
            }
            return new Scope(kind, argument, paths, resolved);
        }
    }

    // ================================================================ decoding check results

    /**
     * A check reply as a check result. Accepted: {@code {"Pass":any}}, {@code {"result":"pass"}} (Pass is tested first);
     * {@code {"Fail":"msg"}}; {@code {"Error":"msg"}}; {@code {"result":"fail"|"error","message"?:"msg"}}; a string,
     * case-insensitive: {@code pass}/{@code ok}/{@code true} pass, {@code fail}/{@code false} fail with "Check failed",
     * any other string is the failure message. A {@code null} message counts as absent. An error reply without a code
     * gets {@link LibraryError#UNCODED}.
     *
     * @throws LibraryException E509 naming {@code library}, {@code function} and the fragment
     */
    public static CheckResult decodeCheckResult(JsonNode json, String library, String function)
            throws LibraryException {
        return decodeCheckResult(json, library, function, null);
    }

    /**
     * As {@link #decodeCheckResult(JsonNode, String, String)}, with the places a failure names: {@code {"Fail":"stem",
     * "evidence":[{"file":"src/a.ts","line":3,"column":1,"end_line":3,"end_column":24}]}} ({@code file} absolute or
     * relative to the workspace; 1-based lines, columns in Unicode characters; {@code column} defaults to 1, the end to
     * the end of the start line) is {@link CheckResult#failAt}: the message {@code stem: file:line excerpt (and N
     * more)}, the excerpt read from the file, every place kept as evidence. A place in a file outside the workspace or
     * unreadable, or on a line past its end, is left out; a place of the wrong shape is E509. Without a workspace
     * (null), places are ignored.
     */
    public static CheckResult decodeCheckResult(JsonNode json, String library, String function, Workspace workspace)
            throws LibraryException {
        if (json != null && json.isObject()) {
            JsonNode result = json.get("result");
            if (json.has("Pass") || (result != null && "pass".equals(result.textValue()))) return CheckResult.pass();
            JsonNode fail = json.get("Fail");
            if (fail != null) {
                String stem = message(fail, "", json, library, function, "Fail");
                JsonNode places = json.get("evidence");
                if (places == null || places.isNull() || workspace == null) return CheckResult.fail(stem);
                return CheckResult.failAt(stem, evidence(places, json, library, function, workspace));
            }
            JsonNode err = json.get("Error");
            if (err != null) {
                return CheckResult.error(LibraryError.UNCODED, message(err, "", json, library, function, "Error"));
            }
            if (result != null && result.isTextual()) {
                JsonNode m = json.get("message");
                switch (result.textValue()) {
                    case "fail":
                        return CheckResult.fail(message(m, "Check failed", json, library, function, "message"));
                    case "error":
                        return CheckResult.error(LibraryError.UNCODED,
                                message(m, "Check error", json, library, function, "message"));
                    default:
                        break;
                }
            }
        } else if (json != null && json.isTextual()) {
            String s = json.textValue();
            switch (s.toLowerCase(Locale.ROOT)) {
                case "pass", "ok", "true" -> {
                    return CheckResult.pass();
                }
                case "fail", "false" -> {
                    return CheckResult.fail("Check failed");
                }
                default -> {
                    return CheckResult.fail(s);
                }
            }
        }
        throw checkError(json, library, function, "expected {\"Pass\":null}, {\"Fail\":\"...\"}, {\"Error\":\"...\"}, "
                + "{\"result\":\"pass\"|\"fail\"|\"error\"} or a string");
    }

    private static List<Evidence> evidence(JsonNode places, JsonNode whole, String library, String function,
                                           Workspace workspace) throws LibraryException {
        if (!places.isArray()) throw checkError(whole, library, function, "evidence must be a list of places");
        List<Evidence> out = new ArrayList<>();
        for (JsonNode p : places) {
            JsonNode file = p.get("file");
            if (!p.isObject() || file == null || !file.isTextual()) {
                throw checkError(p, library, function, "a place needs a file (a string)");
            }
            int line = placeNumber(p, "line", -1, whole, library, function);
            if (line < 1) throw checkError(p, library, function, "a place needs a line (an integer from 1)");
            int column = Math.max(1, placeNumber(p, "column", 1, whole, library, function));
            int endLine = placeNumber(p, "end_line", line, whole, library, function);
            int endColumn = placeNumber(p, "end_column", 0, whole, library, function);
            Path path;
            try {
                path = workspace.root().resolve(file.textValue()).normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            if (!workspace.contains(path)) continue;
            Optional<org.hielements.text.SourceText> src;
            try {
                src = workspace.source(path);
            } catch (Workspace.FileTooLarge e) {
                continue;
            }
            if (src.isEmpty()) continue;
            int start = src.get().offsetOfCli(line, column);
            if (start < 0) continue;
            int end;
            if (endLine < line || endLine > src.get().lineCount()) {
                end = src.get().lineEnd(line - 1);
            } else if (endColumn < 1) {
                end = src.get().lineEnd(endLine - 1);
            } else {
                end = src.get().offsetOfCli(endLine, endColumn);
            }
            workspace.evidence(path, start, Math.max(start, end)).ifPresent(out::add);
        }
        return out;
    }

    private static int placeNumber(JsonNode place, String key, int absent, JsonNode whole, String library,
                                   String function) throws LibraryException {
        JsonNode n = place.get(key);
        if (n == null || n.isNull()) return absent;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw checkError(place, library, function, "the place's " + key + " must be an integer");
        return n.intValue();
    }

    private static String message(JsonNode m, String absent, JsonNode whole, String library, String function,
                                  String key) throws LibraryException {
        if (m == null || m.isNull()) return absent;
        if (!m.isTextual()) throw checkError(whole, library, function, "the " + key + " message must be a string");
        return m.textValue();
    }

    private static LibraryException checkError(JsonNode fragment, String library, String function, String reason) {
        return new LibraryException(CHECK_CONVERSION, "Library '" + library + "', check '" + function
                + "': cannot convert the reply to a check result: " + fragment(fragment) + ": " + reason);
    }

    // ================================================================ decoding documentation

    /**
     * A {@code library.doc} reply: {@code {name, description?, version?, functions:[...], checks:[...]}}, each
     * function {@code {name, description?, parameters?:[{name, type?, description?}], return_type?, example?}}. The
     * name comes from the reply ({@code library} when absent); a missing parameter type is {@code any}, a missing
     * version {@code ""}. A function without {@code parameters} has an unknown arity.
     *
     * @throws LibraryException E508 naming the library and the fragment that does not fit
     */
    public static LibraryDoc decodeDoc(JsonNode json, String library) throws LibraryException {
        DocDecoder d = new DocDecoder(library, "library.doc");
        if (json == null || !json.isObject()) throw d.error(json, "the reply must be an object");
        String name = d.string(json, "name", library);
        String description = d.string(json, "description", "");
        String version = d.string(json, "version", "");
        return new LibraryDoc(name, description, version, d.functions(json, "functions"), d.functions(json, "checks"));
    }

    /**
     * A {@code library.metadata} reply: {@code {name, version?, functions:["f", ...], checks:["c", ...]}}: names only,
     * so every function's arity is unknown.
     */
    public static LibraryDoc decodeMetadata(JsonNode json, String library) throws LibraryException {
        DocDecoder d = new DocDecoder(library, "library.metadata");
        if (json == null || !json.isObject()) throw d.error(json, "the reply must be an object");
        String name = d.string(json, "name", library);
        String version = d.string(json, "version", "");
        return new LibraryDoc(name, "", version, d.names(json, "functions"), d.names(json, "checks"));
    }

    private record DocDecoder(String library, String method) {
        LibraryException error(JsonNode fragment, String reason) {
            return new LibraryException(VALUE_CONVERSION, "Library '" + library + "', " + method
                    + ": cannot read the reply: " + fragment(fragment) + ": " + reason);
        }

        String string(JsonNode obj, String key, String absent) throws LibraryException {
            JsonNode v = obj.get(key);
            if (v == null || v.isNull()) return absent;
            if (!v.isTextual()) throw error(obj, "'" + key + "' must be a string");
            return v.textValue();
        }

        List<FunctionDoc> functions(JsonNode obj, String key) throws LibraryException {
            JsonNode arr = obj.get(key);
            List<FunctionDoc> out = new ArrayList<>();
            if (arr == null || arr.isNull()) return out;
            if (!arr.isArray()) throw error(obj, "'" + key + "' must be an array");
            for (JsonNode f : arr) {
                if (!f.isObject()) throw error(f, "a function must be an object");
                JsonNode n = f.get("name");
                if (n == null || !n.isTextual()) throw error(f, "a function needs a string 'name'");
                JsonNode ps = f.get("parameters");
                boolean arityKnown = ps != null && !ps.isNull();
                List<ParameterDoc> params = new ArrayList<>();
                if (arityKnown) {
                    if (!ps.isArray()) throw error(f, "'parameters' must be an array");
                    for (JsonNode p : ps) {
                        if (!p.isObject()) throw error(p, "a parameter must be an object");
                        JsonNode pn = p.get("name");
                        if (pn == null || !pn.isTextual()) throw error(p, "a parameter needs a string 'name'");
                        params.add(new ParameterDoc(pn.textValue(), string(p, "type", "any"), string(p, "description", "")));
                    }
                }
                JsonNode ex = f.get("example");
                if (ex != null && !ex.isNull() && !ex.isTextual()) throw error(f, "'example' must be a string");
                out.add(new FunctionDoc(n.textValue(), string(f, "description", ""), params,
                        string(f, "return_type", ""), ex == null || ex.isNull() ? null : ex.textValue(), arityKnown));
            }
            return out;
        }

        List<FunctionDoc> names(JsonNode obj, String key) throws LibraryException {
            JsonNode arr = obj.get(key);
            List<FunctionDoc> out = new ArrayList<>();
            if (arr == null || arr.isNull()) return out;
            if (!arr.isArray()) throw error(obj, "'" + key + "' must be an array of names");
            for (JsonNode n : arr) {
                if (!n.isTextual()) throw error(n, "a function name must be a string");
                out.add(FunctionDoc.nameOnly(n.textValue()));
            }
            return out;
        }
    }

    // ================================================================ catalog JSON

    /** The catalog's JSON tree of one library (upstream's field order and names: {@code param_type}, {@code return_type}). */
    static ObjectNode catalogNode(LibraryDoc doc) {
        ObjectNode lib = NODES.objectNode();
        lib.put("name", doc.name());
        lib.put("description", doc.description());
        lib.put("version", doc.version());
        lib.set("functions", catalogFunctions(doc.functions()));
        lib.set("checks", catalogFunctions(doc.checks()));
        return lib;
    }

    private static ArrayNode catalogFunctions(List<FunctionDoc> functions) {
        ArrayNode arr = NODES.arrayNode();
        for (FunctionDoc f : functions) {
            ObjectNode o = arr.addObject();
            o.put("name", f.name());
            o.put("description", f.description());
            ArrayNode ps = o.putArray("parameters");
            for (ParameterDoc p : f.parameters()) {
                ObjectNode po = ps.addObject();
                po.put("name", p.name());
                po.put("param_type", p.type());
                po.put("description", p.description());
            }
            o.put("return_type", f.returnType());
            if (f.example() == null) o.putNull("example");
            else o.put("example", f.example());
        }
        return arr;
    }

    static JsonNodeFactory nodes() {
        return NODES;
    }

    // ================================================================ helpers

    static String fragment(JsonNode node) {
        if (node == null || node.isMissingNode()) return "(nothing)";
        return truncate(JsonText.compact(node));
    }

    private static String truncate(String s) {
        return s.length() <= FRAGMENT_LIMIT ? s : s.substring(0, FRAGMENT_LIMIT) + "...";
    }
}
