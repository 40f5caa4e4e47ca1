package org.hielements.semantics;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.FunctionDoc;
import org.hielements.library.FunctionKind;
import org.hielements.library.LibraryDoc;
import org.hielements.syntax.Ast;
import org.hielements.syntax.AstPrinter;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * One run of the semantic analysis over a set of root files and what they import. Not thread-safe; used once.
 *
 * <p>Phases: load files (following imports), declare symbols, link imports, resolve {@code implements} and bindings,
 * resolve every expression, check requirements, build the dependency graph (connection checks are planned on first
 * use, see {@link #plan()}). Every phase is
 * linear in the size of the files (lookups are hash lookups along the lexical chain).
 */
final class Analysis {
    private final KnownLibraries known;
    private final SourceProvider sources;
    private final Path workspaceRoot;
    private final java.util.function.BiFunction<Path, SourceText, ParseResult> parser;

    final List<SourceFile> files = new ArrayList<>();
    final Map<Path, SourceFile> byPath = new HashMap<>();
    final Map<SourceFile, FileScope> scopes = new IdentityHashMap<>();
    private final Map<Ast.Import, ImportTarget> importTargets = new IdentityHashMap<>();
    private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    final SymbolIndex index;
    final Map<Ast.Expr, Resolution> resolutions;
    final Map<Ast.Call, LibraryCall> calls;
    final Map<String, LibrarySymbol> libraries = new HashMap<>();
    private final Map<String, FunctionSymbol> functions = new HashMap<>();
    private final Map<SourceFile, FileSymbol> fileSymbols = new IdentityHashMap<>();

    final List<ElementSymbol> topLevelElements = new ArrayList<>();
    /** Real elements (outside patterns), files in path order, each file depth-first in source order. */
    final List<ElementSymbol> elements = new ArrayList<>();
    private final List<ElementSymbol> patternElements = new ArrayList<>();
    final List<PatternSymbol> patterns = new ArrayList<>();
    final List<LanguageSymbol> languages = new ArrayList<>();
    final List<Implementation> implementations = new ArrayList<>();
    final List<PatternCheck> patternChecks = new ArrayList<>();
    final List<UsesSite> uses = new ArrayList<>();
    final Map<MemberSymbol, MemberSymbol> bindsTargets = new IdentityHashMap<>();

    private final Map<ElementSymbol, List<Ast.Binding>> writtenBindings = new IdentityHashMap<>();
    private final Map<ElementSymbol, List<Ast.Uses>> writtenUses = new IdentityHashMap<>();
    private final Map<MemberSymbol, List<Resolution>> memberRefs;
    private final Map<Ast.Binding, List<Resolution>> bindingRefs = new IdentityHashMap<>();
    private final List<FileEdge> fileEdges = new ArrayList<>();

    DependencyGraph graph;
    /** Computed on first use ({@link #plan()}): only check runs need it, never the diagnostics of an edit. */
    private ConnectionPlan plan;

    Analysis(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser) {
        this(known, sources, workspaceRoot, parser, Sizes.NONE);
    }

    /**
     * With the sizes of a previous run of the same workspace: the big tables start at that size, so a rebuild per
     * keystroke does not grow (rehash and copy) them step by step from empty.
     */
    Analysis(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
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
    private final int graphNodesHint;

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

    private sealed interface ImportTarget {
        record ToFile(SourceFile file, String qualifier) implements ImportTarget {}

        record ToLibrary(String library, Ast.Name nameNode) implements ImportTarget {}

        record Missing(String path, String reason) implements ImportTarget {}
    }

    private record FileEdge(SourceFile from, SourceFile to, Ast.Import node) {}

    // ============================================================================================ driver

    /** Nanoseconds spent in each phase of the last {@link #run}, in order (for benchmarks). */
    final Map<String, Long> phaseNanos = new LinkedHashMap<>();
    private long phaseStart;

    private void phase(String name) {
        long now = System.nanoTime();
        phaseNanos.put(name, now - phaseStart);
        phaseStart = now;
    }

    void run(Map<Path, ParseResult> roots) {
        phaseStart = System.nanoTime();
        load(roots);
        phase("load");
        for (SourceFile f : files) declareFile(f);
        phase("declare");
        for (SourceFile f : files) linkImports(f);
        importCycles();
        phase("imports");
        implementsClauses();
        bindings();
        phase("patterns");
        resolveAll();
        phase("resolve");
        new Requirements(this).checkAll();
        phase("requirements");
        buildGraph();
        phase("graph");
        index.freeze();
        phase("index");
    }

    List<Diagnostic> sortedDiagnostics() {
        List<Diagnostic> out = new ArrayList<>(diagnostics);
        out.sort(DIAGNOSTIC_ORDER);
        return out;
    }

    static final Comparator<Diagnostic> DIAGNOSTIC_ORDER = Comparator
            .comparing((Diagnostic d) -> d.source().name())
            .thenComparingInt(d -> d.span().start())
            .thenComparingInt(d -> d.span().end())
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

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

    // ============================================================================================ 1. loading

    private void load(Map<Path, ParseResult> roots) {
        List<Path> paths = new ArrayList<>(roots.keySet());
        paths.sort(Comparator.comparing(Path::toString));
        ArrayDeque<SourceFile> queue = new ArrayDeque<>();
        for (Path p : paths) {
            Path n = p.toAbsolutePath().normalize();
            if (byPath.containsKey(n)) continue;
            SourceFile sf = new SourceFile(n, roots.get(p), true);
            byPath.put(n, sf);
            files.add(sf);
            queue.add(sf);
        }
        while (!queue.isEmpty()) {
            SourceFile f = queue.poll();
            for (Ast.Import imp : f.ast().imports()) {
                if (imp.path() == null) continue;
                importTargets.put(imp, resolveImport(f, imp, queue));
            }
        }
        files.sort(Comparator.comparing((SourceFile f) -> f.path().toString()));
        for (int i = 0; i < files.size(); i++) files.get(i).ordinal = i;
    }

    /**
     * What an import names. A string path names a {@code .hie} file relative to the importing file ({@code .hie} is
     * added when missing); {@code a.b} names {@code a/b.hie} next to the importing file or under the workspace root,
     * else the library {@code a}. Only files inside the workspace are read: a path that leaves it lexically is refused
     * before anything on disk is looked at (so the message never tells whether a file outside exists), and one that
     * reaches outside through a symbolic link is refused too.
     */
    private ImportTarget resolveImport(SourceFile f, Ast.Import imp, ArrayDeque<SourceFile> queue) {
        Path dir = f.path().getParent();
        if (imp.path() instanceof Ast.ImportPath.StringPath sp) {
            String v = sp.value();
            String shown = "'" + v + "'";
            if (v.isBlank()) return new ImportTarget.Missing(shown, "the path is empty");
            Path c;
            try {
                c = (dir == null ? Path.of(v) : dir.resolve(v)).toAbsolutePath().normalize();
                if (!v.endsWith(".hie")) {
                    if (c.getFileName() == null) return new ImportTarget.Missing(shown, "not a valid path");
                    c = c.resolveSibling(c.getFileName() + ".hie");
                }
            } catch (InvalidPathException e) {
                return new ImportTarget.Missing(shown, "not a valid path");
            }
            String outside = outside(c);
            if (outside != null) return new ImportTarget.Missing(shown, outside);
            SourceProvider.Loaded loaded = loadFile(c, queue);
            if (loaded instanceof SourceProvider.Loaded.Missing m) {
                String name = SourceProvider.displayName(dir == null ? Path.of("").toAbsolutePath() : dir, c);
                return new ImportTarget.Missing(shown, m.absent() ? "no such file (looked for " + name + ")"
                        : name + " " + m.reason());
            }
            return new ImportTarget.ToFile(byPath.get(c), stem(c));
        }
        Ast.QualifiedName q = ((Ast.ImportPath.Dotted) imp.path()).name();
        List<Ast.Name> segs = q.segments();
        if (segs.isEmpty()) return new ImportTarget.Missing(q.text(), "empty import");
        String first = segs.get(0).text();
        if (segs.size() == 1 && known.isKnown(first)) return new ImportTarget.ToLibrary(first, segs.get(0));
        String rel = String.join("/", segs.stream().map(Ast.Name::text).toList()) + ".hie";
        List<Path> bases = new ArrayList<>();
        if (dir != null) bases.add(dir);
        if (workspaceRoot != null) bases.add(workspaceRoot.toAbsolutePath().normalize());
        for (Path b : bases) {
            Path c;
            try {
                c = b.resolve(rel).normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            if (outside(c) != null) continue;
            SourceProvider.Loaded loaded = loadFile(c, queue);
            if (loaded instanceof SourceProvider.Loaded.Found) {
                return new ImportTarget.ToFile(byPath.get(c), segs.get(segs.size() - 1).text());
            }
            if (loaded instanceof SourceProvider.Loaded.Missing m && !m.absent()) {
                return new ImportTarget.Missing(q.text(), SourceProvider.displayName(b, c) + " " + m.reason());
            }
        }
        return new ImportTarget.ToLibrary(first, segs.get(0));
    }

    /** The real path of the workspace root (computed once), or the root as given when it cannot be resolved. */
    private Path realRoot;

    /**
     * Null when {@code c} (absolute, normalized) may be imported: it lies inside the workspace root (always, without a
     * root); otherwise why not. The lexical test comes first and touches nothing on disk.
     */
    private String outside(Path c) {
        if (workspaceRoot == null) return null;
        Path root = workspaceRoot.toAbsolutePath().normalize();
        if (!c.startsWith(root)) {
            return "the path leaves the workspace " + root + " (imports stay inside it; a hielements.toml in a "
                    + "folder above both files makes that folder the workspace)";
        }
        if (realRoot == null) {
            try {
                realRoot = root.toRealPath();
            } catch (java.io.IOException | SecurityException e) {
                realRoot = root;
            }
        }
        try {
            Path real = c.toRealPath();
            if (!real.startsWith(realRoot)) {
                return "the path leads outside the workspace " + root + " through a symbolic link (imports stay "
                        + "inside it)";
            }
        } catch (java.io.IOException | SecurityException e) {
            // missing or unreadable: said when it is read
        }
        return null;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".hie") ? n.substring(0, n.length() - 4) : n;
    }

    /** Reads and queues {@code c} unless it is loaded already ({@link #byPath} then holds it). */
    private SourceProvider.Loaded loadFile(Path c, ArrayDeque<SourceFile> queue) {
        SourceFile sf = byPath.get(c);
        if (sf != null) return new SourceProvider.Loaded.Found(sf.source());
        SourceProvider.Loaded loaded = sources.load(c);
        if (loaded instanceof SourceProvider.Loaded.Found found) {
            sf = new SourceFile(c, parser.apply(c, found.text()), false);
            byPath.put(c, sf);
            files.add(sf);
            queue.add(sf);
        }
        return loaded;
    }

    // ============================================================================================ 2. declarations

    private void declareFile(SourceFile f) {
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

    private void addTop(FileScope fs, ContainerSymbol c) {
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

    private ElementSymbol declareElement(SourceFile f, Ast.Element el, ContainerSymbol parent) {
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

    private void declareItem(SourceFile f, ContainerSymbol c, Ast.Item item) {
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

    private void declareMember(SourceFile f, ContainerSymbol c, MemberSymbol m) {
        c.members.add(m);
        occurrence(f, m.nameNode(), m, true);
        addName(c, m.name(), m, m.nameNode());
        if (c.pattern() != null) c.pattern().allMembers.add(m);
    }

    private void addName(ContainerSymbol c, String name, Symbol s, Ast.Name node) {
        Symbol first = c.names.get(name);
        if (first != null) {
            report(Code.E210, c.file(), node.span(),
                    List.of(related(first.declaration().orElseThrow(), "first declared here")), name,
                    c.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + c.path());
        } else {
            c.names.put(name, s);
        }
    }

    private void declareLanguage(SourceFile f, FileScope fs, Ast.Language l) {
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

    private void linkImports(SourceFile f) {
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

    private static String pathText(Ast.ImportPath p) {
        if (p instanceof Ast.ImportPath.StringPath sp) return "'" + sp.value() + "'";
        return ((Ast.ImportPath.Dotted) p).name().text();
    }

    /** E216 on every import that is part of an import cycle. */
    private void importCycles() {
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
    private Symbol lookupLibrary(FileScope fs, String name) {
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

    // ============================================================================================ 4. patterns

    private void implementsClauses() {
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
    private record Target(PatternSymbol pattern, MemberSymbol member) {}

    private void bindings() {
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

    private void bind(ElementSymbol e, Ast.QualifiedName q, MemberSymbol provider, Ast.Binding binding) {
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
    private Target resolveBindingTarget(SourceFile f, Ast.QualifiedName q) {
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

    // ============================================================================================ 5. expressions

    private void resolveAll() {
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

    private void resolveMember(MemberSymbol m, Ctx ctx) {
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
    private void checkStatement(Ast.Expr x, Ctx ctx) {
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
    private void expr(Ast.Expr x, Ctx ctx, List<Resolution> refs) {
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
    private Resolution path(Ast.Expr x, Ctx ctx, List<Resolution> refs, boolean report, boolean dropLast) {
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

    private void record(SourceFile f, Ast.Expr node, Ast.Name name, Symbol s) {
        if (node != null) resolutions.put(node, new Resolution(s, null));
        occurrence(f, name, s, false);
    }

    private Symbol memberOf(SourceFile f, Symbol cur, Ast.Name seg, boolean report) {
        if (cur instanceof ContainerSymbol c) return c.names.get(seg.text());
        if (cur instanceof ImportSymbol is) return memberOf(f, is.target(), seg, report);
        if (cur instanceof FileSymbol file) return scopes.get(file.file()).decls.get(seg.text());
        if (cur instanceof LibrarySymbol lib) return function(f, lib, seg, null, null, report);
        return null;
    }

    private void call(Ast.Call c, Ctx ctx, boolean asCheck, List<Resolution> refs) {
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

    /**
     * The function {@code lib.name}; with the library's list known, E206 for an unknown name, E208 for the wrong kind
     * ({@code used}), E207 for a wrong argument count ({@code call}).
     */
    private FunctionSymbol function(SourceFile f, LibrarySymbol lib, Ast.Name fname, FunctionKind used,
            Ast.Call call, boolean report) {
        String name = fname.text();
        String key = lib.name() + '\u0000' + name;
        LibraryDoc doc = lib.doc().orElse(null);
        FunctionSymbol fn = functions.get(key);
        if (fn == null) {
            FunctionKind kind = doc == null ? null : doc.kindOf(name).orElse(null);
            FunctionDoc fdoc = doc == null ? null : doc.function(name).orElse(null);
            fn = new FunctionSymbol(lib, name, kind, fdoc);
            functions.put(key, fn);
        }
        if (doc == null || !report) return fn;
        String full = lib.name() + "." + name;
        if (fn.functionKind().isEmpty()) {
            String suggestion = suggest(doc, name, used);
            if (suggestion != null) report(Code.E206_SUGGEST, f, fname.span(), full, lib.name() + "." + suggestion);
            else report(Code.E206, f, fname.span(), full);
            return fn;
        }
        if (used == null) return fn;
        Optional<FunctionDoc> asUsed = used == FunctionKind.CHECK ? doc.check(name) : doc.selector(name);
        if (asUsed.isEmpty()) {
            report(used == FunctionKind.CHECK ? Code.E208_SELECTOR_IN_CHECK : Code.E208_CHECK_AS_SELECTOR, f,
                    fname.span(), full);
        } else if (call != null && asUsed.get().arityKnown()
                && call.arguments().size() != asUsed.get().parameters().size()) {
            Span args = call.callee() != null ? new Span(call.callee().span().end(), call.span().end()) : call.span();
            report(Code.E207, f, args, full, asUsed.get().parameters().size(), call.arguments().size());
        }
        return fn;
    }

    /** The closest function name, preferring the kind the call needs; null when nothing is close. */
    private static String suggest(LibraryDoc doc, String name, FunctionKind used) {
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

    private void resolveUses(ElementSymbol e, Ast.Uses u, Ctx ctx) {
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
    private void indexRequirement(PatternSymbol p, Ast.Requirement r) {
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

    private String[] requiredCall(SourceFile f, Ast.Check check, boolean indexNames) {
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

    // ============================================================================================ 6. graph

    private void buildGraph() {
        LinkedHashMap<ValueNode, List<ValueNode>> edges = new LinkedHashMap<>(
                Math.max(16, graphNodesHint + graphNodesHint / 3 + 1));
        for (ElementSymbol e : elements) {
            for (MemberSymbol m : e.members) {
                if (m.value() == null) continue;
                edges.put(new ValueNode.Declared(m), nodes(memberRefs.get(m), null));
            }
        }
        for (Implementation impl : implementations) {
            for (PlaceholderBinding b : impl.bindings.values()) {
                List<ValueNode> deps;
                if (b instanceof PlaceholderBinding.Declared d) {
                    deps = d.provider().value() != null ? List.of(new ValueNode.Declared(d.provider())) : List.of();
                } else if (b instanceof PlaceholderBinding.Expression x) {
                    deps = nodes(bindingRefs.get(x.binding()), null);
                } else if (b instanceof PlaceholderBinding.Default) {
                    deps = nodes(memberRefs.get(b.placeholder()), impl);
                } else {
                    deps = List.of();
                }
                edges.put(new ValueNode.Bound(impl, b.placeholder()), deps);
            }
        }
        List<ValueNode> all = new ArrayList<>(edges.keySet());
        Map<ValueNode, Integer> ids = new HashMap<>(all.size() * 2);
        for (int i = 0; i < all.size(); i++) ids.put(all.get(i), i);
        int[][] adj = new int[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            List<ValueNode> deps = edges.get(all.get(i));
            int[] a = new int[deps.size()];
            int k = 0;
            for (ValueNode d : deps) {
                Integer j = ids.get(d);
                if (j != null) a[k++] = j;
            }
            adj[i] = k == a.length ? a : java.util.Arrays.copyOf(a, k);
        }
        Function<ValueNode, List<ValueNode>> next = n -> edges.getOrDefault(n, List.of());
        List<ValueNode> order = new ArrayList<>(all.size());
        Set<ValueNode> cyclic = new HashSet<>();
        for (int[] scc : Graphs.sccs(all.size(), adj)) {
            int v = scc[0];
            boolean selfLoop = false;
            for (int w : adj[v]) selfLoop |= w == v;
            if (scc.length == 1 && !selfLoop) {
                order.add(all.get(v));
                continue;
            }
            List<ValueNode> members = new ArrayList<>(scc.length);
            for (int w : scc) members.add(all.get(w));
            cyclic.addAll(members);
            reportCycle(members, next);
        }
        graph = new DependencyGraph(edges, order, cyclic);
    }

    private List<ValueNode> nodes(List<Resolution> refs, Implementation context) {
        if (refs == null || refs.isEmpty()) return List.of();
        List<ValueNode> out = new ArrayList<>(refs.size());
        for (Resolution r : refs) {
            ValueNode v = r.valueNode(context);
            if (v == null) continue;
            if (v instanceof ValueNode.Declared d && d.member().value() == null) continue;
            if (!out.contains(v)) out.add(v);
        }
        return out;
    }

    private void reportCycle(List<ValueNode> scc, Function<ValueNode, List<ValueNode>> next) {
        Set<ValueNode> in = new HashSet<>(scc);
        ValueNode start = Collections.min(scc, Comparator.comparing(ValueNode::displayName));
        List<ValueNode> path = Graphs.path(start, start, next, in::contains);
        StringBuilder sb = new StringBuilder(start.displayName());
        for (ValueNode n : path) sb.append(" -> ").append(n.displayName());
        String message = sb.toString();
        Set<String> seen = new HashSet<>();
        for (ValueNode n : scc) {
            SourceFile f;
            Span span;
            if (n instanceof ValueNode.Declared d) {
                f = d.member().file();
                span = d.member().nameNode().span();
            } else {
                ValueNode.Bound b = (ValueNode.Bound) n;
                PlaceholderBinding pb = b.implementation().binding(b.member());
                if (pb instanceof PlaceholderBinding.Expression x) {
                    f = x.element().file();
                    span = x.binding().target().span();
                } else if (pb instanceof PlaceholderBinding.Default) {
                    f = b.member().file();
                    span = b.member().nameNode().span();
                } else {
                    continue;
                }
            }
            if (seen.add(f.path() + "#" + span.start())) report(Code.E215, f, span, message);
        }
    }

    // ============================================================================================ 7. languages

    /**
     * Which connection checks run for which {@code uses} and elements. Planned on first use: it reports nothing, so
     * the model's diagnostics (what every edit needs) never wait for it. Reads only what {@link #run} left.
     */
    synchronized ConnectionPlan plan() {
        if (plan == null) plan = planConnections();
        return plan;
    }

    private ConnectionPlan planConnections() {
        List<ConnectionPlan.ConnectionRun> runs = new ArrayList<>();
        List<ConnectionPlan.ElementRun> elementRuns = new ArrayList<>();
        for (UsesSite site : uses) {
            if (site.source() == null || !(site.source().symbol() instanceof MemberSymbol m) || !m.isScope()
                    || m.language() == null || m.value() == null || m.inPattern()) {
                continue;
            }
            LanguageSymbol l = lookupLanguage(scopes.get(m.file()), m.language());
            if (l == null) continue;
            List<ValueNode> targets = null;
            for (ConnectionCheckSymbol cc : l.checks) {
                if (cc.parameters.size() != 2) continue;
                if (targets == null) targets = targetScopes(site.target(), m.language());
                runs.add(new ConnectionPlan.ConnectionRun(site, cc, new ValueNode.Declared(m), targets));
            }
        }
        for (ElementSymbol e : elements) {
            Map<String, List<ValueNode>> byLanguage = new LinkedHashMap<>();
            for (MemberSymbol m : e.members) {
                if (m.isScope() && m.language() != null && m.value() != null) {
                    byLanguage.computeIfAbsent(m.language(), k -> new ArrayList<>()).add(new ValueNode.Declared(m));
                }
            }
            for (Map.Entry<String, List<ValueNode>> en : byLanguage.entrySet()) {
                LanguageSymbol l = lookupLanguage(scopes.get(e.file()), en.getKey());
                if (l == null) continue;
                for (ConnectionCheckSymbol cc : l.checks) {
                    if (cc.parameters.size() == 1) elementRuns.add(new ConnectionPlan.ElementRun(e, cc, en.getValue()));
                }
            }
        }
        return new ConnectionPlan(runs, elementRuns);
    }

    /** The scopes of {@code language} a {@code uses} target denotes (the target and its descendants). */
    private List<ValueNode> targetScopes(Resolution t, String language) {
        if (t == null) return List.of();
        List<ValueNode> out = new ArrayList<>();
        if (t.symbol() instanceof MemberSymbol m) {
            if (m.isScope() && language.equals(m.language())) {
                ValueNode v = t.valueNode(null);
                if (v != null && !(v instanceof ValueNode.Declared d && d.member().value() == null)) out.add(v);
            }
        } else if (t.symbol() instanceof ElementSymbol e) {
            for (ContainerSymbol c : e.subtree()) {
                for (MemberSymbol m : c.members) {
                    if (!m.isScope() || !language.equals(m.language())) continue;
                    if (!m.inPattern() && m.value() != null) out.add(new ValueNode.Declared(m));
                    else if (m.inPattern() && t.implementation() != null) {
                        out.add(new ValueNode.Bound(t.implementation(), m));
                    }
                }
                if (c instanceof ElementSymbol ce && !ce.inPattern()) {
                    for (Implementation impl : ce.implementations) {
                        for (PlaceholderBinding b : impl.bindings.values()) {
                            MemberSymbol pm = b.placeholder();
                            if (pm.isScope() && language.equals(pm.language())
                                    && (b instanceof PlaceholderBinding.Default
                                            || b instanceof PlaceholderBinding.Expression)) {
                                out.add(new ValueNode.Bound(impl, pm));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
