package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.Library;
import org.hielements.library.LibraryError;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Scope;
import org.hielements.library.Value;
import org.hielements.library.Workspace;

/** Calling built-ins the way the evaluator will: through the registry, with one workspace per run. */
abstract class BuiltinTestSupport {
    private static final LibraryRegistry REGISTRY = LibraryRegistry.withBuiltins();

    Workspace ws;

    void workspace(Path root) {
        ws = Workspace.of(root);
    }

    /** The committed fixture {@code test-fixtures/workspaces/builtins/<name>}. */
    static Path fixture(String name) {
        String base = System.getProperty("hielements.fixtures", "../test-fixtures");
        return Path.of(base, "workspaces", "builtins", name).toAbsolutePath().normalize();
    }

    static Library lib(String name) {
        return REGISTRY.get(name).orElseThrow();
    }

    CallContext ctx() {
        return CallContext.of(ws);
    }

    Value call(String library, String function, Value... args) throws LibraryException {
        return lib(library).call(function, Arrays.asList(args), ctx());
    }

    Scope scope(String library, String function, Value... args) throws LibraryException {
        return (Scope) call(library, function, args);
    }

    CheckResult check(String library, String function, Value... args) throws LibraryException {
        return lib(library).check(function, Arrays.asList(args), ctx());
    }

    LibraryError callError(String library, String function, Value... args) {
        return assertThrows(LibraryException.class, () -> call(library, function, args)).error();
    }

    LibraryError checkError(String library, String function, Value... args) {
        return assertThrows(LibraryException.class, () -> check(library, function, args)).error();
    }

    /** The scope's paths relative to the workspace. */
    List<String> rel(Scope s) {
        return new ArrayList<>(s.displayPaths(ws));
    }

    static Value s(String text) {
        return Value.of(text);
    }

    static Value n(long i) {
        return Value.of(i);
    }

    static void assertPass(CheckResult r, String... why) {
        assertEquals(CheckResult.pass(), r, String.join(" ", why));
    }

    static void assertFail(String message, CheckResult r, String... why) {
        assertEquals(CheckResult.fail(message), r, String.join(" ", why));
    }

    static void assertError(String code, String message, LibraryError e, String... why) {
        assertEquals(new LibraryError(code, message), e, String.join(" ", why));
    }
}
