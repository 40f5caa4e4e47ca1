package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hielements.diagnostics.Code;
import org.hielements.syntax.Ast;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;

/** Phase 2 of the semantic analysis: the symbols every file declares (elements, patterns, members, languages). */
abstract class DeclarePhase extends LoadPhase {
    DeclarePhase(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        super(known, sources, workspaceRoot, parser, hint);
    }

    // ============================================================================================ 2. declarations

    void declareFile(SourceFile f) {
        FileScope fs = new FileScope(f);
        scopes.put(f, fs);
        for (Ast.Declaration d : f.ast().declarations()) {
            if (d.name() == null) continue;
            if (d instanceof Ast.Element el) {
                ElementSymbol e = declareElement(f, el, null);
                topLevelElements.add(e);
                addTop(fs, e);
            } else if (d instanceof Ast.Pattern p) {
                PatternSymbol ps = new PatternSymbol(f, p);
                patterns.add(ps);
                occurrence(f, p.name(), ps, true);
                addTop(fs, ps);
                for (Ast.Item item : p.items()) declareItem(f, ps, item);
            } else if (d instanceof Ast.Language l) {
                declareLanguage(f, fs, l);
            }
        }
    }

    void addTop(FileScope fs, ContainerSymbol c) {
        fs.topLevel.add(c);
        ContainerSymbol first = fs.decls.get(c.name());
        if (first != null) {
            report(Code.E210, fs.file, c.nameNode().span(),
                    List.of(related(first.declaration().orElseThrow(), "first declared here")), c.name(),
                    "file " + fs.file.name());
        } else {
            fs.decls.put(c.name(), c);
        }
    }

    ElementSymbol declareElement(SourceFile f, Ast.Element el, ContainerSymbol parent) {
        ElementSymbol e = new ElementSymbol(f, el, parent);
        occurrence(f, el.name(), e, true);
        if (parent != null) {
            parent.children.add(e);
            addName(parent, e.name(), e, el.name());
        }
        if (e.inPattern()) patternElements.add(e);
        else elements.add(e);
        for (Ast.Item item : el.items()) declareItem(f, e, item);
        return e;
    }

    void declareItem(SourceFile f, ContainerSymbol c, Ast.Item item) {
        if (item instanceof Ast.Scope s) {
            if (s.name() != null) declareMember(f, c, new MemberSymbol(f, c, s, null));
        } else if (item instanceof Ast.Ref r) {
            if (r.name() != null) declareMember(f, c, new MemberSymbol(f, c, null, r));
        } else if (item instanceof Ast.Element el) {
            if (el.name() != null) declareElement(f, el, c);
        } else if (item instanceof Ast.Check ch) {
            CheckSite site = new CheckSite(ch, c);
            c.checks.add(site);
            if (c.pattern() != null) c.pattern().allChecks.add(site);
        } else if (item instanceof Ast.Uses u) {
            if (c instanceof ElementSymbol e) writtenUses.computeIfAbsent(e, k -> new ArrayList<>()).add(u);
        } else if (item instanceof Ast.Binding b) {
            if (c instanceof ElementSymbol e) writtenBindings.computeIfAbsent(e, k -> new ArrayList<>()).add(b);
        } else if (item instanceof Ast.Requirement r) {
            if (c instanceof PatternSymbol p) p.requirements.add(r);
        }
    }

    void declareMember(SourceFile f, ContainerSymbol c, MemberSymbol m) {
        c.members.add(m);
        occurrence(f, m.nameNode(), m, true);
        addName(c, m.name(), m, m.nameNode());
        if (c.pattern() != null) c.pattern().allMembers.add(m);
    }

    void addName(ContainerSymbol c, String name, Symbol s, Ast.Name node) {
        Symbol first = c.names.get(name);
        if (first != null) {
            report(Code.E210, c.file(), node.span(),
                    List.of(related(first.declaration().orElseThrow(), "first declared here")), name,
                    c.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + c.path());
        } else {
            c.names.put(name, s);
        }
    }

    void declareLanguage(SourceFile f, FileScope fs, Ast.Language l) {
        LanguageSymbol ls = new LanguageSymbol(f, l);
        languages.add(ls);
        occurrence(f, l.name(), ls, true);
        LanguageSymbol first = fs.languages.get(ls.name());
        if (first != null) {
            report(Code.E210, f, l.name().span(),
                    List.of(related(first.declaration().orElseThrow(), "first declared here")), ls.name(),
                    "the languages of file " + f.name());
        } else {
            fs.languages.put(ls.name(), ls);
        }
        Map<String, ConnectionCheckSymbol> names = new HashMap<>();
        for (Ast.ConnectionCheck cc : l.checks()) {
            if (cc.name() == null) continue;
            ConnectionCheckSymbol cs = new ConnectionCheckSymbol(ls, cc);
            ls.checks.add(cs);
            occurrence(f, cc.name(), cs, true);
            ConnectionCheckSymbol firstCheck = names.putIfAbsent(cs.name(), cs);
            if (firstCheck != null) {
                report(Code.E210, f, cc.name().span(),
                        List.of(related(firstCheck.declaration().orElseThrow(), "first declared here")), cs.name(),
                        "language " + ls.name());
            }
            int i = 0;
            for (Ast.Name p : cc.parameters()) {
                ParameterSymbol ps = new ParameterSymbol(cs, p, i++);
                cs.parameters.add(ps);
                occurrence(f, p, ps, true);
            }
        }
    }
}
