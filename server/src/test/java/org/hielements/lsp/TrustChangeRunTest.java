package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonParser;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryKind;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Value;
import org.hielements.service.LibraryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An editor that trusts the workspace sends the new settings and asks for a run at once (VS Code's extension does).
 * The run waits for the library reloads queued before it, so it never runs with the untrusted libraries, even while an
 * earlier reload (here a slow one, asked for just before) still holds the reloading thread. Before, the run could take
 * the folder before the trusted reload did and answer with the old libraries: the editor's status bar then kept the
 * untrusted summary (seen once in four runs of the VS Code end-to-end test).
 */
class TrustChangeRunTest {
    @TempDir
    Path root;

    /** {@code gate.open()}: passes when the libraries were loaded trusted, an error otherwise. */
    private static final class Gate implements Library {
        private final boolean trusted;

        Gate(boolean trusted) {
            this.trusted = trusted;
        }

        @Override
        public String name() {
            return "gate";
        }

        @Override
        public LibraryKind kind() {
            return LibraryKind.PROCESS;
        }

        @Override
        public Value call(String function, List<Value> args, CallContext ctx) {
            throw new UnsupportedOperationException(function);
        }

        @Override
        public CheckResult check(String function, List<Value> args, CallContext ctx) {
            return trusted ? CheckResult.pass() : CheckResult.error("E532", "the workspace is not trusted");
        }

        @Override
        public Optional<LibraryDoc> knownFunctions() {
            return Optional.of(new LibraryDoc("gate", "Trust.", "1.0.0", List.of(),
                    List.of(new FunctionDoc("open", "Passes when trusted.", List.of(), "CheckResult", null))));
        }

        @Override
        public LibraryDoc documentation() {
            return knownFunctions().orElseThrow();
        }
    }

    private static Object command(LspHarness lsp, String command) throws Exception {
        return lsp.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(command, List.of()))
                .get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
    }

    @Test
    void aRunAskedRightAfterTheTrustChangeUsesTheReloadedLibraries() throws Exception {
        Files.writeString(root.resolve("a.hie"), "element a:\n    check gate.open()\n");
        AtomicInteger loads = new AtomicInteger();
        LibraryLoader loader = (r, allowProcess) -> {
            if (loads.incrementAndGet() > 1) {
                try {
                    Thread.sleep(700);            // a slow reload: plugins starting
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            LibraryRegistry registry = LibraryRegistry.withBuiltins();
            registry.register(new Gate(allowProcess));
            return new LibraryLoader.Loaded(registry, null, List.of());
        };
        try (LspHarness lsp = LspHarness.start(root, p -> p.getCapabilities().getWorkspace().setConfiguration(false),
                loader)) {
            lsp.open("a.hie", "element a:\n    check gate.open()\n");
            Map<?, ?> untrusted = (Map<?, ?>) command(lsp, "hielements.runChecks");
            assertEquals(1, ((Number) untrusted.get("errors")).intValue(), untrusted.toString());

            command(lsp, "hielements.reloadLibraries");      // a reload (still untrusted) that takes a while
            lsp.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"trustedWorkspace\": true}")));
            Map<?, ?> trusted = (Map<?, ?>) command(lsp, "hielements.runChecks");
            assertEquals(1, ((Number) trusted.get("passed")).intValue(), trusted.toString());
            assertEquals(0, ((Number) trusted.get("errors")).intValue(), trusted.toString());
        }
    }
}
