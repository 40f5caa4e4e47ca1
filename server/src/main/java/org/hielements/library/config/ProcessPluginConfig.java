package org.hielements.library.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hielements.text.Span;

/**
 * A process plugin entry ({@code type = "external"}).
 *
 * @param executable the program: an absolute path when the entry names a file ({@code path}, or an {@code executable}
 *                   containing {@code /}, resolved against the workspace root), else a bare name looked up on
 *                   {@code PATH}
 * @param args       the arguments; those naming an existing file (relative to the workspace root) are made absolute
 * @param env        variables added to (or replacing in) the server's environment
 * @param timeout    per call, default 10 s
 */
public record ProcessPluginConfig(String name, String executable, List<String> args, Map<String, String> env,
                                  Duration timeout, Span span, Map<String, Span> keySpans) implements PluginConfig {

    public ProcessPluginConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(executable, "executable");
        args = List.copyOf(args);
        env = Map.copyOf(env);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(span, "span");
        keySpans = Map.copyOf(keySpans);
    }

    /** The command line: the executable followed by the arguments. */
    public List<String> command() {
        List<String> c = new ArrayList<>(args.size() + 1);
        c.add(executable);
        c.addAll(args);
        return c;
    }

    @Override
    public List<Path> watchedFiles() {
        List<Path> files = new ArrayList<>();
        if (executable.indexOf('/') >= 0) files.add(Path.of(executable));
        for (String a : args) {
            if (a.startsWith("/")) files.add(Path.of(a));
        }
        return files;
    }
}
