package org.hielements.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.ParameterDoc;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;

/**
 * A test library {@code t}: selector {@code sel(name)} gives a scope {@code File(name)} holding
 * {@code <workspace>/name}, {@code broken(msg)} fails with code E900; checks {@code ok(x...)} passes,
 * {@code no(x...)} fails with "no: " and the arguments, {@code args(x...)} passes and records its arguments. Counts
 * every call by function and first argument.
 */
class CountingLibrary implements Library {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<List<Value>> recorded = new ArrayList<>();

    @Override
    public String name() {
        return "t";
    }

    @Override
    public LibraryKind kind() {
        return LibraryKind.PROCESS;
    }

    int calls(String function, String firstArg) {
        AtomicInteger n = calls.get(function + "(" + firstArg + ")");
        return n == null ? 0 : n.get();
    }

    private void count(String function, List<Value> args) {
        String first = args.isEmpty() ? "" : args.get(0).asString().orElse(args.get(0).display());
        calls.computeIfAbsent(function + "(" + first + ")", k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public Value call(String function, List<Value> args, CallContext context) throws LibraryException {
        count(function, args);
        switch (function) {
            case "sel": {
                String name = args.get(0).asString().orElseThrow();
                Path p = context.workspace().root().resolve(name);
                return Scope.of(ScopeKind.FILE, name, List.of(p));
            }
            case "broken":
                throw new LibraryException("E900", "broken: " + args.get(0).asString().orElse("?"));
            default:
                throw new LibraryException("E999", "Unknown function: t." + function);
        }
    }

    @Override
    public CheckResult check(String function, List<Value> args, CallContext context) throws LibraryException {
        count(function, args);
        switch (function) {
            case "ok":
                return CheckResult.pass();
            case "args":
                synchronized (recorded) {
                    recorded.add(List.copyOf(args));
                }
                return CheckResult.pass();
            case "no": {
                StringBuilder sb = new StringBuilder("no:");
                for (Value v : args) sb.append(' ').append(v.display());
                return CheckResult.fail(sb.toString());
            }
            default:
                throw new LibraryException("E999", "Unknown check: t." + function);
        }
    }

    @Override
    public Optional<LibraryDoc> knownFunctions() {
        return Optional.of(documentation());
    }

    @Override
    public LibraryDoc documentation() {
        ParameterDoc s = new ParameterDoc("name", "string", "");
        return new LibraryDoc("t", "test", "1", List.of(
                new FunctionDoc("sel", "", List.of(s), "Scope", null),
                new FunctionDoc("broken", "", List.of(s), "Scope", null)), List.of(
                new FunctionDoc("ok", "", List.of(), "CheckResult", null, false),
                new FunctionDoc("no", "", List.of(), "CheckResult", null, false),
                new FunctionDoc("args", "", List.of(), "CheckResult", null, false)));
    }
}
