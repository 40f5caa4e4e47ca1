package org.hielements.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Value;
import org.hielements.semantics.ContainerSymbol;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.Implementation;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.PatternSymbol;
import org.hielements.semantics.PlaceholderBinding;
import org.hielements.semantics.ValueNode;
import org.hielements.syntax.Ast;

/**
 * The part of pattern requirements that needs values (LANGUAGE.md §5): {@code requires [descendant] ref n: T [= v]}.
 * The semantic model checks that a ref named {@code n} (or bound to {@code P.n}) of type {@code T} is in reach; here,
 * when {@code T} is a basic type ({@code integer}, {@code string}, ...) its value must have that type, and when the
 * requirement gives a value, some such ref must have that value. Otherwise: E220 on the {@code implements} clause,
 * with related information pointing at the requirement. A ref whose value failed is not judged again (its failure
 * is already reported).
 */
final class RequirementValues {
    private final Evaluation ev;

    RequirementValues(Evaluation ev) {
        this.ev = ev;
    }

    void check(ElementSymbol element) {
        for (Implementation impl : element.implementations()) {
            for (Ast.Requirement r : impl.pattern().requirements()) {
                if (r.kind() != Ast.RequirementKind.REQUIRES || !(r.spec() instanceof Ast.RefSpec rs)) continue;
                Ast.Ref spec = rs.ref();
                if (spec.name() == null) continue;
                String type = spec.type() == null ? null : spec.type().text();
                boolean typed = type != null && Evaluation.BASIC_TYPES.contains(type);
                if (!typed && spec.value() == null) continue;
                check(impl, r, spec, type, typed);
            }
        }
    }

    private void check(Implementation impl, Ast.Requirement r, Ast.Ref spec, String type, boolean typed) {
        PatternSymbol p = impl.pattern();
        List<ValueNode> candidates = candidates(impl, spec.name().text(), type, r.descendant());
        if (candidates.isEmpty()) return; // not in reach at all: the semantic model reported E220
        Value expected = null;
        if (spec.value() != null) {
            try {
                expected = ev.evaluate(spec.value(), new Evaluation.Ctx(p, impl, java.util.Map.of()));
            } catch (EvalError e) {
                if (e.dependency == null && !e.reportedStatically) {
                    ev.report(new Diagnostic(e.code, Code.E230.severity(), "requirement of pattern '" + p.name()
                            + "': " + e.text, p.file().source(), spec.value().span(), List.of()));
                }
                return;
            }
        }
        List<String> seen = new ArrayList<>();
        for (ValueNode n : candidates) {
            Value v;
            try {
                v = ev.value(n);
            } catch (EvalError e) {
                return; // reported where it failed
            }
            boolean ok = (!typed || Evaluation.hasType(v, type)) && (expected == null || same(v, expected));
            if (ok) return;
            seen.add(name(n) + " is " + Evaluation.abbreviate(v.display()));
        }
        String requirement = firstLine(p, r);
        ev.report(Diagnostic.of(Code.E220, impl.element().file().source(), impl.clause().span(), p.name(),
                requirement + " (" + String.join("; ", seen) + ")").withRelated(List.of(new Diagnostic.Related(
                        p.file().source(), r.span(), "requirement of pattern '" + p.name() + "': " + requirement))));
    }

    /** The refs in reach named {@code name} or bound to the pattern's member {@code name}, as values. */
    private List<ValueNode> candidates(Implementation impl, String name, String type, boolean descendant) {
        ElementSymbol x = impl.element();
        List<ElementSymbol> reach = new ArrayList<>();
        if (descendant) {
            for (ContainerSymbol c : x.subtree()) reach.add((ElementSymbol) c);
        } else {
            reach.add(x);
            reach.addAll(x.elements());
        }
        List<ValueNode> out = new ArrayList<>();
        PatternSymbol p = impl.pattern();
        for (ElementSymbol el : reach) {
            for (MemberSymbol m : el.members()) {
                if (!m.isRef() || m.value() == null) continue;
                Optional<MemberSymbol> target = ev.model().bindsTarget(m);
                boolean named = m.name().equals(name) || target.isPresent() && target.get().pattern() == p
                        && target.get().patternPath().equals(name);
                if (named) out.add(new ValueNode.Declared(m));
            }
        }
        Optional<MemberSymbol> member = p.memberAt(name);
        if (member.isPresent() && member.get().isRef()) {
            PlaceholderBinding b = impl.bindings().get(member.get());
            if (b instanceof PlaceholderBinding.Expression || b instanceof PlaceholderBinding.Default) {
                out.add(new ValueNode.Bound(impl, member.get()));
            }
        }
        return out;
    }

    private static String name(ValueNode n) {
        if (n instanceof ValueNode.Bound b) {
            return b.implementation().pattern().name() + "." + b.member().patternPath() + " of "
                    + b.implementation().element().path();
        }
        return n.member().qualifiedName();
    }

    /** Equal values; numbers compare by value ({@code 8080} equals {@code 8080.0}). */
    static boolean same(Value a, Value b) {
        if ((a instanceof Value.IntValue || a instanceof Value.FloatValue)
                && (b instanceof Value.IntValue || b instanceof Value.FloatValue)) {
            return number(a) == number(b);
        }
        return a.equals(b);
    }

    private static double number(Value v) {
        return v instanceof Value.IntValue i ? i.value() : ((Value.FloatValue) v).value();
    }

    private static String firstLine(PatternSymbol p, Ast.Requirement r) {
        String text = p.file().source().text();
        int start = Math.min(r.span().start(), text.length());
        int end = Math.min(r.span().end(), text.length());
        int nl = text.indexOf('\n', start);
        if (nl >= 0 && nl < end) end = nl;
        return text.substring(start, end).trim();
    }
}
