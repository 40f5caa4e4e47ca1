package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.syntax.Ast;

/**
 * The requirements of patterns (LANGUAGE.md §5), checked for each implementation. "In reach" is the implementing
 * element and its direct children, or its whole subtree with {@code descendant}. {@code requires} items must be
 * met (E220); {@code forbids} items must not be (E220, E223 for a language, E221 for a connection);
 * {@code allows language} and {@code allows connection} restrict what is in reach (E223, E222). Other
 * {@code allows} items (scope, check, element, ref, implements) constrain nothing.
 */
final class Requirements {
    private final Analysis a;

    Requirements(Analysis a) {
        this.a = a;
    }

    void checkAll() {
        for (Implementation impl : a.implementations) check(impl);
    }

    private void check(Implementation impl) {
        PatternSymbol p = impl.pattern();
        if (p.requirements.isEmpty()) return;
        ElementSymbol x = impl.element();
        List<ElementSymbol> near = new ArrayList<>();
        near.add(x);
        near.addAll(x.children);
        List<ElementSymbol> all = new ArrayList<>();
        for (ContainerSymbol c : x.subtree()) all.add((ElementSymbol) c);

        List<Ast.Requirement> allowLanguage = new ArrayList<>();
        boolean allowLanguageDescendant = false;
        List<Ast.Requirement> requireConnection = new ArrayList<>();
        List<Ast.Requirement> forbidConnection = new ArrayList<>();
        List<Ast.Requirement> allowConnection = new ArrayList<>();

        for (Ast.Requirement r : p.requirements) {
            if (r.spec() == null) continue;
            List<ElementSymbol> reach = r.descendant() ? all : near;
            Ast.RequirementSpec spec = r.spec();
            Boolean present = null;
            if (spec instanceof Ast.ScopeSpec ss) {
                present = reach.stream().anyMatch(el -> hasScope(impl, el, ss.scope()));
            } else if (spec instanceof Ast.RefSpec rs) {
                present = reach.stream().anyMatch(el -> hasRef(impl, el, rs.ref()));
            } else if (spec instanceof Ast.CheckSpec cs) {
                String[] want = a.requiredCall(p.file(), cs.check());
                if (want != null) present = reach.stream().anyMatch(el -> hasCheck(el, want));
            } else if (spec instanceof Ast.ElementSpec es) {
                present = reach.stream().anyMatch(el -> matches(el, es.name(), es.implemented() == null ? List.of()
                        : List.of(es.implemented()), es.items(), p.file()));
            } else if (spec instanceof Ast.ImplementsSpec is) {
                PatternSymbol q = is.pattern() == null ? null : a.lookupPattern(a.scope(p.file()), is.pattern().text());
                if (q != null) present = reach.stream().anyMatch(el -> el.implementation(q).isPresent());
            } else if (spec instanceof Ast.LanguageSpec ls && ls.language() != null) {
                String lang = ls.language().text();
                if (r.kind() == Ast.RequirementKind.REQUIRES) {
                    present = reach.stream().anyMatch(el -> el.members.stream().anyMatch(
                            m -> m.isScope() && lang.equals(m.language())));
                } else if (r.kind() == Ast.RequirementKind.FORBIDS) {
                    for (ElementSymbol el : reach) {
                        for (MemberSymbol m : el.members) {
                            if (m.isScope() && lang.equals(m.language())) {
                                a.report(Code.E223_FORBIDDEN, el.file(), m.languageNode().span(),
                                        List.of(requirement(p, r)), lang, p.name());
                            }
                        }
                    }
                } else {
                    allowLanguage.add(r);
                    allowLanguageDescendant |= r.descendant();
                }
            } else if (spec instanceof Ast.ConnectionSpec) {
                if (r.kind() == Ast.RequirementKind.REQUIRES) requireConnection.add(r);
                else if (r.kind() == Ast.RequirementKind.FORBIDS) forbidConnection.add(r);
                else allowConnection.add(r);
            }
            if (present == null) continue;
            if ((r.kind() == Ast.RequirementKind.REQUIRES && !present)
                    || (r.kind() == Ast.RequirementKind.FORBIDS && present)) {
                unmet(impl, r);
            }
        }

        if (!allowLanguage.isEmpty()) {
            Set<String> allowed = new LinkedHashSet<>();
            List<Diagnostic.Related> rel = new ArrayList<>();
            for (Ast.Requirement r : allowLanguage) {
                allowed.add(((Ast.LanguageSpec) r.spec()).language().text());
                rel.add(requirement(p, r));
            }
            for (ElementSymbol el : allowLanguageDescendant ? all : near) {
                for (MemberSymbol m : el.members) {
                    if (m.isScope() && m.language() != null && !allowed.contains(m.language())) {
                        a.report(Code.E223, el.file(), m.languageNode().span(), rel, m.language(), p.name());
                    }
                }
            }
        }

        if (requireConnection.isEmpty() && forbidConnection.isEmpty() && allowConnection.isEmpty()) return;
        List<UsesSite> uses = new ArrayList<>();
        for (ElementSymbol el : all) uses.addAll(el.uses);
        for (Ast.Requirement r : requireConnection) {
            Ast.ConnectionSpec c = (Ast.ConnectionSpec) r.spec();
            if (uses.stream().noneMatch(u -> matches(c, u))) unmet(impl, r);
        }
        for (UsesSite u : uses) {
            for (Ast.Requirement r : forbidConnection) {
                Ast.ConnectionSpec c = (Ast.ConnectionSpec) r.spec();
                if (matches(c, u)) {
                    a.report(Code.E221, u.file(), u.node().span(), List.of(requirement(p, r)), u.targetText(),
                            p.name(), "connection to " + c.text());
                }
            }
            if (!allowConnection.isEmpty()) {
                boolean ok = false;
                List<String> texts = new ArrayList<>();
                List<Diagnostic.Related> rel = new ArrayList<>();
                for (Ast.Requirement r : allowConnection) {
                    Ast.ConnectionSpec c = (Ast.ConnectionSpec) r.spec();
                    ok |= matches(c, u);
                    texts.add(c.text());
                    rel.add(requirement(p, r));
                }
                if (!ok) {
                    a.report(Code.E222, u.file(), u.node().span(), rel, u.targetText(), p.name(),
                            String.join(", ", texts));
                }
            }
        }
    }

    private void unmet(Implementation impl, Ast.Requirement r) {
        PatternSymbol p = impl.pattern();
        a.report(Code.E220, impl.element().file(), impl.clause().span(), List.of(requirement(p, r)), p.name(),
                text(p, r));
    }

    private static String text(PatternSymbol p, Ast.Requirement r) {
        return Texts.firstLine(p.file().source().text(), r.span());
    }

    private static Diagnostic.Related requirement(PatternSymbol p, Ast.Requirement r) {
        return new Diagnostic.Related(p.file().source(), r.span(),
                "requirement of pattern '" + p.name() + "': " + text(p, r));
    }

    /** A scope of {@code el} named like the spec, or bound (either form) to the pattern member of that name. */
    private boolean hasScope(Implementation impl, ElementSymbol el, Ast.Scope spec) {
        if (spec.name() == null) return false;
        String name = spec.name().text();
        String lang = spec.language() == null ? null : spec.language().text();
        for (MemberSymbol m : el.members) {
            if (!m.isScope()) continue;
            MemberSymbol target = a.bindsTargets.get(m);
            boolean named = m.name().equals(name)
                    || target != null && target.pattern() == impl.pattern() && target.patternPath().equals(name);
            if (named && (lang == null || lang.equals(m.language()))) return true;
        }
        return boundByExpression(impl, el, name, lang, true);
    }

    private boolean hasRef(Implementation impl, ElementSymbol el, Ast.Ref spec) {
        if (spec.name() == null) return false;
        String name = spec.name().text();
        String type = spec.type() == null ? null : spec.type().text();
        for (MemberSymbol m : el.members) {
            if (!m.isRef()) continue;
            MemberSymbol target = a.bindsTargets.get(m);
            boolean named = m.name().equals(name)
                    || target != null && target.pattern() == impl.pattern() && target.patternPath().equals(name);
            if (named && (type == null || type.equals(m.type()))) return true;
        }
        return false;
    }

    /** The old form {@code P.name = expr} written in {@code el}, for a pattern-level member {@code name}. */
    private boolean boundByExpression(Implementation impl, ElementSymbol el, String name, String lang,
            boolean scope) {
        for (PlaceholderBinding b : impl.bindings.values()) {
            if (b instanceof PlaceholderBinding.Expression x && x.element() == el
                    && x.placeholder().patternPath().equals(name) && x.placeholder().isScope() == scope
                    && (lang == null || lang.equals(x.placeholder().language()))) {
                return true;
            }
        }
        return false;
    }

    private boolean hasCheck(ElementSymbol el, String[] want) {
        for (CheckSite site : el.checks) {
            if (!(site.check().expr() instanceof Ast.Call c)) continue;
            LibraryCall call = a.calls.get(c);
            if (call != null) {
                if (call.libraryName().equals(want[0]) && call.functionName().equals(want[1])) return true;
            } else if (c.callee() instanceof Ast.Member m && m.target() instanceof Ast.Identifier id
                    && m.member() != null && id.name().text().equals(want[0]) && m.member().text().equals(want[1])) {
                // an unknown library (E203 already reported there): the call is still the one required
                return true;
            }
        }
        return false;
    }

    /** Whether element {@code el} is named {@code name}, implements the patterns, and has the nested items. */
    private boolean matches(ElementSymbol el, Ast.Name name, List<Ast.Name> implemented, List<Ast.Item> items,
            SourceFile patternFile) {
        if (name == null || !el.name().equals(name.text())) return false;
        for (Ast.Name q : implemented) {
            PatternSymbol qs = a.lookupPattern(a.scope(patternFile), q.text());
            if (qs != null && el.implementation(qs).isEmpty()) return false;
        }
        for (Ast.Item item : items) {
            if (item instanceof Ast.Scope s && s.name() != null) {
                String lang = s.language() == null ? null : s.language().text();
                if (el.members.stream().noneMatch(m -> m.isScope() && m.name().equals(s.name().text())
                        && (lang == null || lang.equals(m.language())))) {
                    return false;
                }
            } else if (item instanceof Ast.Ref r && r.name() != null) {
                String type = r.type() == null ? null : r.type().text();
                if (el.members.stream().noneMatch(m -> m.isRef() && m.name().equals(r.name().text())
                        && (type == null || type.equals(m.type())))) {
                    return false;
                }
            } else if (item instanceof Ast.Check c) {
                String[] want = a.requiredCall(patternFile, c);
                if (want != null && !hasCheck(el, want)) return false;
            } else if (item instanceof Ast.Element child) {
                if (el.children.stream().noneMatch(ch -> matches(ch, child.name(), child.implemented(),
                        child.items(), patternFile))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a {@code uses} target matches a connection pattern: the target as written, or the full path of what it
     * resolves to, equals the pattern's segments (or, with {@code .*}, starts with them and has more).
     */
    static boolean matches(Ast.ConnectionSpec c, UsesSite u) {
        List<String> want = c.segments().stream().map(Ast.Name::text).toList();
        if (want.isEmpty()) return false;
        List<String> written = u.node().target() == null ? List.of()
                : u.node().target().segments().stream().map(Ast.Name::text).toList();
        if (matches(want, c.wildcard(), written)) return true;
        if (u.target() == null) return false;
        Symbol s = u.target().symbol();
        String full = s instanceof ContainerSymbol cs ? cs.path() : s instanceof MemberSymbol m ? m.qualifiedName()
                : null;
        return full != null && matches(want, c.wildcard(), Arrays.asList(full.split("\\.")));
    }

    private static boolean matches(List<String> want, boolean wildcard, List<String> path) {
        if (wildcard ? path.size() <= want.size() : path.size() != want.size()) return false;
        return path.subList(0, want.size()).equals(want);
    }
}
