package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hielements.diagnostics.Code;
import org.hielements.syntax.Ast;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/** Phase 3 of the semantic analysis: the names each import brings into its file, and import cycles (E216). */
abstract class ImportPhase extends DeclarePhase {
    ImportPhase(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        super(known, sources, workspaceRoot, parser, hint);
    }

    // ============================================================================================ 3. imports
    void linkImports(SourceFile f) {
        FileScope fs = scopes.get(f);
        for (Ast.Import imp : f.ast().imports()) {
            ImportTarget t = importTargets.get(imp);
            if (t == null) continue;
            Span pathSpan = imp.path().span();
            if (t instanceof ImportTarget.Missing m) {
                report(Code.E216, f, pathSpan, m.path(), m.reason());
            } else if (t instanceof ImportTarget.ToFile tf) {
                FileSymbol target = fileSymbol(tf.file());
                index.add(new Occurrence(f, pathSpan, target, false));
                fileEdges.add(new FileEdge(f, tf.file(), imp));
                if (!imp.from()) {
                    String name = imp.alias() != null ? imp.alias().text() : tf.qualifier();
                    Ast.Name declared = imp.alias() != null ? imp.alias() : new Ast.Name(name, pathSpan);
                    ImportSymbol is = new ImportSymbol(f, imp, name, declared, target);
                    if (imp.alias() != null) occurrence(f, imp.alias(), is, true);
                    fs.imports.putIfAbsent(name, is);
                    if (!fs.importedFiles.contains(tf.file())) fs.importedFiles.add(tf.file());
                } else {
                    FileScope other = scopes.get(tf.file());
                    for (Ast.Name n : imp.names()) {
                        Symbol s = other.decls.get(n.text());
                        if (s == null) s = other.languages.get(n.text());
                        if (s == null) {
                            report(Code.E202, f, n.span(), pathText(imp.path()) + "." + n.text());
                        } else {
                            fs.fromImported.putIfAbsent(n.text(), s);
                            occurrence(f, n, s, false);
                        }
                    }
                }
            } else if (t instanceof ImportTarget.ToLibrary tl) {
                LibrarySymbol lib = library(tl.library());
                if (!lib.known()) report(Code.W001, f, tl.nameNode().span(), lib.name());
                occurrence(f, tl.nameNode(), lib, false);
                if (!imp.from()) {
                    if (imp.alias() != null) {
                        ImportSymbol is = new ImportSymbol(f, imp, imp.alias().text(), imp.alias(), lib);
                        occurrence(f, imp.alias(), is, true);
                        fs.imports.putIfAbsent(is.name(), is);
                    } else {
                        fs.imports.putIfAbsent(lib.name(), lib);
                    }
                } else {
                    for (Ast.Name n : imp.names()) {
                        FunctionSymbol fn = function(f, lib, n, null, null, true);
                        fs.fromImported.putIfAbsent(n.text(), fn);
                        occurrence(f, n, fn, false);
                    }
                }
            }
        }
    }

    static String pathText(Ast.ImportPath p) {
        if (p instanceof Ast.ImportPath.StringPath sp) return "'" + sp.value() + "'";
        return ((Ast.ImportPath.Dotted) p).name().text();
    }

    /** E216 on every import that is part of an import cycle. */
    void importCycles() {
        if (fileEdges.isEmpty()) return;
        Map<SourceFile, List<SourceFile>> adj = new IdentityHashMap<>();
        for (FileEdge e : fileEdges) adj.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        List<SourceFile> order = new ArrayList<>(files);
        Map<SourceFile, Integer> comp = Graphs.components(order, f -> adj.getOrDefault(f, List.of()));
        for (FileEdge e : fileEdges) {
            if (!comp.get(e.from()).equals(comp.get(e.to()))) continue;
            List<SourceFile> path = e.from() == e.to() ? List.of()
                    : Graphs.path(e.to(), e.from(), f -> adj.getOrDefault(f, List.of()),
                            f -> comp.get(f).equals(comp.get(e.from())));
            StringBuilder sb = new StringBuilder("import cycle ").append(e.from().name()).append(" -> ")
                    .append(e.to().name());
            for (SourceFile p : path) sb.append(" -> ").append(p.name());
            report(Code.E216, e.from(), e.node().path().span(), pathText(e.node().path()), sb.toString());
        }
    }
}
