package org.hielements.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.Library;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Scope;
import org.hielements.library.Value;
import org.hielements.semantics.ContainerSymbol;
import org.hielements.semantics.Implementation;
import org.hielements.semantics.LibraryCall;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.ParameterSymbol;
import org.hielements.semantics.PlaceholderBinding;
import org.hielements.semantics.Resolution;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.Symbol;
import org.hielements.semantics.ValueNode;
import org.hielements.syntax.Ast;
import org.hielements.syntax.AstPrinter;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * The state of one run: every value computed so far (each once, on demand, its dependencies first), the diagnostics
 * found while computing them, and the evaluation of expressions and check calls through the libraries. Not
 * thread-safe: one run, one thread.
 */
final class Evaluation {
    private static final Logger LOG = Logger.getLogger(Evaluation.class.getName());
    private static final Object IN_PROGRESS = new Object();

    /** The basic types a {@code ref} annotation is checked against (LANGUAGE.md §2). */
    static final Set<String> BASIC_TYPES = Set.of("integer", "float", "string", "boolean", "list", "scope");

    /** Where an expression is evaluated: the body it is written in, the implementation, connection parameters. */
    record Ctx(ContainerSymbol container, Implementation implementation, Map<ParameterSymbol, Value> parameters) {
        Ctx {
            parameters = Map.copyOf(parameters);
        }

        static Ctx in(ContainerSymbol container) {
            return new Ctx(container, null, Map.of());
        }
    }

    private final SemanticModel model;
    private final LibraryRegistry registry;
    private final CallContext callContext;
    private final RunOptions options;
    private final Map<ValueNode, Object> memo = new HashMap<>();
    private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    /** What each value read (with what the values it needed read), when the run records inputs. */
    private final Map<ValueNode, org.hielements.library.Inputs> nodeInputs = new HashMap<>();
    /** The library identities of this run, asked once per library. */
    private final Map<String, String> identities = new HashMap<>();
    /** The diagnostics reported since {@link #capture} (null: not capturing). */
    private List<Diagnostic> captured;

    Evaluation(SemanticModel model, LibraryRegistry registry, CallContext callContext, RunOptions options) {
        this.model = model;
        this.registry = registry;
        this.callContext = callContext;
        this.options = options;
    }

    SemanticModel model() {
        return model;
    }

    List<Diagnostic> diagnostics() {
        return new ArrayList<>(diagnostics);
    }

    void report(Diagnostic d) {
        diagnostics.add(d);
        if (captured != null) captured.add(d);
    }

    /** Starts keeping every diagnostic reported (for a unit of incremental checking); returns the previous list. */
    List<Diagnostic> capture(List<Diagnostic> into) {
        List<Diagnostic> prev = captured;
        captured = into;
        return prev;
    }

    private void recordScopes(Value v) {
        if (v instanceof Scope s) {
            for (java.nio.file.Path p : s.paths()) callContext.workspace().recordPath(p);
        } else if (v instanceof Value.ListValue l) {
            for (Value x : l.items()) recordScopes(x);
        }
    }

    private org.hielements.library.Inputs recorder() {
        return callContext.workspace().recorder();
    }

    /**
     * Records the call of a library: its identity, or that the answer must not be reused. A plugin reads the files of
     * the scopes it is given itself: they are recorded as read.
     */
    private void recordLibrary(Library lib, String name, List<Value> args) {
        org.hielements.library.Inputs r = recorder();
        if (r == null) return;
        if (lib == null) {
            r.library(name, "missing");
            return;
        }
        if (lib.kind() != org.hielements.library.LibraryKind.BUILTIN) {
            for (Value a : args) recordScopes(a);
        }
        String id = identities.computeIfAbsent(name, n -> {
            String i = lib.cacheIdentity();
            return i != null && lib.deterministic() ? i : "";
        });
        r.library(name, id.isEmpty() ? null : id);
    }

    /** Every value computed (or failed) so far, by node. */
    Map<ValueNode, RunResult.Computed> values() {
        Map<ValueNode, RunResult.Computed> out = new HashMap<>();
        memo.forEach((node, state) -> {
            if (state instanceof Value v) {
                out.put(node, new RunResult.Computed(v, null));
            } else if (state instanceof Failed f) {
                out.put(node, new RunResult.Computed(null, f.root().equals(node) ? f.message()
                        : "depends on failed " + f.description()));
            }
        });
        return out;
    }

    /** Number of values computed (or failed) so far. */
    int computed() {
        return memo.size();
    }

    // ============================================================================================ values

    /** The value of {@code node}, computed on first use; a failure (here or in a value it needs) is thrown. */
    Value value(ValueNode node) throws EvalError {
        Object state = memo.get(node);
        org.hielements.library.Inputs parent = recorder();
        if (parent != null && (state instanceof Value || state instanceof Failed)) {
            org.hielements.library.Inputs used = nodeInputs.get(node);
            if (used != null) parent.use(used);
        }
        if (state instanceof Value v) return v;
        if (state instanceof Failed f) throw EvalError.dependency(f);
        if (state == IN_PROGRESS || model.graph().inCycle(node)) {
            Failed f = new Failed(node, describe(node), sourceOf(node), nameSpanOf(node),
                    "it is part of a dependency cycle (E215)");
            memo.put(node, f);
            throw EvalError.dependency(f);
        }
        memo.put(node, IN_PROGRESS);
        if (options.logging()) options.log("[verbose] Evaluating " + kindWord(node.member()) + ": " + node.displayName());
        org.hielements.library.Inputs mine = null;
        if (parent != null) {
            mine = new org.hielements.library.Inputs();
            nodeInputs.put(node, mine);
            parent.use(mine);
            callContext.workspace().record(mine);
        }
        try {
            Value v = compute(node);
            memo.put(node, v);
            if (!options.logging()) {
                // no verbose lines to build
            } else if (v instanceof Scope s) {
                options.log("  -> resolved " + s.paths().size() + " paths");
            } else {
                options.log("  -> " + v.display());
            }
            return v;
        } catch (EvalError e) {
            memo.put(node, e.dependency);
            if (e.dependency.root() == node) options.log("  -> ERROR: " + e.dependency.message());
            throw e;
        } finally {
            if (mine != null) callContext.workspace().record(parent);
        }
    }

    /**
     * Computes a value. Every error thrown carries a {@link Failed} (this node as root, or the root of a value it
     * needs); a problem found here is reported once, as a diagnostic at the expression that has it.
     */
    private Value compute(ValueNode node) throws EvalError {
        if (node instanceof ValueNode.Declared d) {
            MemberSymbol m = d.member();
            if (m.value() == null) throw rootFailure(node, sourceOf(node), nameSpanOf(node), "it has no value");
            SourceText src = m.file().source();
            Value v = evaluateRoot(node, m.value(), Ctx.in(m.container()), src, m.value().span(), List.of(), "");
            checkType(node, m, m.type(), v, src, m.isRef() && m.refNode().type() != null
                    ? m.refNode().type().span() : m.value().span(), List.of());
            return v;
        }
        ValueNode.Bound b = (ValueNode.Bound) node;
        Implementation impl = b.implementation();
        MemberSymbol ph = b.member();
        PlaceholderBinding binding = impl.binding(ph);
        String qualified = impl.pattern().name() + "." + ph.patternPath();
        if (binding instanceof PlaceholderBinding.Declared pd) {
            MemberSymbol provider = pd.provider();
            if (provider.value() == null) {
                throw rootFailure(node, provider.file().source(), provider.nameNode().span(),
                        "the " + kindWord(provider) + " binding it has no value");
            }
            return value(new ValueNode.Declared(provider));
        }
        if (binding instanceof PlaceholderBinding.Expression x) {
            Ast.Expr expr = x.binding().value();
            SourceText src = x.element().file().source();
            if (expr == null) throw rootFailure(node, src, x.binding().span(), "the binding has no value");
            Value v = evaluateRoot(node, expr, Ctx.in(x.element()), src, expr.span(), List.of(), "");
            checkType(node, ph, ph.type(), v, src, expr.span(), List.of(placeholderRelated(ph, qualified)));
            return v;
        }
        if (binding instanceof PlaceholderBinding.Default) {
            SourceText src = impl.element().file().source();
            Span clause = impl.clause().span();
            List<Diagnostic.Related> rel = List.of(new Diagnostic.Related(ph.file().source(), ph.value().span(),
                    "value of " + qualified + " for " + impl.element().path()));
            Value v = evaluateRoot(node, ph.value(), new Ctx(ph.container(), impl, Map.of()), src, clause, rel,
                    qualified + ": ");
            checkType(node, ph, ph.type(), v, src, clause, rel);
            return v;
        }
        throw rootFailure(node, impl.element().file().source(), impl.clause().span(),
                "placeholder " + qualified + " is not bound (E212)");
    }

    /**
     * Evaluates the expression of a value; a problem of its own becomes a diagnostic at {@code span} (unless the
     * static analysis already reported it) and makes {@code node} a failed root.
     */
    private Value evaluateRoot(ValueNode node, Ast.Expr expr, Ctx ctx, SourceText src, Span span,
            List<Diagnostic.Related> related, String prefix) throws EvalError {
        try {
            return evaluate(expr, ctx);
        } catch (EvalError e) {
            if (e.dependency != null) throw e;
            String message = prefix + e.text;
            if (!e.reportedStatically) {
                report(new Diagnostic(e.code, org.hielements.diagnostics.Severity.ERROR, message, src, span,
                        related));
            }
            throw rootFailure(node, src, span, message);
        }
    }

    private EvalError rootFailure(ValueNode node, SourceText src, Span span, String message) {
        Failed f = new Failed(node, describe(node), src, span, message);
        return EvalError.dependency(f);
    }

    /** E214 when a basic type annotation does not match the value; the value then counts as failed. */
    private void checkType(ValueNode node, MemberSymbol m, String type, Value v, SourceText src, Span span,
            List<Diagnostic.Related> related) throws EvalError {
        if (type == null || !BASIC_TYPES.contains(type) || hasType(v, type)) return;
        String what = node instanceof ValueNode.Bound b
                ? "the value bound to " + b.implementation().pattern().name() + "." + m.patternPath() + " for "
                        + b.implementation().element().path()
                : kindWord(m) + " " + m.name();
        String message = Code.E214.format(what + " is declared " + type + " but its value is " + article(v)
                + " " + v.typeName() + " (" + abbreviate(v.display()) + ")");
        report(new Diagnostic(Code.E214.id(), Code.E214.severity(), message, src, span, related));
        throw rootFailure(node, src, span, message);
    }

    /** Whether {@code v} has basic type {@code type} (an integer is also a float). */
    static boolean hasType(Value v, String type) {
        return switch (type) {
            case "integer" -> v instanceof Value.IntValue;
            case "float" -> v instanceof Value.FloatValue || v instanceof Value.IntValue;
            case "string" -> v instanceof Value.StringValue;
            case "boolean" -> v instanceof Value.BoolValue;
            case "list" -> v instanceof Value.ListValue;
            case "scope" -> v instanceof Scope;
            default -> true;
        };
    }

    private static String article(Value v) {
        String t = v.typeName();
        return "aeiou".indexOf(t.charAt(0)) >= 0 ? "an" : "a";
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static Diagnostic.Related placeholderRelated(MemberSymbol ph, String qualified) {
        return new Diagnostic.Related(ph.file().source(), ph.nameNode().span(), "placeholder " + qualified
                + " declared here");
    }

    // ============================================================================================ expressions

    /** The value of an argument or a scope/ref expression. */
    Value evaluate(Ast.Expr e, Ctx ctx) throws EvalError {
        if (e instanceof Ast.StringLit s) return Value.of(s.value());
        if (e instanceof Ast.NumberLit n) return Value.number(n.value());
        if (e instanceof Ast.BoolLit b) return Value.of(b.value());
        if (e instanceof Ast.ListLit l) {
            List<Value> items = new ArrayList<>(l.elements().size());
            for (Ast.Expr x : l.elements()) items.add(evaluate(x, ctx));
            return Value.list(items);
        }
        if (e instanceof Ast.Identifier || e instanceof Ast.Member) return reference(e, ctx);
        if (e instanceof Ast.Call c) return select(c, ctx);
        throw EvalError.of(Code.E230, "expression cannot be evaluated");
    }

    private Value reference(Ast.Expr e, Ctx ctx) throws EvalError {
        Resolution r = model.resolution(e).orElse(null);
        String text = AstPrinter.print(e);
        if (r == null) {
            if (e instanceof Ast.Identifier id) throw EvalError.reported(Code.E200, id.name().text());
            if (rootIdentifier(e)) throw EvalError.reported(Code.E202, text);
            throw EvalError.of(Code.E201, text, "not a name");
        }
        Symbol s = r.symbol();
        if (s instanceof ParameterSymbol p) {
            Value v = ctx.parameters().get(p);
            if (v == null) throw EvalError.of(Code.E230, "parameter " + p.name() + " has no value here");
            return v;
        }
        if (s instanceof MemberSymbol) {
            ValueNode node = r.valueNode(ctx.implementation());
            if (node == null) throw EvalError.reported(Code.E202, text);
            return value(node);
        }
        // already reported by the semantic analysis, on the expression
        throw EvalError.reported(Code.E201, text, s.kind().withArticle());
    }

    private static boolean rootIdentifier(Ast.Expr e) {
        Ast.Expr cur = e;
        while (cur instanceof Ast.Member m) cur = m.target();
        return cur instanceof Ast.Identifier;
    }

    /** A library call {@code lib.f(args)} used for a value: the selector. */
    private Value select(Ast.Call c, Ctx ctx) throws EvalError {
        Prepared p = prepare(c, ctx);
        Value v;
        try {
            v = p.library.call(p.function, p.args, callContext);
        } catch (LibraryException ex) {
            throw EvalError.library(ex.error());
        } catch (RuntimeException ex) {
            throw crashed(p, ex);
        } finally {
            recordLibrary(p.library, p.library.name(), p.args);
        }
        if (v == null) {
            throw EvalError.of(Code.E230, "library '" + p.library.name() + "' gave no value for " + p.function);
        }
        return v;
    }

    /** Runs a check call: the top-level call of a {@code check} statement or of a connection check body. */
    CheckResult check(Ast.Expr e, Ctx ctx) throws EvalError {
        if (!(e instanceof Ast.Call c)) throw EvalError.reported(Code.E204);
        Prepared p = prepare(c, ctx);
        refuseEmptyScopes(c, p, ctx);
        CheckResult r;
        try {
            r = p.library.check(p.function, p.args, callContext);
        } catch (LibraryException ex) {
            throw EvalError.library(ex.error());
        } catch (RuntimeException ex) {
            throw crashed(p, ex);
        } finally {
            recordLibrary(p.library, p.library.name(), p.args);
        }
        if (r == null) {
            throw EvalError.of(Code.E230, "library '" + p.library.name() + "' gave no result for " + p.function);
        }
        return r;
    }

    /**
     * E231 when a check is given a scope that selected no files: a check over nothing would pass without looking at
     * any code (a typo in a folder name, a workspace other than the one meant). Names the scope and its selector,
     * with the selector's place as related location.
     */
    private void refuseEmptyScopes(Ast.Call c, Prepared p, Ctx ctx) throws EvalError {
        for (int i = 0; i < p.args.size() && i < c.arguments().size(); i++) {
            if (!(p.args.get(i) instanceof Scope s) || !s.isEmpty() || !s.resolved()) continue;
            Ast.Expr arg = c.arguments().get(i);
            String name = arg instanceof Ast.Identifier || arg instanceof Ast.Member
                    ? "'" + AstPrinter.print(arg) + "' " : "";
            Selector sel = selectorOf(arg, ctx);
            String selector = sel == null ? s.display() : AstPrinter.print(sel.expr);
            List<Diagnostic.Related> related = sel == null ? List.of()
                    : List.of(new Diagnostic.Related(sel.source, sel.expr.span(), "the selector of "
                            + (name.isEmpty() ? "the scope" : "scope " + name.strip()) + " selected no files"));
            throw EvalError.withRelated(Code.E231, related, name, selector);
        }
    }

    private record Selector(Ast.Expr expr, SourceText source) {}

    /** The expression that selected the value of a scope argument: the call itself, or a scope's selector. */
    private Selector selectorOf(Ast.Expr arg, Ctx ctx) {
        if (arg instanceof Ast.Call) return null;      // an inline selector: the check's own text shows it
        Resolution r = model.resolution(arg).orElse(null);
        if (r == null || !(r.symbol() instanceof MemberSymbol)) return null;
        ValueNode node = r.valueNode(ctx.implementation());
        for (int hops = 0; node != null && hops < 32; hops++) {
            Selector found = expressionOf(node);
            if (found == null) return null;
            if (found.expr instanceof Ast.Identifier || found.expr instanceof Ast.Member) {
                Resolution next = model.resolution(found.expr).orElse(null);
                Implementation impl = node instanceof ValueNode.Bound b ? b.implementation() : null;
                if (next == null || !(next.symbol() instanceof MemberSymbol)) return found;
                ValueNode nextNode = next.valueNode(impl);
                if (nextNode == null) return found;
                node = nextNode;
                continue;
            }
            return found;
        }
        return null;
    }

    /** The expression a value node is computed from, and its file. */
    private static Selector expressionOf(ValueNode node) {
        if (node instanceof ValueNode.Declared d) {
            MemberSymbol m = d.member();
            return m.value() == null ? null : new Selector(m.value(), m.file().source());
        }
        ValueNode.Bound b = (ValueNode.Bound) node;
        MemberSymbol ph = b.member();
        PlaceholderBinding binding = b.implementation().binding(ph);
        if (binding instanceof PlaceholderBinding.Declared pd) {
            MemberSymbol provider = pd.provider();
            return provider.value() == null ? null : new Selector(provider.value(), provider.file().source());
        }
        if (binding instanceof PlaceholderBinding.Expression x) {
            return x.binding().value() == null ? null
                    : new Selector(x.binding().value(), x.element().file().source());
        }
        if (binding instanceof PlaceholderBinding.Default) {
            return ph.value() == null ? null : new Selector(ph.value(), ph.file().source());
        }
        return null;
    }

    private static EvalError crashed(Prepared p, RuntimeException ex) {
        LOG.log(Level.WARNING, "library " + p.library.name() + " threw from " + p.function, ex);
        return EvalError.of(Code.E230, "library '" + p.library.name() + "' failed in " + p.function + ": " + ex);
    }

    private record Prepared(Library library, String function, List<Value> args) {}

    private Prepared prepare(Ast.Call c, Ctx ctx) throws EvalError {
        LibraryCall call = model.call(c).orElse(null);
        if (call == null) {
            if (c.callee() instanceof Ast.Member m && m.target() instanceof Ast.Identifier id
                    && model.resolution(id).isEmpty()) {
                throw EvalError.reported(Code.E203, id.name().text());
            }
            throw EvalError.reported(Code.E205);
        }
        Library lib = registry.get(call.libraryName()).orElse(null);
        if (lib == null) {
            recordLibrary(null, call.libraryName(), List.of());
            throw EvalError.of(Code.E203, call.libraryName());
        }
        List<Value> args = new ArrayList<>(c.arguments().size());
        for (int i = 0; i < c.arguments().size(); i++) {
            Ast.Expr a = c.arguments().get(i);
            args.add(coerce(call, i, a, evaluate(a, ctx)));
        }
        return new Prepared(lib, call.functionName(), args);
    }

    /**
     * A connection-check parameter ({@code scope[]}, a list of scopes) passed where the function documents one
     * {@code Scope}: the scopes are passed as one (the scope itself when there is one; else a scope holding every
     * path, with the kind and selector argument of the first), so that built-in checks can serve as connection
     * checks.
     */
    private Value coerce(LibraryCall call, int index, Ast.Expr arg, Value v) {
        if (!(v instanceof Value.ListValue list) || list.items().isEmpty()) return v;
        if (!(model.resolution(arg).map(Resolution::symbol).orElse(null) instanceof ParameterSymbol)) return v;
        Optional<FunctionDoc> doc = call.function().doc();
        if (doc.isEmpty() || !doc.get().arityKnown() || index >= doc.get().parameters().size()) return v;
        if (!doc.get().parameters().get(index).type().equalsIgnoreCase("scope")) return v;
        List<Scope> scopes = new ArrayList<>();
        for (Value item : list.items()) {
            if (!(item instanceof Scope s)) return v;
            scopes.add(s);
        }
        if (scopes.size() == 1) return scopes.get(0);
        LinkedHashSet<java.nio.file.Path> paths = new LinkedHashSet<>();
        boolean resolved = true;
        for (Scope s : scopes) {
            paths.addAll(s.paths());
            resolved &= s.resolved();
        }
        Scope first = scopes.get(0);
        return new Scope(first.kind(), first.argument(), List.copyOf(paths), resolved);
    }

    // ============================================================================================ naming

    /** {@code scope `shop.src`}, or {@code scope `microservice.api` of `shop.orders`} for a bound value. */
    static String describe(ValueNode node) {
        MemberSymbol m = node.member();
        if (node instanceof ValueNode.Bound b) {
            return kindWord(m) + " `" + b.implementation().pattern().name() + "." + m.patternPath() + "` of `"
                    + b.implementation().element().path() + "`";
        }
        return kindWord(m) + " `" + m.qualifiedName() + "`";
    }

    static String kindWord(MemberSymbol m) {
        return m.isScope() ? "scope" : "ref";
    }

    private static SourceText sourceOf(ValueNode node) {
        if (node instanceof ValueNode.Bound b) return b.implementation().element().file().source();
        return node.member().file().source();
    }

    private static Span nameSpanOf(ValueNode node) {
        if (node instanceof ValueNode.Bound b) return b.implementation().clause().span();
        return node.member().nameNode().span();
    }
}
