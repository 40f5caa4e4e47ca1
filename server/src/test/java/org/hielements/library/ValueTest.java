package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void displayPrintsValuesAsUpstreamCheckText() {
        assertEquals("8080", Value.of(8080L).display());
        assertEquals("-5", Value.of(-5L).display());
        assertEquals("2.5", Value.of(2.5).display());
        assertEquals("10", Value.of(10.0).display());
        assertEquals("100000000000000000000", Value.of(1e20).display());
        assertEquals("0.0001", Value.of(1e-4).display());
        assertEquals("0.1", Value.of(0.1).display());
        assertEquals("NaN", Value.of(Double.NaN).display());
        assertEquals("inf", Value.of(Double.POSITIVE_INFINITY).display());
        assertEquals("'src'", Value.of("src").display());
        assertEquals("'it's'", Value.of("it's").display(), "decoded text, not re-escaped");
        assertEquals("true", Value.of(true).display());
        assertEquals("null", Value.NULL.display());
        assertEquals("[1, 'a', [2.5]]", Value.list(Value.of(1L), Value.of("a"), Value.list(Value.of(2.5))).display());
        assertEquals("[]", Value.list().display());
        assertEquals("Folder('src')", Scope.empty(ScopeKind.FOLDER, "src").display());
        assertEquals("p", new ConnectionPoint("p", "k", Map.of()).display());
    }

    @Test
    void numberLiteralsBecomeIntWhenWhole() {
        assertEquals(Value.of(8080L), Value.number(8080.0));
        assertEquals(Value.of(2.5), Value.number(2.5));
        assertEquals(Value.of(-3L), Value.number(-3.0));
        assertInstanceOf(Value.FloatValue.class, Value.number(1e19), "beyond long stays a float");
        assertInstanceOf(Value.FloatValue.class, Value.number(Double.NaN));
    }

    @Test
    void accessorsAreStrictExceptAsIntWhichTruncatesFloats() {
        assertEquals("x", Value.of("x").asString().orElseThrow());
        assertTrue(Value.of(1L).asString().isEmpty());
        assertEquals(3L, Value.of(3.9).asInt().getAsLong());
        assertEquals(-3L, Value.of(-3.9).asInt().getAsLong());
        assertEquals(Long.MAX_VALUE, Value.of(1e30).asInt().getAsLong(), "saturating");
        assertEquals(0L, Value.of(Double.NaN).asInt().getAsLong());
        assertTrue(Value.of("3").asInt().isEmpty());
        assertEquals(true, Value.of(true).asBool().orElseThrow());
        assertTrue(Value.of(1L).asBool().isEmpty());
        assertTrue(Value.of("x").asScope().isEmpty());
        Scope s = Scope.empty(ScopeKind.GLOB, "*.rs");
        assertEquals(s, s.asScope().orElseThrow());
        assertEquals(List.of(Value.of(1L)), Value.list(Value.of(1L)).asList().orElseThrow());
    }

    @Test
    void typeNamesMatchTheLanguageBasicTypes() {
        assertEquals("integer", Value.of(1L).typeName());
        assertEquals("float", Value.of(1.5).typeName());
        assertEquals("string", Value.of("").typeName());
        assertEquals("boolean", Value.of(false).typeName());
        assertEquals("list", Value.list().typeName());
        assertEquals("scope", Scope.empty(ScopeKind.FILE, "").typeName());
        assertEquals("null", Value.NULL.typeName());
    }

    @Test
    void scopePathsAreAbsoluteAndNormalized() {
        Scope s = Scope.of(ScopeKind.FOLDER, "src", List.of(Path.of("/ws/./src/../src/a.rs")));
        assertEquals(List.of(Path.of("/ws/src/a.rs")), s.paths());
        assertTrue(s.resolved());
        assertFalse(s.isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> Scope.of(ScopeKind.FILE, "a", List.of(Path.of("relative/a.rs"))));
        Workspace ws = Workspace.of(Path.of("/ws"));
        assertEquals(List.of("src/a.rs"), s.displayPaths(ws));
    }

    @Test
    void checkResultsCarryMessagesAndErrors() {
        assertTrue(CheckResult.pass().isPass());
        assertEquals("", CheckResult.pass().message());
        CheckResult f = CheckResult.fail("nope");
        assertTrue(f.isFail());
        assertEquals("nope", f.message());
        CheckResult e = CheckResult.error("E115", "Invalid glob pattern: a[");
        assertTrue(e.isError());
        assertEquals("E115", ((CheckResult.Error) e).code());
        assertEquals("Invalid glob pattern: a[", e.message());
        LibraryException ex = new LibraryError("E100", "m").exception();
        assertEquals("E100", ex.code());
        assertEquals("E100: m", ex.getMessage());
    }
}
