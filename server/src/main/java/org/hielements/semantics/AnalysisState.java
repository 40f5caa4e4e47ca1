package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.FunctionDoc;
import org.hielements.library.FunctionKind;
import org.hielements.library.LibraryDoc;
import org.hielements.syntax.Ast;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * The tables of one run of the semantic analysis ({@link Analysis}) and what every phase shares: the namespaces, reporting,
 * the symbol index, name lookups along the lexical chain. The phases are the classes between this one and
 * {@link Analysis}, one file each, in the order they run; each adds its own methods and reads what the earlier ones
 * left: {@link LoadPhase} (1. load the files, following imports), {@link DeclarePhase} (2. declare symbols),
 * {@link ImportPhase} (3. link imports, import cycles), {@link PatternPhase} (4. {@code implements} and bindings),
 * {@link ResolvePhase} (5. resolve every expression; {@link Requirements} checks the requirements after it),
 * {@link GraphPhase} (6. the dependency graph of values), {@link ConnectionPhase} (7. the connection-check plan, on
 * first use). {@link Analysis} drives them. Not thread-safe; used once.
 */
abstract class AnalysisState {
    final KnownLibraries known;
    final SourceProvider sources;
    final Path workspaceRoot;
    final java.util.function.BiFunction<Path, SourceText, ParseResult> parser;

    final List<SourceFile> files = new ArrayList<>();
    final Map<Path, SourceFile> byPath = new HashMap<>();
    final Map<SourceFile, FileScope> scopes = new IdentityHashMap<>();
    final Map<Ast.Import, ImportTarget> importTargets = new IdentityHashMap<>();
    final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    final SymbolIndex index;
    final Map<Ast.Expr, Resolution> resolutions;
    final Map<Ast.Call, LibraryCall> calls;
    final Map<String, LibrarySymbol> libraries = new HashMap<>();
    /** The functions met in calls, by library and name (one symbol each, with its documentation of either kind). */
    final Map<LibrarySymbol, Map<String, KnownFunction>> functions = new IdentityHashMap<>();

    /** A function met in a call: its symbol, its documentation as a selector and as a check (null: not one). */
    record KnownFunction(FunctionSymbol symbol, FunctionDoc asSelector, FunctionDoc asCheck) {}
    final Map<SourceFile, FileSymbol> fileSymbols = new IdentityHashMap<>();

    final List<ElementSymbol> topLevelElements = new ArrayList<>();
    /** Real elements (outside patterns), files in path order, each file depth-first in source order. */
    final List<ElementSymbol> elements = new ArrayList<>();
    final List<ElementSymbol> patternElements = new ArrayList<>();
    final List<PatternSymbol> patterns = new ArrayList<>();
    final List<LanguageSymbol> languages = new ArrayList<>();
    final List<Implementation> implementations = new ArrayList<>();
    final List<PatternCheck> patternChecks = new ArrayList<>();
    final List<UsesSite> uses = new ArrayList<>();
    final Map<MemberSymbol, MemberSymbol> bindsTargets = new IdentityHashMap<>();

    final Map<ElementSymbol, List<Ast.Binding>> writtenBindings = new IdentityHashMap<>();
    final Map<ElementSymbol, List<Ast.Uses>> writtenUses = new IdentityHashMap<>();
    final Map<MemberSymbol, List<Resolution>> memberRefs;
    final Map<Ast.Binding, List<Resolution>> bindingRefs = new IdentityHashMap<>();
    final List<FileEdge> fileEdges = new ArrayList<>();

    DependencyGraph graph;
    /** Computed on first use ({@link ConnectionPhase#plan()}): only check runs need it, never the diagnostics of an edit. */
    ConnectionPlan plan;

    AnalysisState(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        this.known = known;
        this.sources = sources;
        this.workspaceRoot = workspaceRoot;
        this.parser = parser;
        this.resolutions = new IdentityHashMap<>(Math.max(32, hint.resolutions()));
        this.calls = new IdentityHashMap<>(Math.max(32, hint.calls()));
        this.memberRefs = new IdentityHashMap<>(Math.max(32, hint.valuedMembers()));
        this.index = new SymbolIndex(hint.symbols(), hint.occurrencesByFile());
        this.graphNodesHint = hint.graphNodes();
    }

    /** How big the tables of a run were (a capacity hint for the next run, never a limit). */
    record Sizes(int resolutions, int calls, int symbols, int valuedMembers, int graphNodes,
            Map<Path, Integer> occurrencesByFile) {
        static final Sizes NONE = new Sizes(0, 0, 0, 0, 0, Map.of());

        /**
         * Without a previous run: sizes guessed from the length of the roots' texts (a small statement takes 30 to 60
         * characters), so that the first analysis of a large file does not grow its tables step by step either.
         */
        static Sizes estimate(java.util.Collection<ParseResult> roots) {
            long chars = 0;
            for (ParseResult r : roots) chars += r.source().text().length();
            int statements = (int) Math.min(1 << 22, chars / 40);
            return new Sizes(statements, statements / 2, statements, statements / 2, statements / 2, Map.of());
        }
    }

    /** The node count of the previous model's dependency graph (a capacity hint). */
    final int graphNodesHint;

    /** The sizes of this run's tables, after {@link #run}. */
    Sizes sizes() {
        return new Sizes(resolutions.size(), calls.size(), index.symbolCount(), memberRefs.size(),
                graph == null ? 0 : graph.size(), index.occurrenceCounts());
    }

    // ============================================================================================ the namespaces

    /** The top-level names visible in one file. */
    static final class FileScope {
        final SourceFile file;
        final List<ContainerSymbol> topLevel = new ArrayList<>();
        final Map<String, ContainerSymbol> decls = new HashMap<>();
        final Map<String, LanguageSymbol> languages = new HashMap<>();
        final Map<String, Symbol> fromImported = new HashMap<>();
        /** Import names: an {@link ImportSymbol}, or a {@link LibrarySymbol} for {@code import lib} (no alias). */
        final Map<String, Symbol> imports = new HashMap<>();
        final List<SourceFile> importedFiles = new ArrayList<>();

        FileScope(SourceFile file) {
            this.file = file;
        }
    }

    /** What a name lookup found: a symbol, or nothing (then maybe the files that make it ambiguous). */
    record Lookup(Symbol symbol, List<SourceFile> ambiguousIn) {
        static final Lookup NONE = new Lookup(null, List.of());
    }

    /** The lexical context of an expression. */
    record Ctx(SourceFile file, FileScope fs, ContainerSymbol container, ConnectionCheckSymbol connectionCheck) {}

    sealed interface ImportTarget {
        record ToFile(SourceFile file, String qualifier) implements ImportTarget {}

        record ToLibrary(String library, Ast.Name nameNode) implements ImportTarget {}

        record Missing(String path, String reason) implements ImportTarget {}
    }

    record FileEdge(SourceFile from, SourceFile to, Ast.Import node) {}

    // ============================================================================================ reporting

    Diagnostic report(Code code, SourceFile file, Span span, Object... args) {
        Diagnostic d = Diagnostic.of(code, file.source(), span, args);
        diagnostics.add(d);
        return d;
    }

    void report(Code code, SourceFile file, Span span, List<Diagnostic.Related> related, Object... args) {
        diagnostics.add(Diagnostic.of(code, file.source(), span, args).withRelated(related));
    }

    static Diagnostic.Related related(Location at, String message) {
        return new Diagnostic.Related(at.source(), at.nameSpan(), message);
    }

    void occurrence(SourceFile file, Ast.Name name, Symbol symbol, boolean declaration) {
        if (name != null) index.add(new Occurrence(file, name.span(), symbol, declaration));
    }

    // ============================================================================================ 3. imports

    LibrarySymbol library(String name) {
        LibrarySymbol l = libraries.get(name);
        if (l == null) {
            boolean isKnown = known.isKnown(name);
            l = new LibrarySymbol(name, isKnown, isKnown ? known.functions(name).orElse(null) : null);
            libraries.put(name, l);
        }
        return l;
    }

    FileSymbol fileSymbol(SourceFile f) {
        return fileSymbols.computeIfAbsent(f, FileSymbol::new);
    }

    // ============================================================================================ lookups

    /** The top-level meaning of {@code name} in a file (LANGUAGE.md §2, §3). */
    Lookup lookupTop(FileScope fs, String name) {
        Symbol s = fs.decls.get(name);
        if (s == null) s = fs.fromImported.get(name);
        if (s == null) s = fs.imports.get(name);
        if (s == null && known.isKnown(name)) s = library(name);
        if (s != null) return new Lookup(s, List.of());
        Symbol found = null;
        List<SourceFile> where = null;
        for (SourceFile g : fs.importedFiles) {
            ContainerSymbol d = scopes.get(g).decls.get(name);
            if (d == null || d == found) continue;
            if (found == null) {
                found = d;
                where = new ArrayList<>(2);
            }
            where.add(g);
        }
        if (found == null) return Lookup.NONE;
        if (where.size() == 1) return new Lookup(found, List.of());
        return new Lookup(null, where);
    }

    /** The lexical meaning of a name in an expression; {@code allowChildren} for the first segment of a path. */
    Lookup lookupName(String name, Ctx ctx, boolean allowChildren) {
        if (ctx.connectionCheck() != null) {
            for (ParameterSymbol p : ctx.connectionCheck().parameters) {
                if (p.name().equals(name)) return new Lookup(p, List.of());
            }
        }
        for (ContainerSymbol c = ctx.container(); c != null; c = c.parent()) {
            Symbol s = c.names.get(name);
            if (s instanceof MemberSymbol || (allowChildren && s instanceof ElementSymbol)) {
                return new Lookup(s, List.of());
            }
        }
        return lookupTop(ctx.fs(), name);
    }

    /** A library named in a callee {@code lib.f}: an import alias, an imported name, or a known library. */
    Symbol lookupLibrary(FileScope fs, String name) {
        Symbol s = fs.imports.get(name);
        if (s instanceof LibrarySymbol || (s instanceof ImportSymbol is && is.isLibrary())) return s;
        if (known.isKnown(name)) return library(name);
        return null;
    }

    /** A pattern by the name written in an {@code implements} clause or a requirement. */
    PatternSymbol lookupPattern(FileScope fs, String name) {
        int dot = name.indexOf('.');
        if (dot > 0) {
            Symbol q = fs.imports.get(name.substring(0, dot));
            if (q instanceof ImportSymbol is && is.target() instanceof FileSymbol file) {
                ContainerSymbol d = scopes.get(file.file()).decls.get(name.substring(dot + 1));
                return d instanceof PatternSymbol p ? p : null;
            }
            return null;
        }
        if (fs.decls.get(name) instanceof PatternSymbol p) return p;
        if (fs.fromImported.get(name) instanceof PatternSymbol p) return p;
        PatternSymbol found = null;
        for (SourceFile g : fs.importedFiles) {
            if (scopes.get(g).decls.get(name) instanceof PatternSymbol p && p != found) {
                if (found != null) return null;
                found = p;
            }
        }
        return found;
    }

    /** Resolves a pattern name (E211 when unknown) and indexes it. */
    PatternSymbol resolvePatternName(SourceFile f, Ast.Name n) {
        if (n == null) return null;
        PatternSymbol p = lookupPattern(scopes.get(f), n.text());
        if (p == null) {
            report(Code.E211, f, n.span(), n.text());
            return null;
        }
        int dot = n.text().lastIndexOf('.');
        if (dot < 0) {
            occurrence(f, n, p, false);
            return p;
        }
        // alias.P: the alias names the import, the last segment the pattern (so a rename of P edits only P)
        String alias = n.text().substring(0, n.text().indexOf('.'));
        String last = n.text().substring(dot + 1);
        Symbol imported = scopes.get(f).imports.get(alias);
        if (imported != null) {
            occurrence(f, new Ast.Name(alias, new Span(n.span().start(), n.span().start() + alias.length())),
                    imported, false);
        }
        occurrence(f, new Ast.Name(last, new Span(n.span().end() - last.length(), n.span().end())), p, false);
        return p;
    }

    /** A language visible from a file: its own, from-imported, or declared by a file it imports. */
    LanguageSymbol lookupLanguage(FileScope fs, String name) {
        LanguageSymbol l = fs.languages.get(name);
        if (l != null) return l;
        if (fs.fromImported.get(name) instanceof LanguageSymbol fl) return fl;
        for (SourceFile g : fs.importedFiles) {
            l = scopes.get(g).languages.get(name);
            if (l != null) return l;
        }
        return null;
    }

    FileScope scope(SourceFile f) {
        return scopes.get(f);
    }

    /**
     * The function {@code lib.name}; with the library's list known, E206 for an unknown name, E208 for the wrong kind
     * ({@code used}), E207 for a wrong argument count ({@code call}).
     */
    FunctionSymbol function(SourceFile f, LibrarySymbol lib, Ast.Name fname, FunctionKind used,
            Ast.Call call, boolean report) {
        String name = fname.text();
        LibraryDoc doc = lib.doc().orElse(null);
        // looked up once per library and name: a call costs two hash lookups, no text built (a model of 40,000 calls)
        Map<String, KnownFunction> ofLibrary = functions.computeIfAbsent(lib, k -> new HashMap<>());
        KnownFunction known = ofLibrary.get(name);
        if (known == null) {
            FunctionDoc asSelector = doc == null ? null : doc.selector(name).orElse(null);
            FunctionDoc asCheck = doc == null ? null : doc.check(name).orElse(null);
            FunctionKind kind = asSelector != null ? FunctionKind.SELECTOR : asCheck != null ? FunctionKind.CHECK : null;
            known = new KnownFunction(new FunctionSymbol(lib, name, kind, asSelector != null ? asSelector : asCheck),
                    asSelector, asCheck);
            ofLibrary.put(name, known);
        }
        FunctionSymbol fn = known.symbol();
        if (doc == null || !report) return fn;
        if (known.asSelector() == null && known.asCheck() == null) {
            String full = lib.name() + "." + name;
            String suggestion = suggest(doc, name, used);
            if (suggestion != null) report(Code.E206_SUGGEST, f, fname.span(), full, lib.name() + "." + suggestion);
            else report(Code.E206, f, fname.span(), full);
            return fn;
        }
        if (used == null) return fn;
        FunctionDoc asUsed = used == FunctionKind.CHECK ? known.asCheck() : known.asSelector();
        if (asUsed == null) {
            report(used == FunctionKind.CHECK ? Code.E208_SELECTOR_IN_CHECK : Code.E208_CHECK_AS_SELECTOR, f,
                    fname.span(), lib.name() + "." + name);
        } else if (call != null && asUsed.arityKnown() && call.arguments().size() != asUsed.parameters().size()) {
            Span args = call.callee() != null ? new Span(call.callee().span().end(), call.span().end()) : call.span();
            report(Code.E207, f, args, lib.name() + "." + name, asUsed.parameters().size(), call.arguments().size());
        }
        return fn;
    }

    /** The closest function name, preferring the kind the call needs; null when nothing is close. */
    static String suggest(LibraryDoc doc, String name, FunctionKind used) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : doc.allNames()) {
            int d = Texts.distance(name, candidate);
            int limit = Math.max(2, Math.max(name.length(), candidate.length()) / 5);
            if (d > limit) continue;
            FunctionKind k = doc.kindOf(candidate).orElse(null);
            int score = d * 2 + (used != null && k != used ? 1 : 0);
            if (score < bestScore || score == bestScore && candidate.compareTo(best) < 0) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }
}
