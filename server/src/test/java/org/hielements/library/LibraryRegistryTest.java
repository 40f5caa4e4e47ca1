package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class LibraryRegistryTest {

    /** A minimal plugin-like library for registry tests. */
    private static final class FakePlugin implements Library {
        final String name;
        final AtomicInteger closed = new AtomicInteger();

        FakePlugin(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public LibraryKind kind() {
            return LibraryKind.PROCESS;
        }

        @Override
        public Value call(String function, List<Value> args, CallContext context) throws LibraryException {
            throw new LibraryException("E-32601", "no " + function);
        }

        @Override
        public CheckResult check(String function, List<Value> args, CallContext context) {
            return CheckResult.pass();
        }

        @Override
        public Optional<LibraryDoc> knownFunctions() {
            return Optional.empty();
        }

        @Override
        public LibraryDoc documentation() {
            return LibraryDoc.minimal(name);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void builtinsAreRegisteredByDefault() {
        LibraryRegistry r = LibraryRegistry.withBuiltins();
        assertEquals(List.of("files", "python", "rust"), r.names());
        for (String n : r.names()) {
            Library lib = r.get(n).orElseThrow();
            assertEquals(LibraryKind.BUILTIN, lib.kind());
            assertTrue(r.isBuiltin(n));
            assertTrue(lib.knownFunctions().isPresent(), "built-in function lists are always known");
            assertEquals("1.0.0", lib.documentation().version());
        }
        assertTrue(LibraryRegistry.empty().names().isEmpty());
    }

    @Test
    void aPluginShadowingABuiltinIsRefusedAndTheBuiltinWins() {
        LibraryRegistry r = LibraryRegistry.withBuiltins();
        Library builtin = r.get("files").orElseThrow();
        FakePlugin plugin = new FakePlugin("files");
        LibraryError e = r.register(plugin).orElseThrow();
        assertEquals("E515", e.code());
        assertEquals("Library 'files' shadows a built-in library; the built-in 'files' is used", e.message());
        assertSame(builtin, r.get("files").orElseThrow());
        assertEquals(0, plugin.closed.get(), "the refused library stays its owner's to close");
    }

    @Test
    void pluginsAreAddedOnceRemovedAndClosed() {
        LibraryRegistry r = LibraryRegistry.withBuiltins();
        FakePlugin p = new FakePlugin("sample");
        assertTrue(r.register(p).isEmpty());
        assertEquals(List.of("files", "python", "rust", "sample"), r.names());
        assertFalse(r.isBuiltin("sample"));
        assertEquals("Library 'sample' is already registered; the first one is used",
                r.register(new FakePlugin("sample")).orElseThrow().message());
        assertEquals(List.of("files", "python", "rust", "sample"),
                r.documentation().stream().map(LibraryDoc::name).toList());
        assertFalse(r.unregister("files"), "built-ins cannot be removed");
        assertTrue(r.unregister("sample"));
        assertEquals(1, p.closed.get());
        assertFalse(r.has("sample"));
        FakePlugin q = new FakePlugin("q");
        r.register(q);
        r.close();
        assertEquals(1, q.closed.get());
    }

    @Test
    void builtinDispatchReportsUnknownFunctionsWithUpstreamCodes() {
        LibraryRegistry r = LibraryRegistry.withBuiltins();
        CallContext ctx = CallContext.of(Workspace.of(Path.of("/nonexistent-ws")));
        assertUnknown(r, ctx, "files", "nope", true, "E199", "Unknown function: files.nope");
        assertUnknown(r, ctx, "files", "nope", false, "E199", "Unknown check function: files.nope");
        assertUnknown(r, ctx, "files", "exists", true, "E199", "Unknown function: files.exists");
        assertUnknown(r, ctx, "files", "file_selector", false, "E199", "Unknown check function: files.file_selector");
        assertUnknown(r, ctx, "python", "nope", true, "E499", "Unknown function: python.nope");
        assertUnknown(r, ctx, "python", "nope", false, "E499", "Unknown check: python.nope");
        assertUnknown(r, ctx, "rust", "nope", true, "E399", "Unknown function: rust.nope");
        assertUnknown(r, ctx, "rust", "nope", false, "E399", "Unknown check: rust.nope");
    }

    private static void assertUnknown(LibraryRegistry r, CallContext ctx, String lib, String fn, boolean selector,
                                      String code, String message) {
        Library l = r.get(lib).orElseThrow();
        LibraryException e = assertThrows(LibraryException.class,
                () -> {
                    if (selector) l.call(fn, List.of(), ctx);
                    else l.check(fn, List.of(), ctx);
                });
        assertEquals(new LibraryError(code, message), e.error());
    }

    @Test
    void knownFunctionsTellSelectorsFromChecksWithArity() {
        LibraryDoc files = LibraryRegistry.withBuiltins().get("files").orElseThrow().knownFunctions().orElseThrow();
        assertEquals(Optional.of(FunctionKind.SELECTOR), files.kindOf("glob_selector"));
        assertEquals(Optional.of(FunctionKind.CHECK), files.kindOf("max_size"));
        assertEquals(2, files.check("max_size").orElseThrow().parameters().size());
        assertTrue(files.check("max_size").orElseThrow().arityKnown());
        assertEquals("max_size(scope: Scope, max_bytes: integer) -> CheckResult", files.check("max_size").orElseThrow().signature());
        LibraryDoc rust = LibraryRegistry.withBuiltins().get("rust").orElseThrow().knownFunctions().orElseThrow();
        assertEquals(7, rust.functions().size());
        assertEquals(14, rust.checks().size());
        LibraryDoc python = LibraryRegistry.withBuiltins().get("python").orElseThrow().knownFunctions().orElseThrow();
        assertEquals(3, python.functions().size());
        assertEquals(7, python.checks().size());
    }
}
