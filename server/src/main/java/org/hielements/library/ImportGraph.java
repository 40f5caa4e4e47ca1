package org.hielements.library;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A library that knows which files of the workspace depend on which (its import graph): the {@code python} and
 * {@code rust} built-ins. Diagrams draw these observed dependencies beside the declared {@code uses}, and
 * {@code init --from-code} writes them as {@code uses}. A library without such a graph does not implement it.
 */
public interface ImportGraph {
    /** {@code from} depends on {@code to} (both absolute files of the workspace) through the code at {@code evidence}. */
    record Dependency(Path from, Path to, Evidence evidence) {
        public Dependency {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    /**
     * The dependencies of each of {@code files} (those of other languages are ignored) on other files of the workspace,
     * in the order of {@code files} and of their text; a file that cannot be read has none. Never throws for a problem
     * of the checked code.
     */
    List<Dependency> dependencies(Workspace ws, Collection<Path> files);
}
