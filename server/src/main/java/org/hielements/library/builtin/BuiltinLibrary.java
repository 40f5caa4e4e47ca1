package org.hielements.library.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryError;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.ParameterDoc;
import org.hielements.library.Value;
import org.hielements.library.Workspace;

/**
 * Common frame of the built-ins: a table of selectors and checks, each registered with its documentation, so the
 * function list, the dispatch and the catalog can never disagree. Stateless: everything a run shares lives in the
 * {@link Workspace}.
 */
abstract class BuiltinLibrary implements Library {
    /** Built-ins answer from the workspace alone: the same product version, the same answers. */
    @Override
    public String cacheIdentity() {
        return "builtin:" + name() + ":" + org.hielements.library.ProductVersion.get();
    }

    private static final Logger LOG = Logger.getLogger(BuiltinLibrary.class.getName());

    @FunctionalInterface
    interface Selector {
        Value call(List<Value> args, Workspace ws) throws LibraryException;
    }

    @FunctionalInterface
    interface Check {
        CheckResult check(List<Value> args, Workspace ws) throws LibraryException;
    }

    private final String name;
    private final String description;
    private final String unknownCode;
    private final Map<String, Selector> selectors = new LinkedHashMap<>();
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final List<FunctionDoc> selectorDocs = new ArrayList<>();
    private final List<FunctionDoc> checkDocs = new ArrayList<>();
    private volatile LibraryDoc doc;

    BuiltinLibrary(String name, String description, String unknownCode) {
        this.name = name;
        this.description = description;
        this.unknownCode = unknownCode;
    }

    /** Built-ins are at version 1.0.0, as upstream's. */
    static final String VERSION = "1.0.0";

    final void selector(FunctionDoc doc, Selector impl) {
        selectors.put(doc.name(), impl);
        selectorDocs.add(doc);
    }

    final void check(FunctionDoc doc, Check impl) {
        checks.put(doc.name(), impl);
        checkDocs.add(doc);
    }

    static FunctionDoc doc(String name, String description, String returnType, String example, ParameterDoc... params) {
        return new FunctionDoc(name, description, List.of(params), returnType, example);
    }

    static ParameterDoc param(String name, String type, String description) {
        return new ParameterDoc(name, type, description);
    }

    /** Message of an unknown selector name: {@code "Unknown function: files.x"}. */
    abstract String unknownSelectorMessage(String function);

    /** Message of an unknown check name: {@code "Unknown check function: files.x"} or {@code "Unknown check: rust.x"}. */
    abstract String unknownCheckMessage(String function);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final LibraryKind kind() {
        return LibraryKind.BUILTIN;
    }

    @Override
    public final Value call(String function, List<Value> args, CallContext context) throws LibraryException {
        Selector s = selectors.get(function);
        if (s == null) throw new LibraryException(unknownCode, unknownSelectorMessage(function));
        try {
            return s.call(args, context.workspace());
        } catch (Workspace.FileTooLarge e) {
            throw new LibraryException(e.error());
        } catch (RuntimeException e) {
            throw internal(function, e);
        }
    }

    @Override
    public final CheckResult check(String function, List<Value> args, CallContext context) throws LibraryException {
        Check c = checks.get(function);
        if (c == null) throw new LibraryException(unknownCode, unknownCheckMessage(function));
        try {
            return c.check(args, context.workspace());
        } catch (Workspace.FileTooLarge e) {
            throw new LibraryException(e.error());
        } catch (RuntimeException e) {
            throw internal(function, e);
        }
    }

    private LibraryException internal(String function, RuntimeException e) {
        LOG.log(Level.WARNING, name + "." + function + " failed unexpectedly", e);
        return new LibraryException(LibraryError.UNCODED,
                name + "." + function + " failed unexpectedly: " + e);
    }

    @Override
    public final Optional<LibraryDoc> knownFunctions() {
        return Optional.of(documentation());
    }

    @Override
    public final LibraryDoc documentation() {
        LibraryDoc d = doc;
        if (d == null) {
            d = new LibraryDoc(name, description, VERSION, selectorDocs, checkDocs);
            doc = d;
        }
        return d;
    }

    @Override
    public String toString() {
        return "builtin:" + name;
    }
}
