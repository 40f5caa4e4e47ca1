package org.hielements.library.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hielements.text.InputFile;

/**
 * The registry settings npm itself would use, read from npm's own configuration, never written: the environment
 * ({@code npm_config_registry}), the workspace's {@code .npmrc}, the user's ({@code $NPM_CONFIG_USERCONFIG}, else
 * {@code ~/.npmrc}), in that order of precedence, with {@code ${VAR}} replaced from the environment. Read:
 * {@code registry}, {@code @scope:registry}, and per registry {@code //host[:port]/path/:_authToken} or
 * {@code :_auth}. When none of them names a registry, npm is asked ({@code npm config get registry}: its built-in
 * default and its global configuration). Tokens stay in memory and go only to the registry they are written for.
 */
public final class NpmConfig {
    private static final Pattern VAR = Pattern.compile("\\$\\{([^}]*)\\}");

    private final Map<String, String> values;
    private final Map<String, String> environment;
    private final List<String> sources;
    private final List<String> problems;

    private NpmConfig(Map<String, String> values, Map<String, String> environment, List<String> sources,
                      List<String> problems) {
        this.values = values;
        this.environment = environment;
        this.sources = sources;
        this.problems = problems;
    }

    /** The configuration for the workspace at {@code workspaceRoot}, with {@code environment} as npm's. */
    public static NpmConfig load(Path workspaceRoot, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String userConfig = env(environment, "NPM_CONFIG_USERCONFIG");
        Path user = userConfig != null && !userConfig.isEmpty() ? Path.of(userConfig)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".npmrc");
        // lowest precedence first: later files override
        for (Path f : List.of(user, workspaceRoot.resolve(".npmrc"))) {
            try {
                String text = new String(InputFile.read(f, 1024 * 1024), StandardCharsets.UTF_8);
                values.putAll(parse(text, environment, f, problems));
                sources.add(f.toString());
            } catch (InputFile.Refused e) {
                if (!e.missing()) problems.add(f + " " + e.getMessage());
            }
        }
        String envRegistry = env(environment, "npm_config_registry");
        if (envRegistry != null && !envRegistry.isEmpty()) {
            values.put("registry", envRegistry);
            sources.add("npm_config_registry");
        }
        return new NpmConfig(values, environment, sources, problems);
    }

    /** An environment variable, case-insensitively for npm's {@code npm_config_} names. */
    private static String env(Map<String, String> environment, String name) {
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }

    /** The {@code key = value} lines of an ini text ({@code ;} and {@code #} comments, sections ignored). */
    static Map<String, String> parse(String text, Map<String, String> environment, Path file, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\r\n|\r|\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#") || line.startsWith("[")) continue;
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(expand(key, environment, file, problems), expand(value, environment, file, problems));
        }
        return out;
    }

    private static String expand(String s, Map<String, String> environment, Path file, List<String> problems) {
        Matcher m = VAR.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = environment.get(m.group(1));
            if (v == null) {
                problems.add(file + " uses ${" + m.group(1) + "}, which is not set in the environment");
                v = "";
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The registry serving {@code packageName} (its scope's, else the default), ending with {@code /}. */
    public String registryFor(String packageName) throws RegistryException {
        if (packageName.startsWith("@") && packageName.indexOf('/') > 0) {
            String scoped = values.get(packageName.substring(0, packageName.indexOf('/')) + ":registry");
            if (scoped != null && !scoped.isEmpty()) return withSlash(scoped);
        }
        return defaultRegistry();
    }

    /** The default registry, ending with {@code /}. */
    public String defaultRegistry() throws RegistryException {
        String r = values.get("registry");
        if (r != null && !r.isEmpty()) return withSlash(r);
        return withSlash(askNpm());
    }

    private String askNpm() throws RegistryException {
        ProcessBuilder pb = new ProcessBuilder("npm", "config", "get", "registry");
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectErrorStream(false);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RegistryException("no registry is configured and 'npm config get registry' did not answer "
                        + "in 20 s; set registry=URL in .npmrc");
            }
            String r = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !(r.startsWith("http://") || r.startsWith("https://"))) {
                throw new RegistryException("no registry is configured (no registry= in .npmrc) and npm did not name "
                        + "one; set registry=URL in .npmrc");
            }
            return r;
        } catch (IOException e) {
            throw new RegistryException("no registry is configured (no registry= in " + String.join(" or ",
                    sources.isEmpty() ? List.of(".npmrc") : sources) + ") and npm cannot be run to ask for its default "
                    + "(" + e.getMessage() + "); set registry=URL in .npmrc");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while asking npm for its registry");
        }
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /**
     * The {@code Authorization} header value for a request to {@code url}: the token (or {@code _auth}) of the longest
     * {@code //host[:port]/path/} key that the URL starts with, else none.
     */
    public Optional<String> authorization(URI url) {
        String nerf = "//" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        String best = null;
        String header = null;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("//")) continue;
            int colon = k.lastIndexOf(':');
            if (colon < 0) continue;
            String prefix = k.substring(0, colon);
            String what = k.substring(colon + 1);
            if (!prefix.endsWith("/")) prefix = prefix + "/";
            if (!nerf.startsWith(prefix) || e.getValue().isEmpty()) continue;
            String h = switch (what) {
                case "_authToken" -> "Bearer " + e.getValue();
                case "_auth" -> "Basic " + e.getValue();
                default -> null;
            };
            if (h != null && (best == null || prefix.length() > best.length())) {
                best = prefix;
                header = h;
            }
        }
        return Optional.ofNullable(header);
    }

    /** Problems found reading the configuration (an unset variable, an unreadable file). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The files (and variables) read, lowest precedence first. */
    public List<String> sources() {
        return List.copyOf(sources);
    }
}
