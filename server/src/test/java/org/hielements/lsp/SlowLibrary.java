package org.hielements.lsp;

import java.util.List;
import java.util.Optional;
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

/**
 * A library whose check {@code slow.wait()} takes {@code millis} (as a slow or hanging plugin does) and then passes;
 * for tests of background check runs, progress and cancellation.
 */
final class SlowLibrary implements Library {
    private final long millis;

    SlowLibrary(long millis) {
        this.millis = millis;
    }

    /** Built-ins plus {@code slow}. */
    static LibraryLoader loader(long millis) {
        return (root, allowProcess) -> {
            LibraryRegistry r = LibraryRegistry.withBuiltins();
            r.register(new SlowLibrary(millis));
            return new LibraryLoader.Loaded(r, null, List.of());
        };
    }

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public LibraryKind kind() {
        return LibraryKind.PROCESS;
    }

    @Override
    public Value call(String function, List<Value> args, CallContext context) throws LibraryException {
        throw new LibraryException("E230", "slow has no selectors");
    }

    @Override
    public CheckResult check(String function, List<Value> args, CallContext context) throws LibraryException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LibraryException("E230", "interrupted");
        }
        return new CheckResult.Pass();
    }

    @Override
    public Optional<LibraryDoc> knownFunctions() {
        return Optional.of(new LibraryDoc("slow", "A slow library for tests.", "1.0.0", List.of(),
                List.of(new FunctionDoc("wait", "Waits, then passes.", List.of(), "CheckResult", null))));
    }

    @Override
    public LibraryDoc documentation() {
        return knownFunctions().orElseThrow();
    }
}
