package org.hielements.lsp;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Value;
import org.hielements.service.LibraryLoader;

/**
 * A {@code hielements lsp} for process tests: the real stdio launcher, with a library loader that misbehaves the way
 * plugins may (prints to standard output) and holds a child process, as a process plugin does, so a test can see that
 * stdout stays clean and that the child dies with the server.
 */
public final class StdioProbe {
    private StdioProbe() {}

    public static void main(String[] args) {
        LibraryLoader loader = (root, allowProcess) -> {
            LibraryRegistry registry = LibraryRegistry.withBuiltins();
            System.out.println("NOISE FROM A PLUGIN ON STDOUT");
            System.out.flush();
            registry.register(new ChildProcessLibrary());
            return new LibraryLoader.Loaded(registry, null, List.of());
        };
        int code = org.hielements.lsp.ServerLauncher.runStdio(new ServerOptions(loader, c -> {
        }));
        System.exit(code);
    }

    /** A library that owns a child process (like a process plugin) and stops it on close. */
    static final class ChildProcessLibrary implements Library {
        private final Process child;

        ChildProcessLibrary() {
            try {
                child = new ProcessBuilder("sleep", "300").start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            PrintStream err = System.err;
            err.println("PLUGIN_PID=" + child.pid());
            err.flush();
        }

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public LibraryKind kind() {
            return LibraryKind.PROCESS;
        }

        @Override
        public Value call(String function, List<Value> args, CallContext context) throws LibraryException {
            throw new LibraryException("E230", "probe has no functions");
        }

        @Override
        public CheckResult check(String function, List<Value> args, CallContext context) throws LibraryException {
            throw new LibraryException("E230", "probe has no functions");
        }

        @Override
        public Optional<LibraryDoc> knownFunctions() {
            return Optional.empty();
        }

        @Override
        public LibraryDoc documentation() {
            return LibraryDoc.minimal("probe");
        }

        @Override
        public void close() {
            child.destroyForcibly();
        }
    }
}
