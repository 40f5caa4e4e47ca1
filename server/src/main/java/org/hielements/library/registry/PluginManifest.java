package org.hielements.library.registry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code hielements-plugin.json}, the manifest a plugin package holds beside its module:
 * <pre>{@code
 * {"library": "sample", "abi": 1, "module": "sample.wasm",
 *  "permissions": {"filesystem": ["read"], "environment": ["HOME"], "network": ["api.example.org:443"]}}
 * }</pre>
 * The permissions are what the plugin asks for: nothing is granted by them ({@code hielements.toml} grants).
 *
 * @param library     the library name {@code hielements plugins add} gives the entry unless told another
 * @param abi         the ABI version (docs/PLUGINS.md describes version 1, the only one this host speaks)
 * @param module      the module's path inside the package
 * @param permissions what the plugin asks for
 */
public record PluginManifest(String library, int abi, String module, Permissions permissions) {
    public static final String FILE_NAME = "hielements-plugin.json";
    /** The keyword every plugin package carries in its {@code package.json}. */
    public static final String KEYWORD = "hielements-plugin";
    /** The ABI versions this host loads. */
    public static final int ABI = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public PluginManifest {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(permissions, "permissions");
    }

    /**
     * The permissions of a plugin: what it asks for (manifest) or what is granted ({@code hielements.toml}).
     *
     * @param readWorkspace {@code filesystem = ["read"]}
     * @param environment   variable names
     * @param network       {@code host:port}s
     */
    public record Permissions(boolean readWorkspace, List<String> environment, List<String> network) {
        public static final Permissions NONE = new Permissions(false, List.of(), List.of());

        public Permissions {
            environment = List.copyOf(environment);
            network = List.copyOf(network);
        }

        /** What this asks for that {@code granted} does not grant. */
        public Permissions beyond(Permissions granted) {
            List<String> env = new ArrayList<>(environment);
            env.removeAll(granted.environment);
            List<String> net = new ArrayList<>(network);
            net.removeAll(granted.network);
            return new Permissions(readWorkspace && !granted.readWorkspace, env, net);
        }

        public boolean isEmpty() {
            return !readWorkspace && environment.isEmpty() && network.isEmpty();
        }

        /** {@code filesystem read, environment HOME, network api.example.org:443}, or {@code none}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (readWorkspace) parts.add("filesystem read");
            if (!environment.isEmpty()) parts.add("environment " + String.join(" ", environment));
            if (!network.isEmpty()) parts.add("network " + String.join(" ", network));
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }
    }

    /** Reads a manifest; the reason when it is not a valid one. */
    public static PluginManifest parse(byte[] json) throws InvalidPackage {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidPackage(FILE_NAME + " is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidPackage(FILE_NAME + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new InvalidPackage(FILE_NAME + " is not a JSON object");
        String library = text(root, "library");
        if (!library.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidPackage(FILE_NAME + ": \"library\" must be an identifier (letters, digits and _), found "
                    + JSON.valueToTree(library));
        }
        JsonNode abi = root.get("abi");
        if (abi == null || !abi.isInt()) throw new InvalidPackage(FILE_NAME + ": \"abi\" must be an integer (1)");
        if (abi.asInt() != ABI) {
            throw new InvalidPackage(FILE_NAME + ": ABI version " + abi.asInt() + " is not supported by this host "
                    + "(it loads ABI " + ABI + ")");
        }
        String module = text(root, "module");
        if (!module.endsWith(".wasm")) {
            throw new InvalidPackage(FILE_NAME + ": \"module\" must name the package's .wasm file, found "
                    + JSON.valueToTree(module));
        }
        JsonNode p = root.get("permissions");
        Permissions perms = Permissions.NONE;
        if (p != null && !p.isNull()) {
            if (!p.isObject()) throw new InvalidPackage(FILE_NAME + ": \"permissions\" must be an object");
            List<String> fs = strings(p, "filesystem");
            for (String f : fs) {
                if (!f.equals("read") && !f.equals("workspace-only")) {
                    throw new InvalidPackage(FILE_NAME + ": unknown filesystem permission " + JSON.valueToTree(f)
                            + " (a plugin may ask for \"read\")");
                }
            }
            perms = new Permissions(fs.contains("read"), strings(p, "environment"), strings(p, "network"));
        }
        return new PluginManifest(library, abi.asInt(), module, perms);
    }

    private static String text(JsonNode root, String key) throws InvalidPackage {
        JsonNode v = root.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new InvalidPackage(FILE_NAME + ": \"" + key + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode p, String key) throws InvalidPackage {
        JsonNode v = p.get(key);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw new InvalidPackage(FILE_NAME + ": permissions." + key + " must be an array of strings");
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            if (!e.isTextual()) {
                throw new InvalidPackage(FILE_NAME + ": permissions." + key + " must be an array of strings");
            }
            if (!out.contains(e.asText())) out.add(e.asText());
        }
        return out;
    }
}
