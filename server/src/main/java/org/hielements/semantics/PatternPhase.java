package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.syntax.Ast;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/** Phase 4 of the semantic analysis: {@code implements} clauses and the bindings of pattern placeholders. */
abstract class PatternPhase extends ImportPhase {
    PatternPhase(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        super(known, sources, workspaceRoot, parser, hint);
    }

    // ============================================================================================ 4. patterns

    void implementsClauses() {
        for (ElementSymbol e : elements) {
            for (Ast.Name n : e.node().implemented()) {
                PatternSymbol p = resolvePatternName(e.file(), n);
                if (p == null || e.implementation(p).isPresent()) continue;
                Implementation impl = new Implementation(e, p, n);
                e.implementations.add(impl);
                p.implementations.add(impl);
                implementations.add(impl);
            }
        }
        for (ElementSymbol e : patternElements) {
            for (Ast.Name n : e.node().implemented()) resolvePatternName(e.file(), n);
        }
    }

    /** A resolved binding target: pattern and member. */
    record Target(PatternSymbol pattern, MemberSymbol member) {}

    void bindings() {
        for (ElementSymbol e : elements) {
            for (MemberSymbol m : e.members) {
                if (m.binds() != null) bind(e, m.binds(), m, null);
            }
            for (Ast.Binding b : writtenBindings.getOrDefault(e, List.of())) {
                if (b.target() != null) bind(e, b.target(), null, b);
            }
        }
        for (PatternSymbol p : patterns) {
            for (MemberSymbol m : p.allMembers) {
                if (m.binds() != null) resolveBindingTarget(m.file(), m.binds());
            }
        }
        for (Implementation impl : implementations) {
            Map<MemberSymbol, PlaceholderBinding> ordered = new LinkedHashMap<>();
            List<MemberSymbol> missing = new ArrayList<>();
            for (MemberSymbol m : impl.pattern().allMembers) {
                PlaceholderBinding b = impl.bindings.get(m);
                if (b == null) {
                    if (m.value() != null) {
                        b = new PlaceholderBinding.Default(m);
                    } else {
                        b = new PlaceholderBinding.Unbound(m);
                        missing.add(m);
                    }
                }
                ordered.put(m, b);
            }
            impl.bindings.clear();
            impl.bindings.putAll(ordered);
            if (!missing.isEmpty()) {
                List<Diagnostic.Related> rel = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (MemberSymbol m : missing) {
                    String path = impl.pattern().name() + "." + m.patternPath();
                    names.add(path);
                    rel.add(related(m.declaration().orElseThrow(), "placeholder " + path + " declared here"));
                }
                report(Code.E212, impl.element().file(), impl.clause().span(), rel, impl.pattern().name(),
                        String.join(", ", names));
            }
            for (CheckSite site : impl.pattern().allChecks) {
                PatternCheck pc = new PatternCheck(impl, site);
                impl.checks.add(pc);
                patternChecks.add(pc);
            }
        }
    }

    void bind(ElementSymbol e, Ast.QualifiedName q, MemberSymbol provider, Ast.Binding binding) {
        Target t = resolveBindingTarget(e.file(), q);
        if (t == null) return;
        Implementation impl = enclosingImplementation(e, t.pattern());
        String what = provider != null
                ? provider.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + provider.name() + "'"
                : "binding " + q.text();
        if (impl == null) {
            report(Code.E213_NOT_IMPLEMENTED, e.file(), q.span(), what, t.pattern().name());
            return;
        }
        String path = t.pattern().name() + "." + t.member().patternPath();
        if (provider != null) bindsTargets.put(provider, t.member());
        PlaceholderBinding existing = impl.bindings.get(t.member());
        if (existing != null) {
            Location first = existing instanceof PlaceholderBinding.Declared d
                    ? d.provider().declaration().orElseThrow()
                    : new Location(((PlaceholderBinding.Expression) existing).element().file(),
                            ((PlaceholderBinding.Expression) existing).binding().target().span(),
                            ((PlaceholderBinding.Expression) existing).binding().span());
            report(Code.E210_BINDING, e.file(), q.span(), List.of(related(first, "first bound here")), path,
                    impl.element().path());
            return;
        }
        if (provider != null) {
            impl.bindings.put(t.member(), new PlaceholderBinding.Declared(t.member(), provider));
            MemberSymbol ph = t.member();
            if (provider.isScope() != ph.isScope()) {
                report(Code.E214, e.file(), q.span(), List.of(related(ph.declaration().orElseThrow(),
                        "placeholder declared here")), what + " binds " + ph.kind().name().toLowerCase(
                                java.util.Locale.ROOT) + " placeholder " + path);
            } else if (provider.isRef() && provider.type() != null && ph.type() != null
                    && !provider.type().equals(ph.type())) {
                report(Code.E214, e.file(), provider.refNode().type().span(),
                        List.of(related(ph.declaration().orElseThrow(), "placeholder declared here")),
                        what + " has type " + provider.type() + " but placeholder " + path + " has type "
                                + ph.type());
            } else if (provider.isScope() && provider.language() != null && ph.language() != null
                    && !provider.language().equals(ph.language())) {
                report(Code.W003, e.file(), provider.languageNode().span(),
                        List.of(related(ph.declaration().orElseThrow(), "placeholder declared here")),
                        provider.language(), ph.language());
            }
        } else {
            impl.bindings.put(t.member(), new PlaceholderBinding.Expression(t.member(), binding, e));
        }
    }

    /** The nearest element from {@code e} up (itself included) that implements {@code p}. */
    static Implementation enclosingImplementation(ContainerSymbol from, PatternSymbol p) {
        for (ContainerSymbol c = from; c != null; c = c.parent()) {
            if (c instanceof ElementSymbol el && !el.inPattern()) {
                for (Implementation i : el.implementations) {
                    if (i.pattern() == p) return i;
                }
            }
        }
        return null;
    }

    /** {@code P.path.member}: indexes each segment; E211 for an unknown pattern, E213 for an unknown member. */
    Target resolveBindingTarget(SourceFile f, Ast.QualifiedName q) {
        List<Ast.Name> segs = q.segments();
        if (segs.isEmpty()) return null;
        FileScope fs = scopes.get(f);
        PatternSymbol p = null;
        int i = 1;
        Symbol first = lookupTop(fs, segs.get(0).text()).symbol();
        if (first instanceof PatternSymbol ps) {
            p = ps;
            occurrence(f, segs.get(0), p, false);
        } else if (first instanceof ImportSymbol is && is.target() instanceof FileSymbol file && segs.size() > 1
                && scopes.get(file.file()).decls.get(segs.get(1).text()) instanceof PatternSymbol ps) {
            p = ps;
            occurrence(f, segs.get(0), is, false);
            occurrence(f, segs.get(1), p, false);
            i = 2;
        } else {
            PatternSymbol byName = lookupPattern(fs, segs.get(0).text());
            if (byName == null) {
                report(Code.E211, f, segs.get(0).span(), segs.get(0).text());
                return null;
            }
            p = byName;
            occurrence(f, segs.get(0), p, false);
        }
        ContainerSymbol c = p;
        for (; i < segs.size(); i++) {
            Ast.Name seg = segs.get(i);
            Symbol s = c.names.get(seg.text());
            boolean last = i == segs.size() - 1;
            if (last && s instanceof MemberSymbol m) {
                occurrence(f, seg, m, false);
                return new Target(p, m);
            }
            if (!last && s instanceof ElementSymbol el) {
                occurrence(f, seg, el, false);
                c = el;
                continue;
            }
            report(Code.E213, f, new Span(seg.span().start(), q.span().end()), p.name(), q.text());
            return null;
        }
        report(Code.E213, f, q.span(), p.name(), q.text());
        return null;
    }
}
