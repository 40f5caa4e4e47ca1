package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;

/** Phase 7 of the semantic analysis: which connection checks run for which {@code uses} and elements (on first use). */
abstract class ConnectionPhase extends GraphPhase {
    ConnectionPhase(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        super(known, sources, workspaceRoot, parser, hint);
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

    ConnectionPlan planConnections() {
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
        for (ElementSymbol e : elements) addElementRuns(e, elementRuns);   // a method per element: compiled early
        return new ConnectionPlan(runs, elementRuns);
    }

    /** The per-element connection checks of {@code e}'s scopes, by language (nothing made for a scope-less element). */
    private void addElementRuns(ElementSymbol e, List<ConnectionPlan.ElementRun> elementRuns) {
        Map<String, List<ValueNode>> byLanguage = null;
        for (MemberSymbol m : e.members) {
            if (m.isScope() && m.language() != null && m.value() != null) {
                if (byLanguage == null) byLanguage = new LinkedHashMap<>();
                byLanguage.computeIfAbsent(m.language(), k -> new ArrayList<>()).add(new ValueNode.Declared(m));
            }
        }
        if (byLanguage == null) return;
        for (Map.Entry<String, List<ValueNode>> en : byLanguage.entrySet()) {
            LanguageSymbol l = lookupLanguage(scopes.get(e.file()), en.getKey());
            if (l == null) continue;
            for (ConnectionCheckSymbol cc : l.checks) {
                if (cc.parameters.size() == 1) elementRuns.add(new ConnectionPlan.ElementRun(e, cc, en.getValue()));
            }
        }
    }

    /** The scopes of {@code language} a {@code uses} target denotes (the target and its descendants). */
    List<ValueNode> targetScopes(Resolution t, String language) {
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
