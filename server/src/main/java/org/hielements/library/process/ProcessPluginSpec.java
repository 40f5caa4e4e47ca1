package org.hielements.library.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hielements.library.config.ProcessPluginConfig;

/**
 * How to run one process plugin.
 *
 * @param name             the library name (in messages and the log)
 * @param command          the executable (an absolute path, or a bare name looked up on {@code PATH}) and its arguments
 * @param workingDirectory the workspace root: the process's working directory
 * @param environment      added to the server's own environment (an entry replaces ours)
 * @param timeout          per request
 * @param watchedFiles     files whose change (time or size) re-enables a library disabled by crashes
 * @param allowed          the trust switch ({@code hielements.plugins.allowProcess}): when false the process is never
 *                         started and every call says why
 */
public record ProcessPluginSpec(String name, List<String> command, Path workingDirectory,
                                Map<String, String> environment, Duration timeout, List<Path> watchedFiles,
                                boolean allowed) {

    public ProcessPluginSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("empty command");
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("timeout must be positive");
        watchedFiles = List.copyOf(watchedFiles);
    }

    /** A spec with the default timeout (10 s), no extra environment, allowed to run. */
    public static ProcessPluginSpec of(String name, Path workingDirectory, List<String> command) {
        return new ProcessPluginSpec(name, command, workingDirectory, Map.of(),
                org.hielements.library.config.ConfigLoader.DEFAULT_PROCESS_TIMEOUT, List.of(), true);
    }

    /** The spec of a {@code hielements.toml} entry. */
    public static ProcessPluginSpec of(ProcessPluginConfig config, Path workspaceRoot, boolean allowProcess) {
        return new ProcessPluginSpec(config.name(), config.command(), workspaceRoot, config.env(), config.timeout(),
                config.watchedFiles(), allowProcess);
    }

    public ProcessPluginSpec withTimeout(Duration t) {
        return new ProcessPluginSpec(name, command, workingDirectory, environment, t, watchedFiles, allowed);
    }

    public ProcessPluginSpec withEnvironment(Map<String, String> env) {
        return new ProcessPluginSpec(name, command, workingDirectory, env, timeout, watchedFiles, allowed);
    }

    public ProcessPluginSpec withAllowed(boolean allow) {
        return new ProcessPluginSpec(name, command, workingDirectory, environment, timeout, watchedFiles, allow);
    }

    public ProcessPluginSpec withWatchedFiles(List<Path> files) {
        return new ProcessPluginSpec(name, command, workingDirectory, environment, timeout, files, allowed);
    }

    public String executable() {
        return command.get(0);
    }

    // Written out, in the record's own format: the generated method spins method handles on its first call (dozens of
    // classes, a few milliseconds of every short run: the cache computes it at each check). The environment sorted by
    // name: a Map.copyOf's order changes from one JVM to the next, and this text is part of the plugin's cache identity.
    @Override
    public String toString() {
        return "ProcessPluginSpec[name=" + name + ", command=" + command + ", workingDirectory=" + workingDirectory
                + ", environment=" + new java.util.TreeMap<>(environment) + ", timeout=" + timeout + ", watchedFiles=" + watchedFiles
                + ", allowed=" + allowed + "]";
    }
}
