package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hielements.diagnostics.Code;
import org.hielements.library.FunctionKind;
import org.hielements.syntax.Ast;
import org.hielements.syntax.AstPrinter;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/** Phase 5 of the semantic analysis: what every name, path and call resolves to (names resolve lexically). */
abstract class ResolvePhase extends PatternPhase {
    ResolvePhase(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        super(known, sources, workspaceRoot, parser, hint);
    }

    // ============================================================================================ 5. expressions

    void resolveAll() {
        for (ElementSymbol e : elements) {
            Ctx ctx = new Ctx(e.file(), scopes.get(e.file()), e, null);
            for (MemberSymbol m : e.members) resolveMember(m, ctx);
            for (CheckSite site : e.checks) checkStatement(site.check().expr(), ctx);
            for (Ast.Binding b : writtenBindings.getOrDefault(e, List.of())) {
                if (b.value() == null) continue;
                List<Resolution> refs = new ArrayList<>();
                expr(b.value(), ctx, refs);
                bindingRefs.put(b, refs);
            }
            for (Ast.Uses u : writtenUses.getOrDefault(e, List.of())) resolveUses(e, u, ctx);
        }
        for (PatternSymbol p : patterns) {
            for (ContainerSymbol c : p.subtree()) {
                Ctx ctx = new Ctx(c.file(), scopes.get(c.file()), c, null);
                for (MemberSymbol m : c.members) resolveMember(m, ctx);
                for (CheckSite site : c.checks) checkStatement(site.check().expr(), ctx);
            }
            for (Ast.Requirement r : p.requirements) indexRequirement(p, r);
        }
        for (LanguageSymbol l : languages) {
            for (ConnectionCheckSymbol cc : l.checks) {
                if (cc.body() == null) continue;
                checkStatement(cc.body(), new Ctx(l.file(), scopes.get(l.file()), null, cc));
            }
        }
    }

    void resolveMember(MemberSymbol m, Ctx ctx) {
        Ast.Name lang = m.languageNode();
        if (lang != null) {
            LanguageSymbol ls = lookupLanguage(ctx.fs(), lang.text());
            if (ls != null) occurrence(ctx.file(), lang, ls, false);
        }
        if (m.value() == null) return;
        List<Resolution> refs = new ArrayList<>();
        expr(m.value(), ctx, refs);
        memberRefs.put(m, refs);
    }

    /** The expression of a {@code check} (or a connection check body): must be a library check call. */
    void checkStatement(Ast.Expr x, Ctx ctx) {
        if (x == null) return;
        if (x instanceof Ast.Call c) {
            call(c, ctx, true, null);
        } else {
            report(Code.E204, ctx.file(), x.span());
            if (x instanceof Ast.Identifier || x instanceof Ast.Member) {
                path(x, ctx, null, true, false); // indexed; E204 already says what is wrong
            } else {
                expr(x, ctx, null);
            }
        }
    }

    /** An expression in a value position (an argument, a scope's or ref's value, a binding, a list item). */
    void expr(Ast.Expr x, Ctx ctx, List<Resolution> refs) {
        if (x instanceof Ast.Identifier || x instanceof Ast.Member) {
            Resolution r = path(x, ctx, refs, true, false);
            if (r != null && !(r.symbol() instanceof MemberSymbol) && !(r.symbol() instanceof ParameterSymbol)) {
                report(Code.E201, ctx.file(), x.span(), AstPrinter.print(x), r.symbol().kind().withArticle());
            }
        } else if (x instanceof Ast.Call c) {
            call(c, ctx, false, refs);
        } else if (x instanceof Ast.ListLit l) {
            for (Ast.Expr el : l.elements()) expr(el, ctx, refs);
        }
    }

    /**
     * Resolves a name or dotted path ({@code a.b.c}). With {@code dropLast}, the last segment is left alone (the
     * function of a callee that is not {@code lib.f}). Returns the resolution of the whole path, or null.
     */
    Resolution path(Ast.Expr x, Ctx ctx, List<Resolution> refs, boolean report, boolean dropLast) {
        ArrayList<Ast.Name> segs = new ArrayList<>();
        ArrayList<Ast.Expr> nodes = new ArrayList<>();
        Ast.Expr cur = x;
        while (cur instanceof Ast.Member mm) {
            segs.add(mm.member());
            nodes.add(mm);
            cur = mm.target();
        }
        if (!(cur instanceof Ast.Identifier id)) {
            if (cur != null) expr(cur, ctx, refs);
            return null;
        }
        segs.add(id.name());
        nodes.add(id);
        Collections.reverse(segs);
        Collections.reverse(nodes);
        if (dropLast) {
            segs.remove(segs.size() - 1);
            nodes.remove(nodes.size() - 1);
            if (segs.isEmpty()) return null;
        }
        return resolvePath(segs, nodes, ctx, refs, report);
    }

    Resolution resolvePath(List<Ast.Name> segs, List<Ast.Expr> nodes, Ctx ctx, List<Resolution> refs,
            boolean report) {
        return resolvePath(segs, nodes, ctx, refs, report, segs.size() > 1);
    }

    /** {@code elementsToo}: the first segment may also name a child element (paths, {@code uses} targets). */
    Resolution resolvePath(List<Ast.Name> segs, List<Ast.Expr> nodes, Ctx ctx, List<Resolution> refs,
            boolean report, boolean elementsToo) {
        Ast.Name s0 = segs.get(0);
        if (s0 == null) return null;
        Lookup l = lookupName(s0.text(), ctx, elementsToo);
        if (l.symbol() == null) {
            if (report) {
                if (!l.ambiguousIn().isEmpty()) {
                    report(Code.E200_AMBIGUOUS, ctx.file(), s0.span(), s0.text(),
                            String.join(" and ", l.ambiguousIn().stream().map(SourceFile::name).toList()));
                } else {
                    report(Code.E200, ctx.file(), s0.span(), s0.text());
                }
            }
            return null;
        }
        Symbol cur = l.symbol();
        record(ctx.file(), nodes == null ? null : nodes.get(0), s0, cur);
        for (int i = 1; i < segs.size(); i++) {
            Ast.Name seg = segs.get(i);
            Symbol next = memberOf(ctx.file(), cur, seg, report);
            if (next == null) {
                if (report) {
                    StringBuilder sb = new StringBuilder();
                    for (int k = 0; k <= i; k++) sb.append(k == 0 ? "" : ".").append(segs.get(k).text());
                    report(Code.E202, ctx.file(), seg.span(), sb.toString());
                }
                return null;
            }
            cur = next;
            record(ctx.file(), nodes == null ? null : nodes.get(i), seg, cur);
        }
        Implementation impl = null;
        PatternSymbol owner = cur instanceof MemberSymbol m ? m.pattern()
                : cur instanceof ElementSymbol e ? e.pattern() : null;
        ContainerSymbol here = ctx.container();
        if (owner != null && (here == null || here.pattern() != owner)) {
            impl = here == null ? null : enclosingImplementation(here, owner);
            if (impl == null && report) {
                Span span = new Span(s0.span().start(), segs.get(segs.size() - 1).span().end());
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < segs.size(); k++) sb.append(k == 0 ? "" : ".").append(segs.get(k).text());
                report(Code.E202_PLACEHOLDER, ctx.file(), span, sb.toString(), owner.name());
            }
        }
        Resolution r = new Resolution(cur, impl);
        if (nodes != null) resolutions.put(nodes.get(nodes.size() - 1), r);
        if (refs != null && cur instanceof MemberSymbol && (impl != null || owner == null || here != null
                && here.pattern() == owner)) {
            refs.add(r);
        }
        return r;
    }

    void record(SourceFile f, Ast.Expr node, Ast.Name name, Symbol s) {
        if (node != null) resolutions.put(node, new Resolution(s, null));
        occurrence(f, name, s, false);
    }

    Symbol memberOf(SourceFile f, Symbol cur, Ast.Name seg, boolean report) {
        if (cur instanceof ContainerSymbol c) return c.names.get(seg.text());
        if (cur instanceof ImportSymbol is) return memberOf(f, is.target(), seg, report);
        if (cur instanceof FileSymbol file) return scopes.get(file.file()).decls.get(seg.text());
        if (cur instanceof LibrarySymbol lib) return function(f, lib, seg, null, null, report);
        return null;
    }

    void call(Ast.Call c, Ctx ctx, boolean asCheck, List<Resolution> refs) {
        Ast.Expr callee = c.callee();
        FunctionKind used = asCheck ? FunctionKind.CHECK : FunctionKind.SELECTOR;
        if (callee instanceof Ast.Member m && m.target() instanceof Ast.Identifier id && m.member() != null) {
            Symbol libSym = lookupLibrary(ctx.fs(), id.name().text());
            if (libSym != null) {
                LibrarySymbol lib = libSym instanceof ImportSymbol is ? (LibrarySymbol) is.target()
                        : (LibrarySymbol) libSym;
                record(ctx.file(), id, id.name(), libSym);
                FunctionSymbol fn = function(ctx.file(), lib, m.member(), used, c, true);
                record(ctx.file(), m, m.member(), fn);
                calls.put(c, new LibraryCall(c, lib, fn, used));
            } else {
                Lookup l = lookupName(id.name().text(), ctx, true);
                if (l.symbol() != null) {
                    record(ctx.file(), id, id.name(), l.symbol());
                    report(Code.E205, ctx.file(), callee.span());
                } else {
                    report(Code.E203, ctx.file(), id.span(), id.name().text());
                }
            }
        } else if (callee != null) {
            report(Code.E205, ctx.file(), callee.span());
            if (callee instanceof Ast.Member) {
                path(callee, ctx, null, false, true);
            } else if (!(callee instanceof Ast.Identifier)) {
                expr(callee, ctx, refs);
            }
        }
        for (Ast.Expr arg : c.arguments()) expr(arg, ctx, refs);
    }

    void resolveUses(ElementSymbol e, Ast.Uses u, Ctx ctx) {
        Resolution src = null;
        Resolution tgt = null;
        if (u.source() != null) {
            Lookup l = lookupName(u.source().text(), ctx, false);
            if (l.symbol() == null) {
                report(Code.E200, e.file(), u.source().span(), u.source().text());
            } else {
                occurrence(e.file(), u.source(), l.symbol(), false);
                src = new Resolution(l.symbol(), null);
            }
        }
        if (u.target() != null && !u.target().segments().isEmpty()) {
            tgt = resolvePath(u.target().segments(), null, ctx, null, true, true);
        }
        UsesSite site = new UsesSite(u, e, src, tgt);
        e.uses.add(site);
        uses.add(site);
    }

    /** Names in requirements: patterns (E211), languages; {@code requires check lib.f} is indexed, not checked. */
    void indexRequirement(PatternSymbol p, Ast.Requirement r) {
        SourceFile f = p.file();
        Ast.RequirementSpec spec = r.spec();
        if (spec instanceof Ast.ImplementsSpec is) {
            resolvePatternName(f, is.pattern());
        } else if (spec instanceof Ast.ElementSpec es) {
            resolvePatternName(f, es.implemented());
            for (Ast.Item item : es.items()) {
                if (item instanceof Ast.Check c) requiredCall(f, c, true);
            }
        } else if (spec instanceof Ast.LanguageSpec ls && ls.language() != null) {
            LanguageSymbol l = lookupLanguage(scopes.get(f), ls.language().text());
            if (l != null) occurrence(f, ls.language(), l, false);
        } else if (spec instanceof Ast.ScopeSpec ss && ss.scope().language() != null) {
            LanguageSymbol l = lookupLanguage(scopes.get(f), ss.scope().language().text());
            if (l != null) occurrence(f, ss.scope().language(), l, false);
        } else if (spec instanceof Ast.CheckSpec cs) {
            requiredCall(f, cs.check(), true);
        }
    }

    /** The library function a {@code requires check lib.f(...)} (or {@code lib.f}) names: [library, function], or null. */
    String[] requiredCall(SourceFile f, Ast.Check check) {
        return requiredCall(f, check, false);
    }

    String[] requiredCall(SourceFile f, Ast.Check check, boolean indexNames) {
        // lib.f(...) or lib.f: the arguments are not compared, so the bare function name says the same
        Ast.Expr callee = check.expr() instanceof Ast.Call c ? c.callee() : check.expr();
        if (!(callee instanceof Ast.Member m) || !(m.target() instanceof Ast.Identifier id) || m.member() == null) {
            // a requirement that names no library function could never be met nor judged: say so, never ignore it
            if (indexNames && check.expr() != null) report(Code.E205, f, check.expr().span());
            return null;
        }
        Symbol libSym = lookupLibrary(scopes.get(f), id.name().text());
        if (libSym == null) return new String[] {id.name().text(), m.member().text()};
        LibrarySymbol lib = libSym instanceof ImportSymbol is ? (LibrarySymbol) is.target() : (LibrarySymbol) libSym;
        if (indexNames) {
            occurrence(f, id.name(), libSym, false);
            occurrence(f, m.member(), function(f, lib, m.member(), null, null, false), false);
        }
        return new String[] {lib.name(), m.member().text()};
    }
}
