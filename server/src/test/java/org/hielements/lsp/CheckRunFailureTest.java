package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Value;
import org.hielements.service.LibraryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A check run that dies of an internal failure is said (log and a diagnostic), never vanishes silently. */
class CheckRunFailureTest {
    @TempDir
    Path root;

    /** A library whose check recurses without end: a real StackOverflowError, which no catch of exceptions stops. */
    static final class Recursing implements Library {
        @Override
        public String name() {
            return "deep";
        }

        @Override
        public LibraryKind kind() {
            return LibraryKind.PROCESS;
        }

        @Override
        public Value call(String function, List<Value> args, CallContext context) throws LibraryException {
            throw new LibraryException("E230", "no selectors");
        }

        @Override
        public CheckResult check(String function, List<Value> args, CallContext context) {
            return new CheckResult.Pass().equals(down(0)) ? new CheckResult.Pass() : null;
        }

        private static Object down(int n) {
            return n == Integer.MIN_VALUE ? null : down(n + 1);
        }

        @Override
        public Optional<LibraryDoc> knownFunctions() {
            return Optional.of(new LibraryDoc("deep", "Recurses.", "1.0.0", List.of(),
                    List.of(new FunctionDoc("dive", "Recurses until the stack ends.", List.of(), "CheckResult",
                            null))));
        }

        @Override
        public LibraryDoc documentation() {
            return knownFunctions().orElseThrow();
        }
    }

    @Test
    void aRunThatDiesIsReportedOnTheDocumentAndInTheLog() throws Exception {
        LibraryLoader loader = (r, allowProcess) -> {
            LibraryRegistry registry = LibraryRegistry.withBuiltins();
            registry.register(new Recursing());
            return new LibraryLoader.Loaded(registry, null, List.of());
        };
        try (LogRecorder log = LogRecorder.install(); LspHarness lsp = LspHarness.start(root, p -> {
        }, loader)) {
            int mark = lsp.client.mark();
            String uri = lsp.open("a.hie", "element a:\n    check deep.dive()\n");
            PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri, mark,
                    d -> d.getDiagnostics().stream().anyMatch(x -> "E232".equals(x.getCode().getLeft())));
            var d = p.getDiagnostics().stream().filter(x -> "E232".equals(x.getCode().getLeft())).findFirst()
                    .orElseThrow();
            assertEquals("The checks did not run to the end: internal error (stack overflow); see the server log",
                    d.getMessage().getLeft());
            assertEquals(0, d.getRange().getStart().getLine());
            assertTrue(log.problems().stream().anyMatch(x -> x.contains("running the checks of " + uri + " failed")
                    && x.contains("StackOverflowError")), log.problems().toString());
            // the server goes on: a later request is answered
            assertEquals(1, lsp.completion(uri, new org.eclipse.lsp4j.Position(1, 15)).stream()
                    .filter(c -> c.getLabel().equals("dive")).count());
        }
    }
}
