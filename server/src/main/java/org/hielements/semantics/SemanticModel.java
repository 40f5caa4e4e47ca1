package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.DiagnosticCap;
import org.hielements.syntax.Ast;
import org.hielements.text.SourceText;

/**
 * The meaning of a set of {@code .hie} files (the roots and every file they import): symbols, what every name
 * resolves to, pattern implementations with their bindings, the checks to run, the dependency graph of values, the
 * connection-check plan, and the semantic diagnostics (syntax diagnostics stay in each file's
 * {@link SourceFile#parse()}). Immutable once built; safe to read from several threads.
 */
public final class SemanticModel {
    private final Analysis a;
    private final List<Diagnostic> diagnostics;
    private final Map<SourceText, SourceFile> bySource = new IdentityHashMap<>();
    private final Map<SourceText, List<Diagnostic>> bySourceDiagnostics = new IdentityHashMap<>();

    SemanticModel(Analysis analysis) {
        this.a = analysis;
        // at most DiagnosticCap.PER_FILE per file, then a note counting the others
        this.diagnostics = List.copyOf(DiagnosticCap.capPerFile(analysis.sortedDiagnostics()));
        for (SourceFile f : analysis.files) bySource.put(f.source(), f);
        for (Diagnostic d : diagnostics) bySourceDiagnostics.computeIfAbsent(d.source(), k -> new ArrayList<>()).add(d);
    }

    /** Milliseconds spent in each phase of the analysis, in order (for benchmarks and logs). */
    public Map<String, Double> phaseMillis() {
        Map<String, Double> out = new LinkedHashMap<>();
        a.phaseNanos.forEach((k, v) -> out.put(k, v / 1e6));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ files

    /** Every file of the model, roots and imported, sorted by path. */
    public List<SourceFile> files() {
        return Collections.unmodifiableList(a.files);
    }

    /** The file at an absolute path (normalized here). */
    public Optional<SourceFile> file(Path path) {
        return Optional.ofNullable(a.byPath.get(path.toAbsolutePath().normalize()));
    }

    /** The file whose text is {@code source} (the same object). */
    public Optional<SourceFile> file(SourceText source) {
        return Optional.ofNullable(bySource.get(source));
    }

    // ------------------------------------------------------------------------------------------------ diagnostics

    /**
     * The semantic diagnostics of every file, sorted by file name, position, code and message; at most
     * {@link DiagnosticCap#PER_FILE} per file, then a note counting the others.
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The semantic diagnostics of one file, by position. */
    public List<Diagnostic> diagnostics(SourceFile file) {
        List<Diagnostic> l = bySourceDiagnostics.get(file.source());
        return l == null ? List.of() : Collections.unmodifiableList(l);
    }

    // ------------------------------------------------------------------------------------------------ declarations

    /** Top-level elements of every file, files in path order, each in source order. */
    public List<ElementSymbol> topLevelElements() {
        return Collections.unmodifiableList(a.topLevelElements);
    }

    /** Every real element (not inside a pattern), each file depth-first in source order: what runs. */
    public List<ElementSymbol> elements() {
        return Collections.unmodifiableList(a.elements);
    }

    /**
     * The libraries the analysis looked up (by a call, a path or an import), sorted by name, each with the function list
     * it was given: the only libraries whose lists can have shaped this model.
     */
    public List<LibrarySymbol> libraries() {
        List<LibrarySymbol> out = new ArrayList<>(a.libraries.values());
        out.sort(java.util.Comparator.comparing(LibrarySymbol::name));
        return Collections.unmodifiableList(out);
    }

    public List<PatternSymbol> patterns() {
        return Collections.unmodifiableList(a.patterns);
    }

    public List<LanguageSymbol> languages() {
        return Collections.unmodifiableList(a.languages);
    }

    /** Every element-implements-pattern pair, in element order then clause order. */
    public List<Implementation> implementations() {
        return Collections.unmodifiableList(a.implementations);
    }

    /** Every pattern check to run: each check of each pattern, once per implementation. */
    public List<PatternCheck> patternChecks() {
        return Collections.unmodifiableList(a.patternChecks);
    }

    /** Every {@code uses} declaration of real elements, in element order. */
    public List<UsesSite> uses() {
        return Collections.unmodifiableList(a.uses);
    }

    // ------------------------------------------------------------------------------------------------ resolution

    /**
     * What an identifier or dotted path of the tree stands for (the node of a whole path, and each prefix of it);
     * empty for other expressions and for names that did not resolve.
     */
    public Optional<Resolution> resolution(Ast.Expr expr) {
        return Optional.ofNullable(a.resolutions.get(expr));
    }

    /** The library call of a {@code lib.f(...)} expression whose library is known or imported. */
    public Optional<LibraryCall> call(Ast.Call call) {
        return Optional.ofNullable(a.calls.get(call));
    }

    /** The pattern member a scope or ref binds with {@code binds P.path}, when that resolved. */
    public Optional<MemberSymbol> bindsTarget(MemberSymbol provider) {
        return Optional.ofNullable(a.bindsTargets.get(provider));
    }

    /** Every value and what it needs; values in a cycle are reported (E215) and excluded from the order. */
    public DependencyGraph graph() {
        return a.graph;
    }

    /** Which connection checks run for which {@code uses} and elements (planned on first call, then kept). */
    public ConnectionPlan connectionPlan() {
        return a.plan();
    }

    /** Every name occurrence and its symbol. */
    public SymbolIndex index() {
        return a.index;
    }

    // ------------------------------------------------------------------------------------------------ for editors

    /** The innermost element or pattern body whose declaration contains {@code offset}. */
    public Optional<ContainerSymbol> containerAt(SourceFile file, int offset) {
        Analysis.FileScope fs = a.scope(file);
        if (fs == null) return Optional.empty();
        ContainerSymbol found = null;
        List<? extends ContainerSymbol> level = fs.topLevel;
        while (level != null) {
            ContainerSymbol hit = null;
            for (ContainerSymbol c : level) {
                if (c.declaration().orElseThrow().span().contains(offset)) {
                    hit = c;
                    break;
                }
            }
            if (hit == null) break;
            found = hit;
            level = hit.children;
        }
        return Optional.ofNullable(found);
    }

    /**
     * What {@code name} means in an expression written in {@code container} (null: at top level) of {@code file},
     * by the rules of LANGUAGE.md §2; {@code firstOfPath} also finds child elements (the first segment of a dotted
     * path).
     */
    public Optional<Symbol> lookup(SourceFile file, ContainerSymbol container, String name, boolean firstOfPath) {
        Analysis.FileScope fs = a.scope(file);
        if (fs == null) return Optional.empty();
        return Optional.ofNullable(a.lookupName(name, new Analysis.Ctx(file, fs, container, null), firstOfPath)
                .symbol());
    }

    /**
     * Every name visible in {@code container} of {@code file} (null: top level), innermost first, each name once
     * (the one a lookup would find): members and children of the enclosing bodies, then the file's declarations,
     * imported names and import aliases. Known libraries are not included (the registry lists them).
     */
    public Map<String, Symbol> visibleNames(SourceFile file, ContainerSymbol container) {
        Map<String, Symbol> out = new LinkedHashMap<>();
        Analysis.FileScope fs = a.scope(file);
        if (fs == null) return out;
        for (ContainerSymbol c = container; c != null; c = c.parent()) {
            for (MemberSymbol m : c.members) out.putIfAbsent(m.name(), m);
            for (ElementSymbol e : c.children) out.putIfAbsent(e.name(), e);
        }
        for (ContainerSymbol c : fs.topLevel) out.putIfAbsent(c.name(), c);
        fs.fromImported.forEach(out::putIfAbsent);
        fs.imports.forEach(out::putIfAbsent);
        for (SourceFile g : fs.importedFiles) {
            for (ContainerSymbol c : a.scope(g).topLevel) out.putIfAbsent(c.name(), c);
        }
        return out;
    }

    /** The patterns an {@code implements} clause in {@code file} can name, by the name to write. */
    public Map<String, PatternSymbol> visiblePatterns(SourceFile file) {
        Map<String, PatternSymbol> out = new LinkedHashMap<>();
        Analysis.FileScope fs = a.scope(file);
        if (fs == null) return out;
        for (ContainerSymbol c : fs.topLevel) {
            if (c instanceof PatternSymbol p) out.putIfAbsent(p.name(), p);
        }
        fs.fromImported.forEach((n, s) -> {
            if (s instanceof PatternSymbol p) out.putIfAbsent(n, p);
        });
        for (SourceFile g : fs.importedFiles) {
            for (ContainerSymbol c : a.scope(g).topLevel) {
                if (c instanceof PatternSymbol p && a.lookupPattern(fs, p.name()) == p) out.putIfAbsent(p.name(), p);
            }
        }
        return out;
    }

    /** The languages visible from {@code file}, by name. */
    public Map<String, LanguageSymbol> visibleLanguages(SourceFile file) {
        Map<String, LanguageSymbol> out = new LinkedHashMap<>();
        Analysis.FileScope fs = a.scope(file);
        if (fs == null) return out;
        for (LanguageSymbol l : a.languages) {
            if (a.lookupLanguage(fs, l.name()) == l) out.putIfAbsent(l.name(), l);
        }
        return out;
    }
}
