package org.hielements.lsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.hielements.diagnostics.Severity;
import org.hielements.service.CompletionEntry;
import org.hielements.service.DocEdit;
import org.hielements.service.DocLocation;
import org.hielements.service.DocumentDiagnostic;
import org.hielements.service.FoldRange;
import org.hielements.service.HoverInfo;
import org.hielements.service.Lens;
import org.hielements.service.OutlineNode;
import org.hielements.service.QuickFix;
import org.hielements.service.SignatureInfo;
import org.hielements.service.WorkspaceChange;
import org.hielements.service.WorkspaceSymbolEntry;

/**
 * Copies service values into LSP4J types and back. No logic: positions are already LSP positions (0-based line,
 * UTF-16 column) computed by {@link org.hielements.text.SourceText}, the one converter.
 */
final class Lsp {
    static final String SOURCE = "hielements";

    private Lsp() {}

    static org.hielements.text.Position position(Position p) {
        return new org.hielements.text.Position(Math.max(0, p.getLine()), Math.max(0, p.getCharacter()));
    }

    static org.hielements.service.Range range(Range r) {
        return new org.hielements.service.Range(position(r.getStart()), position(r.getEnd()));
    }

    static Position position(org.hielements.text.Position p) {
        return new Position(p.line(), p.character());
    }

    static Range range(org.hielements.service.Range r) {
        return new Range(position(r.start()), position(r.end()));
    }

    static Location location(DocLocation l) {
        return new Location(l.uri(), range(l.range()));
    }

    static List<Location> locations(List<DocLocation> ls) {
        List<Location> out = new ArrayList<>(ls.size());
        for (DocLocation l : ls) out.add(location(l));
        return out;
    }

    static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }

    static Diagnostic diagnostic(DocumentDiagnostic d) {
        Diagnostic out = new Diagnostic(range(d.range()), d.message(), severity(d.severity()), SOURCE, d.code());
        if (!d.related().isEmpty()) {
            List<DiagnosticRelatedInformation> rel = new ArrayList<>();
            for (DocumentDiagnostic.Related r : d.related()) {
                rel.add(new DiagnosticRelatedInformation(location(r.location()), r.message()));
            }
            out.setRelatedInformation(rel);
        }
        return out;
    }

    static MarkupContent markdown(String md) {
        return new MarkupContent(MarkupKind.MARKDOWN, md);
    }

    static CompletionItem completion(CompletionEntry e) {
        CompletionItem item = new CompletionItem(e.label());
        item.setKind(switch (e.kind()) {
            case KEYWORD -> CompletionItemKind.Keyword;
            case LIBRARY -> CompletionItemKind.Module;
            case FUNCTION -> CompletionItemKind.Function;
            case ELEMENT -> CompletionItemKind.Class;
            case PATTERN -> CompletionItemKind.Interface;
            case SCOPE -> CompletionItemKind.Variable;
            case REF -> CompletionItemKind.Property;
            case PLACEHOLDER -> CompletionItemKind.Field;
            case LANGUAGE -> CompletionItemKind.Enum;
            case FILE -> CompletionItemKind.File;
        });
        item.setDetail(e.detail());
        if (e.documentation() != null) item.setDocumentation(markdown(e.documentation()));
        if (e.sortText() != null) item.setSortText(e.sortText());
        if (e.edit() != null) {
            item.setTextEdit(Either.forLeft(new TextEdit(range(e.edit().range()), e.edit().newText())));
            item.setFilterText(e.edit().newText());
        } else if (e.insertText() != null) {
            item.setInsertText(e.insertText());
        }
        return item;
    }

    static Hover hover(HoverInfo h) {
        return new Hover(markdown(h.markdown()), range(h.range()));
    }

    static SignatureHelp signatureHelp(SignatureInfo s) {
        SignatureInformation info = new SignatureInformation(s.label());
        if (s.documentation() != null) info.setDocumentation(markdown(s.documentation()));
        List<ParameterInformation> params = new ArrayList<>();
        for (SignatureInfo.Parameter p : s.parameters()) {
            ParameterInformation pi = new ParameterInformation(p.label());
            if (p.documentation() != null) pi.setDocumentation(markdown(p.documentation()));
            params.add(pi);
        }
        info.setParameters(params);
        SignatureHelp help = new SignatureHelp(List.of(info), 0, s.activeParameter());
        info.setActiveParameter(s.activeParameter());
        return help;
    }

    static SymbolKind symbolKind(OutlineNode.Kind k) {
        return switch (k) {
            case ELEMENT -> SymbolKind.Class;
            case PATTERN -> SymbolKind.Interface;
            case LANGUAGE -> SymbolKind.Namespace;
            case SCOPE -> SymbolKind.Field;
            case REF -> SymbolKind.Property;
            case CHECK -> SymbolKind.Event;
            case CONNECTION_CHECK -> SymbolKind.Method;
            case USES -> SymbolKind.Key;
        };
    }

    static DocumentSymbol documentSymbol(OutlineNode n) {
        List<DocumentSymbol> children = new ArrayList<>();
        for (OutlineNode c : n.children()) children.add(documentSymbol(c));
        return new DocumentSymbol(n.name(), symbolKind(n.kind()), range(n.range()), range(n.selectionRange()),
                n.detail(), children);
    }

    static WorkspaceSymbol workspaceSymbol(WorkspaceSymbolEntry e) {
        return new WorkspaceSymbol(e.name(), symbolKind(e.kind()), Either.forLeft(location(e.location())),
                e.containerName());
    }

    static FoldingRange folding(FoldRange f) {
        FoldingRange r = new FoldingRange(f.startLine(), f.endLine());
        r.setKind(switch (f.kind()) {
            case COMMENT -> FoldingRangeKind.Comment;
            case IMPORTS -> FoldingRangeKind.Imports;
            case REGION -> FoldingRangeKind.Region;
        });
        return r;
    }

    static TextEdit textEdit(DocEdit e) {
        return new TextEdit(range(e.range()), e.newText());
    }

    static WorkspaceEdit workspaceEdit(WorkspaceChange c) {
        Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
        c.edits().forEach((uri, edits) -> {
            List<TextEdit> list = new ArrayList<>();
            for (DocEdit e : edits) list.add(textEdit(e));
            changes.put(uri, list);
        });
        return new WorkspaceEdit(changes);
    }

    static CodeLens codeLens(Lens l) {
        Command c = new Command(l.title(), l.command() == null ? "" : l.command(),
                l.arguments().isEmpty() ? null : l.arguments());
        return new CodeLens(range(l.range()), c, null);
    }

    static CodeAction codeAction(QuickFix f, List<Diagnostic> fromClient) {
        CodeAction a = new CodeAction(f.title());
        a.setKind(CodeActionKind.QuickFix);
        a.setEdit(workspaceEdit(f.change()));
        List<Diagnostic> fixes = new ArrayList<>();
        for (Diagnostic d : fromClient) {
            if (d.getCode() != null && d.getCode().isLeft() && f.diagnosticCode().equals(d.getCode().getLeft())
                    && range(d.getRange()).equals(f.diagnosticRange())) {
                fixes.add(d);
            }
        }
        if (!fixes.isEmpty()) a.setDiagnostics(fixes);
        if (!f.diagnosticCode().isEmpty()) a.setIsPreferred(true); // a fix of a diagnostic, not an offer
        return a;
    }
}
