package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueCodecTest {
    private static final Workspace WS = Workspace.of(Path.of("/nonexistent-ws"));

    private static JsonNode json(String text) throws LibraryException {
        return ValueCodec.parse(text, "E506");
    }

    /** Parsed JSON equality, blind to number node classes (IntNode vs LongNode). */
    private static void assertSameJson(String expected, JsonNode actual, String... message) throws LibraryException {
        assertEquals(JsonText.compactSorted(json(expected)), JsonText.compactSorted(actual), String.join(" ", message));
    }

    private static Value value(String text) throws LibraryException {
        return ValueCodec.decodeValue(json(text), "sample", "count", WS);
    }

    private static CheckResult check(String text) throws LibraryException {
        return ValueCodec.decodeCheckResult(json(text), "sample", "verify");
    }

    private static LibraryError valueError(String text) {
        return assertThrows(LibraryException.class, () -> value(text)).error();
    }

    private static LibraryError checkError(String text) {
        return assertThrows(LibraryException.class, () -> check(text)).error();
    }

    // ------------------------------------------------------------ reading a WASM reply's bytes

    @ParameterizedTest
    @ValueSource(strings = {"\"Pass\"", "{\"Fail\":\"x \\\"y\\\" \\u00e9 \\ud83d\\ude00\"}", "[1, -2, 3000000000, "
            + "123456789012345678901234567890, 2.5, -0.0, 1e400, true, false, null, [], {}]",
            "{\"a\":{\"b\":[{\"c\":null}]},\"a\":7}", " \n\t{\"k\" : [ \"v\" ] } \n", "0", "\"\""})
    void asciiRepliesReadAsTheMapperReadsThem(String text) throws Exception {
        JsonNode fast = ValueCodec.parseAscii(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
        JsonNode bound = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        assertEquals(bound, fast, text);
        assertEquals(bound, ValueCodec.readTree(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\"Pass\" \"Pass\"", "{\"a\":1} x", "{\"a\":", "[1,", "{\"a\" 1}", "'x'", "[1]]"})
    void asciiRepliesThatAreNotOneJsonValueAreRefused(String text) {
        assertTrue(ValueCodec.parseAscii(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEmpty(), text);
        if (!text.isBlank()) {
            assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> ValueCodec.readTree(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\u00e9\"", "{\"Fail\":\"\ud83d\ude00\"}", "\"a\u0000\""})
    void repliesWithBytesBeyondAsciiAreLeftToTheTextPath(String text) {
        assertTrue(ValueCodec.parseAscii(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEmpty(), text);
    }

    // ------------------------------------------------------------ encoding

    @Test
    void eachVariantEncodesExactlyAsUpstream() throws Exception {
        assertSameJson("null", ValueCodec.encode(Value.NULL));
        assertSameJson("true", ValueCodec.encode(Value.of(true)));
        assertSameJson("false", ValueCodec.encode(Value.of(false)));
        assertSameJson("{\"Int\":42}", ValueCodec.encode(Value.of(42L)));
        assertSameJson("{\"Float\":2.5}", ValueCodec.encode(Value.of(2.5)));
        assertSameJson("{\"String\":\"src\"}", ValueCodec.encode(Value.of("src")));
        assertSameJson("{\"List\":[{\"Int\":1},{\"String\":\"a\"},{\"List\":[]}]}",
                ValueCodec.encode(Value.list(Value.of(1L), Value.of("a"), Value.list())));
        Scope scope = Scope.of(ScopeKind.FOLDER, "src", List.of(Path.of("/nonexistent-ws/src/a.py")));
        assertSameJson("{\"Scope\":{\"kind\":{\"Folder\":\"src\"},\"paths\":[\"/nonexistent-ws/src/a.py\"],"
                + "\"resolved\":true}}", ValueCodec.encode(scope));
        assertSameJson("{\"ConnectionPoint\":{\"data\":{},\"kind\":\"http\",\"name\":\"api\"}}",
                ValueCodec.encode(new ConnectionPoint("api", "http", Map.of("x", Value.of(1L)))),
                "data is always sent empty, as upstream");
        assertEquals("{\"Float\":null}", ValueCodec.encodeToString(Value.of(Double.NaN)));
    }

    @Test
    void requestIsCompactWithSortedKeysAndAbsoluteWorkspace() {
        Scope scope = Scope.of(ScopeKind.GLOB, "**/*.py", List.of(Path.of("/nonexistent-ws/a.py")));
        String request = ValueCodec.encodeRequest("count",
                List.of(Value.of(1L), Value.of(true), Value.of("a\"b\n"), Value.of(0.5), scope), WS);
        assertEquals("{\"args\":[{\"Int\":1},true,{\"String\":\"a\\\"b\\n\"},{\"Float\":0.5},"
                + "{\"Scope\":{\"kind\":{\"Glob\":\"**/*.py\"},\"paths\":[\"/nonexistent-ws/a.py\"],\"resolved\":true}}],"
                + "\"function\":\"count\",\"workspace\":\"/nonexistent-ws\"}", request);
    }

    @Test
    void jsonTextWritesAsSerdeJson() {
        assertEquals("\"a\\\"\\\\\\n\\t\\r\\b\\f\\u001f\\u0001é/\"", JsonText.quote("a\"\\\n\t\r\b\f\u001f\u0001é/"));
        assertEquals("2.5", JsonText.number(2.5));
        assertEquals("1.0", JsonText.number(1.0));
        assertEquals("-0.0", JsonText.number(-0.0));
        assertEquals("0.0", JsonText.number(0.0));
        assertEquals("1000000000000000.0", JsonText.number(1e15));
        assertEquals("1e16", JsonText.number(1e16));
        assertEquals("1e20", JsonText.number(1e20));
        assertEquals("1.5e20", JsonText.number(1.5e20));
        assertEquals("12.34", JsonText.number(12.34));
        assertEquals("0.00001", JsonText.number(1e-5));
        assertEquals("1e-6", JsonText.number(1e-6));
        assertEquals("1.5e-7", JsonText.number(1.5e-7));
        assertEquals("-2.5", JsonText.number(-2.5));
        assertEquals("null", JsonText.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void everyEncodableValueRoundTrips() throws Exception {
        List<Value> values = List.of(Value.NULL, Value.of(true), Value.of(false), Value.of(0L), Value.of(Long.MIN_VALUE),
                Value.of(Long.MAX_VALUE), Value.of(2.5), Value.of(-1e-7), Value.of(""), Value.of("ünïcode \"q\" \\ \n"),
                Value.list(), Value.list(Value.of(1L), Value.list(Value.of("x")), Value.of(false)),
                Scope.of(ScopeKind.FILE, "fn:parse", List.of(Path.of("/nonexistent-ws/a.rs"))),
                new Scope(ScopeKind.GLOB, "*.x", List.of(), false));
        for (Value v : values) {
            String text = ValueCodec.encodeToString(v);
            assertEquals(v, value(text), text);
        }
    }

    // ------------------------------------------------------------ decoding values: accepted

    @Test
    void rawPrimitivesAndArraysAreAccepted() throws Exception {
        assertEquals(Value.NULL, value("null"));
        assertEquals(Value.of(true), value("true"));
        assertEquals(Value.of(42L), value("42"));
        assertEquals(Value.of(-7L), value("-7"));
        assertEquals(Value.of(9.223372036854775808E18), value("9223372036854775808"), "above i64 becomes a float");
        assertEquals(Value.of(3.0), value("3.0"), "a number with a fraction part is a float, as serde_json");
        assertEquals(Value.of(2.5), value("2.5"));
        assertEquals(Value.of("s"), value("\"s\""));
        assertEquals(Value.list(Value.of(1L), Value.of("a"), Value.list(Value.of(true))), value("[1,\"a\",[true]]"),
                "raw arrays are lists (upstream's documentation promises it)");
    }

    @Test
    void taggedValuesAreAcceptedFirstTagWinning() throws Exception {
        assertEquals(Value.of("a"), value("{\"Int\":1,\"String\":\"a\"}"), "String is tried before Int");
        assertEquals(Value.of(42L), value("{\"Int\":42,\"extra\":\"ignored\"}"));
        assertEquals(Value.of(2.0), value("{\"Float\":2}"));
        assertEquals(Value.of(true), value("{\"Bool\":true}"));
        assertEquals(Value.list(Value.of(1L), Value.of(2.5)), value("{\"List\":[{\"Int\":1},2.5]}"));
    }

    @Test
    void scopesAcceptAbsoluteRelativeAndMissingFields() throws Exception {
        Scope s = (Scope) value("{\"Scope\":{\"kind\":{\"Folder\":\"plugins\"},"
                + "\"paths\":[\"plugins/a.txt\",\"/nonexistent-ws/./b/../c.txt\"],\"resolved\":true}}");
        assertEquals(ScopeKind.FOLDER, s.kind());
        assertEquals("plugins", s.argument());
        assertEquals(List.of(Path.of("/nonexistent-ws/plugins/a.txt"), Path.of("/nonexistent-ws/c.txt")), s.paths());
        assertTrue(s.resolved());

        Scope empty = (Scope) value("{\"Scope\":{}}");
        assertEquals(new Scope(ScopeKind.FILE, "", List.of(), false), empty, "upstream's defaults");
        Scope glob = (Scope) value("{\"Scope\":{\"kind\":{\"Glob\":\"*.md\"},\"paths\":null}}");
        assertEquals(ScopeKind.GLOB, glob.kind());
        assertFalse(glob.resolved());
    }

    // ------------------------------------------------------------ decoding values: rejected with typed errors

    @Test
    void wrongPayloadsAreTypedErrorsNamingLibraryFunctionAndFragment() {
        LibraryError e = valueError("{\"Int\":\"x\"}");
        assertEquals("E508", e.code());
        assertEquals("Library 'sample', function 'count': cannot convert the reply to a value: {\"Int\":\"x\"}: "
                + "the Int payload must be an integer", e.message());
        assertTrue(valueError("{\"Int\":3.7}").message().endsWith("{\"Int\":3.7}: the Int payload must be an integer"));
        assertTrue(valueError("{\"Int\":18446744073709551616}").message().endsWith("does not fit in 64 bits"));
        assertTrue(valueError("{\"String\":5}").message().endsWith("{\"String\":5}: the String payload must be a string"));
        assertTrue(valueError("{\"Float\":\"1\"}").message().endsWith("the Float payload must be a number"));
        assertTrue(valueError("{\"Bool\":\"y\"}").message().endsWith("{\"Bool\":\"y\"}: the Bool payload must be true or false"));
        assertTrue(valueError("{\"List\":5}").message().endsWith("{\"List\":5}: the List payload must be an array"));
        assertTrue(valueError("{\"Scope\":[]}").message().endsWith("the Scope payload must be an object"));
    }

    @Test
    void badScopeFieldsAreTypedErrors() {
        assertTrue(valueError("{\"Scope\":{\"paths\":[\"a\",1]}}").message()
                .endsWith(": 1: a scope path must be a string"), "upstream dropped it silently");
        assertTrue(valueError("{\"Scope\":{\"paths\":\"a\"}}").message().endsWith("the scope paths must be an array of strings"));
        assertTrue(valueError("{\"Scope\":{\"kind\":\"Folder\"}}").message()
                .endsWith("the scope kind is the bare string \"Folder\"; it must be a tag with its text, such as "
                        + "{\"Folder\": \"src\"} (File, Folder or Glob; in Rust, a serde enum without "
                        + "#[serde(untagged)])"));
        assertTrue(valueError("{\"Scope\":{\"kind\":3}}").message()
                .endsWith("the scope kind must be {\"File\"|\"Folder\"|\"Glob\": \"...\"}"));
        assertTrue(valueError("{\"Scope\":{\"kind\":{\"Dir\":\"x\"}}}").message()
                .endsWith("the scope kind must be {\"File\"|\"Folder\"|\"Glob\": \"...\"}"));
        assertTrue(valueError("{\"Scope\":{\"kind\":{\"File\":3}}}").message()
                .endsWith("the scope kind's File must be a string"));
        assertTrue(valueError("{\"Scope\":{\"resolved\":\"yes\"}}").message()
                .endsWith("the scope's resolved must be true or false"));
        assertTrue(valueError("{\"Scope\":{\"paths\":[\"a\\u0000b\"]}}").message().contains("not a valid path"));
    }

    @Test
    void unknownTagsAndConnectionPointsAreRejected() {
        assertEquals("E508", valueError("{\"ConnectionPoint\":{\"name\":\"a\",\"kind\":\"b\",\"data\":{}}}").code());
        assertTrue(valueError("{\"ConnectionPoint\":{}}").message().endsWith("a plugin cannot return a ConnectionPoint"));
        assertTrue(valueError("{\"Null\":null}").message()
                .endsWith("{\"Null\":null}: unknown tag (expected String, Int, Float, Bool, List or Scope)"));
        assertEquals("E508", valueError("{}").code());
        assertTrue(valueError("[1,{\"Int\":\"x\"}]").message().contains("{\"Int\":\"x\"}"),
                "the fragment is the bad element, not the whole reply");
    }

    @Test
    void longFragmentsAreTruncated() {
        String big = "{\"Int\":\"" + "x".repeat(1000) + "\"}";
        String m = valueError(big).message();
        assertTrue(m.contains("..."), m);
        assertTrue(m.length() < 400, m);
    }

    @Test
    void invalidJsonTextIsReportedWithTheGivenCode() {
        LibraryException e = assertThrows(LibraryException.class, () -> ValueCodec.parse("{\"a\":", "E506"));
        assertEquals("E506", e.code());
        assertTrue(e.error().message().startsWith("Invalid JSON: "));
        assertEquals("E506", assertThrows(LibraryException.class, () -> ValueCodec.parse("1 2", "E506")).code(),
                "trailing data is rejected");
    }

    // ------------------------------------------------------------ check results

    @ParameterizedTest
    @ValueSource(strings = {"{\"Pass\":null}", "{\"Pass\":5}", "{\"Pass\":null,\"Fail\":\"x\"}", "{\"result\":\"pass\"}",
            "{\"result\":\"pass\",\"Error\":\"e\"}", "\"pass\"", "\"PASS\"", "\"ok\"", "\"OK\"", "\"true\"", "\"TRUE\""})
    void passShapes(String reply) throws Exception {
        assertTrue(check(reply).isPass(), reply);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"Fail\":\"Too many files: 2 > 1\"}|Too many files: 2 > 1",
            "{\"Fail\":null}|''",
            "{\"Fail\":\"f\",\"Error\":\"e\"}|f",
            "{\"result\":\"fail\"}|Check failed",
            "{\"result\":\"fail\",\"message\":\"m\"}|m",
            "\"fail\"|Check failed",
            "\"False\"|Check failed",
            "\"weird\"|weird"})
    void failShapes(String reply, String message) throws Exception {
        CheckResult r = check(reply);
        assertTrue(r.isFail(), reply);
        assertEquals(message, r.message());
    }

    @Test
    void errorShapesGetTheUncodedCode() throws Exception {
        CheckResult e = check("{\"Error\":\"boom\"}");
        assertEquals(CheckResult.error(LibraryError.UNCODED, "boom"), e);
        assertEquals(CheckResult.error("E230", "Check error"), check("{\"result\":\"error\"}"));
        assertEquals(CheckResult.error("E230", "x"), check("{\"result\":\"error\",\"message\":\"x\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "42", "[]", "null", "{}", "{\"result\":\"maybe\"}", "{\"result\":5}"})
    void otherShapesAreE509(String reply) {
        LibraryError e = checkError(reply);
        assertEquals("E509", e.code());
        assertTrue(e.message().startsWith("Library 'sample', check 'verify': cannot convert the reply to a check result: "),
                e.message());
    }

    @Test
    void wrongMessageTypesAreE509() {
        assertTrue(checkError("{\"Fail\":5}").message().endsWith("{\"Fail\":5}: the Fail message must be a string"));
        assertTrue(checkError("{\"Error\":[]}").message().endsWith("the Error message must be a string"));
        assertTrue(checkError("{\"result\":\"fail\",\"message\":3}").message().endsWith("the message message must be a string"));
    }

    // ------------------------------------------------------------ documentation

    @Test
    void docRepliesDecodeWithUpstreamDefaults() throws Exception {
        LibraryDoc doc = ValueCodec.decodeDoc(json("{\"name\":\"sample\",\"description\":\"A sample\","
                + "\"functions\":[{\"name\":\"simple_selector\",\"description\":\"d\",\"parameters\":[{\"name\":\"path\","
                + "\"type\":\"string\",\"description\":\"p\"}],\"return_type\":\"Scope\",\"example\":\"scope s = sample.simple_selector('x')\"}],"
                + "\"checks\":[{\"name\":\"always_pass\",\"parameters\":[{\"name\":\"s\"}]},{\"name\":\"loose\"}]}"), "configured");
        assertEquals("sample", doc.name(), "the name comes from the reply");
        assertEquals("A sample", doc.description());
        assertEquals("", doc.version(), "a missing version is empty");
        FunctionDoc sel = doc.selector("simple_selector").orElseThrow();
        assertEquals(List.of(new ParameterDoc("path", "string", "p")), sel.parameters());
        assertEquals("Scope", sel.returnType());
        assertEquals("scope s = sample.simple_selector('x')", sel.example());
        assertTrue(sel.arityKnown());
        FunctionDoc pass = doc.check("always_pass").orElseThrow();
        assertEquals(new ParameterDoc("s", "any", ""), pass.parameters().get(0), "a missing type is 'any'");
        assertNull(pass.example());
        assertEquals("", pass.returnType());
        assertFalse(doc.check("loose").orElseThrow().arityKnown(), "no parameter list: arity unknown");
        assertEquals(FunctionKind.CHECK, doc.kindOf("always_pass").orElseThrow());
        assertEquals(FunctionKind.SELECTOR, doc.kindOf("simple_selector").orElseThrow());
        assertTrue(doc.kindOf("nope").isEmpty());
        assertEquals(List.of("simple_selector", "always_pass", "loose"), doc.allNames());

        assertEquals("configured", ValueCodec.decodeDoc(json("{}"), "configured").name());
    }

    @Test
    void badDocRepliesAreErrors() {
        assertEquals("E508", assertThrows(LibraryException.class,
                () -> ValueCodec.decodeDoc(json("[]"), "lib")).code());
        LibraryException e = assertThrows(LibraryException.class,
                () -> ValueCodec.decodeDoc(json("{\"functions\":[{\"description\":\"no name\"}]}"), "lib"));
        assertTrue(e.error().message().startsWith("Library 'lib', library.doc: cannot read the reply: "), e.getMessage());
        assertTrue(e.error().message().endsWith("a function needs a string 'name'"));
        assertThrows(LibraryException.class, () -> ValueCodec.decodeDoc(json("{\"version\":1}"), "lib"));
        assertThrows(LibraryException.class, () -> ValueCodec.decodeDoc(json("{\"checks\":{}}"), "lib"));
        assertThrows(LibraryException.class,
                () -> ValueCodec.decodeDoc(json("{\"checks\":[{\"name\":\"c\",\"parameters\":[{\"type\":\"x\"}]}]}"), "lib"));
        assertThrows(LibraryException.class,
                () -> ValueCodec.decodeDoc(json("{\"checks\":[{\"name\":\"c\",\"example\":5}]}"), "lib"));
    }

    @Test
    void metadataListsNamesOnly() throws Exception {
        LibraryDoc doc = ValueCodec.decodeMetadata(json("{\"name\":\"sample\",\"version\":\"1.0\","
                + "\"functions\":[\"simple_selector\"],\"checks\":[\"always_pass\",\"file_count_check\"]}"), "sample");
        assertEquals("1.0", doc.version());
        assertEquals(List.of("simple_selector", "always_pass", "file_count_check"), doc.allNames());
        assertFalse(doc.selector("simple_selector").orElseThrow().arityKnown());
        LibraryException e = assertThrows(LibraryException.class,
                () -> ValueCodec.decodeMetadata(json("{\"functions\":[1]}"), "sample"));
        assertTrue(e.error().message().startsWith("Library 'sample', library.metadata: cannot read the reply: 1: "));
    }
}
