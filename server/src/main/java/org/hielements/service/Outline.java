package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hielements.semantics.ContainerSymbol;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.LanguageSymbol;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.PatternSymbol;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.syntax.Ast;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/** Document symbols (the element / pattern tree with scopes, refs and checks) and workspace symbols. */
final class Outline {
    private Outline() {}

    static List<OutlineNode> of(DocumentAnalysis a) {
        SourceText s = a.source();
        List<OutlineNode> out = new ArrayList<>();
        for (Ast.Declaration d : a.ast().declarations()) {
            OutlineNode n = declaration(s, d);
            if (n != null) out.add(n);
        }
        return out;
    }

    private static OutlineNode declaration(SourceText s, Ast.Declaration d) {
        if (d instanceof Ast.Element e) return element(s, e);
        if (d instanceof Ast.Pattern p) {
            if (p.name() == null) return null;
            return node(s, p.name().text(), p.template() ? "template" : "pattern", OutlineNode.Kind.PATTERN, p.span(),
                    p.name().span(), items(s, p.items()));
        }
        if (d instanceof Ast.Language l) {
            if (l.name() == null) return null;
            List<OutlineNode> checks = new ArrayList<>();
            for (Ast.ConnectionCheck c : l.checks()) {
                if (c.name() == null) continue;
                checks.add(node(s, c.name().text(), "connection_check(" + String.join(", ",
                        c.parameters().stream().map(Ast.Name::text).toList()) + ")", OutlineNode.Kind.CONNECTION_CHECK,
                        c.span(), c.name().span(), List.of()));
            }
            return node(s, l.name().text(), "language", OutlineNode.Kind.LANGUAGE, l.span(), l.name().span(), checks);
        }
        return null;
    }

    private static OutlineNode element(SourceText s, Ast.Element e) {
        if (e.name() == null) return null;
        String detail = e.implemented().isEmpty() ? "element"
                : "implements " + String.join(", ", e.implemented().stream().map(Ast.Name::text).toList());
        return node(s, e.name().text(), detail, OutlineNode.Kind.ELEMENT, e.span(), e.name().span(),
                items(s, e.items()));
    }

    private static List<OutlineNode> items(SourceText s, List<Ast.Item> items) {
        List<OutlineNode> out = new ArrayList<>();
        for (Ast.Item it : items) {
            if (it instanceof Ast.Element e) {
                OutlineNode n = element(s, e);
                if (n != null) out.add(n);
            } else if (it instanceof Ast.Scope sc && sc.name() != null) {
                String detail = "scope" + (sc.language() != null ? " <" + sc.language().text() + ">" : "")
                        + (sc.value() == null ? " (placeholder)" : "");
                out.add(node(s, sc.name().text(), detail, OutlineNode.Kind.SCOPE, sc.span(), sc.name().span(),
                        List.of()));
            } else if (it instanceof Ast.Ref r && r.name() != null) {
                String detail = "ref" + (r.type() != null ? ": " + r.type().text() : "")
                        + (r.value() == null ? " (placeholder)" : "");
                out.add(node(s, r.name().text(), detail, OutlineNode.Kind.REF, r.span(), r.name().span(), List.of()));
            } else if (it instanceof Ast.Check c) {
                Span at = c.expr() != null ? c.expr().span() : c.span();
                String text = collapse(s.text(), at);
                if (text.isEmpty()) text = "check";
                out.add(node(s, text, "check", OutlineNode.Kind.CHECK, c.span(), at, List.of()));
            } else if (it instanceof Ast.Uses u && u.source() != null && u.target() != null) {
                out.add(node(s, u.source().text() + " uses " + u.target().text(), "uses", OutlineNode.Kind.USES,
                        u.span(), u.source().span(), List.of()));
            } else if (it instanceof Ast.Requirement r && r.spec() instanceof Ast.ElementSpec es && es.name() != null) {
                out.add(node(s, es.name().text(), r.kind().name().toLowerCase(Locale.ROOT) + " element",
                        OutlineNode.Kind.ELEMENT, r.span(), es.name().span(), items(s, es.items())));
            }
        }
        return out;
    }

    private static OutlineNode node(SourceText s, String name, String detail, OutlineNode.Kind kind, Span span,
            Span nameSpan, List<OutlineNode> children) {
        Span sel = nameSpan.start() >= span.start() && nameSpan.end() <= span.end() ? nameSpan : span;
        return new OutlineNode(name, detail, kind, Range.of(s, span), Range.of(s, sel), children);
    }

    static String collapse(String text, Span span) {
        int start = Math.max(0, Math.min(span.start(), text.length()));
        int end = Math.max(start, Math.min(span.end(), text.length()));
        return text.substring(start, end).replaceAll("\\s+", " ").trim();
    }

    // -------------------------------------------------------------------------------------------- workspace

    /** Declarations of the model's files whose name matches {@code query} (case-insensitive subsequence). */
    static List<WorkspaceSymbolEntry> workspace(SemanticModel model, String query, DocumentStore store, int limit) {
        List<WorkspaceSymbolEntry> out = new ArrayList<>();
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        for (SourceFile f : model.files()) {
            for (ContainerSymbol c : Models.topLevel(model, f)) {
                collect(c, q, store, out, limit);
                if (out.size() >= limit) return out;
            }
        }
        for (LanguageSymbol l : model.languages()) {
            if (out.size() >= limit) break;
            if (matches(l.name(), q)) {
                out.add(new WorkspaceSymbolEntry(l.name(), OutlineNode.Kind.LANGUAGE, "",
                        Navigation.location(l.file(), l.node().name().span(), store)));
            }
        }
        return out;
    }

    private static void collect(ContainerSymbol c, String q, DocumentStore store, List<WorkspaceSymbolEntry> out,
            int limit) {
        if (out.size() >= limit) return;
        String parent = c.parent() == null ? "" : c.parent().path();
        if (matches(c.name(), q)) {
            out.add(new WorkspaceSymbolEntry(c.name(), c instanceof PatternSymbol ? OutlineNode.Kind.PATTERN
                    : OutlineNode.Kind.ELEMENT, parent, Navigation.location(c.file(), c.nameNode().span(), store)));
        }
        for (MemberSymbol m : c.members()) {
            if (out.size() >= limit) return;
            if (matches(m.name(), q)) {
                out.add(new WorkspaceSymbolEntry(m.name(), m.isScope() ? OutlineNode.Kind.SCOPE : OutlineNode.Kind.REF,
                        c.path(), Navigation.location(m.file(), m.nameNode().span(), store)));
            }
        }
        for (ElementSymbol e : c.children()) collect(e, q, store, out, limit);
    }

    static boolean matches(String name, String q) {
        if (q.isEmpty()) return true;
        String n = name.toLowerCase(Locale.ROOT);
        int j = 0;
        for (int i = 0; i < n.length() && j < q.length(); i++) {
            if (n.charAt(i) == q.charAt(j)) j++;
        }
        return j == q.length();
    }
}
