package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryRegistry;
import org.hielements.semantics.ContainerSymbol;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.ImportSymbol;
import org.hielements.semantics.LibrarySymbol;
import org.hielements.semantics.PatternSymbol;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.semantics.Symbol;
import org.hielements.syntax.Ast;

/** Small lookups over a semantic model and the registry that several features share. */
final class Models {
    private Models() {}

    /** The top-level elements and patterns declared in {@code file}. */
    static List<ContainerSymbol> topLevel(SemanticModel model, SourceFile file) {
        List<ContainerSymbol> out = new ArrayList<>();
        for (ElementSymbol e : model.topLevelElements()) {
            if (e.file() == file) out.add(e);
        }
        for (PatternSymbol p : model.patterns()) {
            if (p.file() == file) out.add(p);
        }
        out.sort((a, b) -> Integer.compare(a.nameNode().span().start(), b.nameNode().span().start()));
        return out;
    }

    /**
     * The symbol of the innermost element or pattern of a declaration chain ({@link Cursor#enclosing}): each link is
     * the declaration at the same place, or else the only one of that name at its level.
     */
    static ContainerSymbol container(SemanticModel model, SourceFile file, List<Object> chain) {
        ContainerSymbol current = null;
        List<? extends ContainerSymbol> level = topLevel(model, file);
        for (Object o : chain) {
            Ast.Name name;
            if (o instanceof Ast.Element e) name = e.name();
            else if (o instanceof Ast.Pattern p) name = p.name();
            else break;
            if (name == null) break;
            ContainerSymbol hit = null;
            ContainerSymbol byName = null;
            int named = 0;
            for (ContainerSymbol c : level) {
                if (c.nameNode().span().equals(name.span())) {
                    hit = c;
                    break;
                }
                if (c.name().equals(name.text())) {
                    byName = c;
                    named++;
                }
            }
            // a model of an earlier version (DocumentAnalysis#modelForTyping) has other spans: then the unique name
            if (hit == null && named == 1) hit = byName;
            if (hit == null) break;
            current = hit;
            level = hit.children();
        }
        return current;
    }

    /**
     * The library a name stands for where it is written: an import alias of a library, or a built-in or configured
     * library by its own name.
     */
    static Optional<String> libraryName(SemanticModel model, SourceFile file, ContainerSymbol container, String name,
            LibraryRegistry registry) {
        if (model != null && file != null) {
            Optional<Symbol> s = model.lookup(file, container, name, true);
            if (s.isPresent()) {
                if (s.get() instanceof LibrarySymbol l) return Optional.of(l.name());
                if (s.get() instanceof ImportSymbol is && is.target() instanceof LibrarySymbol l) {
                    return Optional.of(l.name());
                }
                return Optional.empty();
            }
        }
        return registry.has(name) ? Optional.of(name) : Optional.empty();
    }

    /** What is known of a library's functions without starting anything. */
    static Optional<LibraryDoc> functions(LibraryRegistry registry, String library) {
        return registry.get(library).flatMap(Library::knownFunctions);
    }
}
