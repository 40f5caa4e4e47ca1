package org.hielements.library.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contents of a plugin package that matter, read from its verified tarball: {@code package.json} (name, version,
 * keywords), the manifest and the module's bytes. A package without the {@code hielements-plugin} keyword, without a
 * manifest, or whose manifest names no {@code .wasm} file of the package, is refused with the reason.
 */
public record PluginPackage(String name, String version, List<String> keywords, PluginManifest manifest,
                            byte[] module) {
    /** The largest manifest or package.json read. */
    static final long JSON_LIMIT = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public PluginPackage {
        keywords = List.copyOf(keywords);
    }

    /**
     * Reads a tarball whose integrity was already checked; {@code moduleLimit} bounds the module ({@code limits.module}
     * of the entry, or the largest allowed).
     */
    public static PluginPackage read(byte[] tgz, long moduleLimit) throws InvalidPackage {
        Map<String, byte[]> files;
        try {
            files = Tarball.read(tgz, p -> p.equals("package.json") || p.equals(PluginManifest.FILE_NAME)
                    || p.endsWith(".wasm"), Math.max(moduleLimit, JSON_LIMIT));
        } catch (Tarball.Refused e) {
            throw new InvalidPackage("the package archive is refused: " + e.getMessage());
        }
        byte[] pj = files.get("package.json");
        if (pj == null) throw new InvalidPackage("the package has no package.json");
        JsonNode pkg;
        try {
            pkg = JSON.readTree(pj);
        } catch (java.io.IOException e) {
            throw new InvalidPackage("its package.json is not valid JSON");
        }
        if (pkg == null || !pkg.isObject()) throw new InvalidPackage("its package.json is not a JSON object");
        String name = pkg.path("name").asText("");
        String version = pkg.path("version").asText("");
        List<String> keywords = keywords(pkg);
        String label = name + "@" + version;
        if (!keywords.contains(PluginManifest.KEYWORD)) {
            throw new InvalidPackage(label + " is not a Hielements plugin: its package.json has no keyword \""
                    + PluginManifest.KEYWORD + "\"");
        }
        List<String> wasm = new ArrayList<>();
        for (String p : files.keySet()) if (p.endsWith(".wasm")) wasm.add(p);
        byte[] mf = files.get(PluginManifest.FILE_NAME);
        if (mf == null) {
            throw new InvalidPackage(label + " has no " + PluginManifest.FILE_NAME + " (the manifest naming its "
                    + "library, ABI version, module and permissions; 'hielements plugin new' writes one)");
        }
        PluginManifest manifest = PluginManifest.parse(mf);
        String module = manifest.module().startsWith("./") ? manifest.module().substring(2) : manifest.module();
        byte[] bytes = files.get(module);
        if (bytes == null) {
            throw new InvalidPackage(label + " has no .wasm module " + (wasm.isEmpty() ? "at all"
                    : "named " + manifest.module() + " (it holds " + String.join(", ", wasm) + ")")
                    + "; its manifest names \"" + manifest.module() + "\" (was the module built before npm publish? "
                    + "list it in package.json \"files\")");
        }
        if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
            throw new InvalidPackage(label + ": " + manifest.module() + " is not a WebAssembly module");
        }
        return new PluginPackage(name, version, keywords, manifest, bytes);
    }

    static List<String> keywords(JsonNode pkg) {
        List<String> out = new ArrayList<>();
        JsonNode k = pkg.path("keywords");
        if (k.isArray()) k.forEach(e -> { if (e.isTextual()) out.add(e.asText()); });
        else if (k.isTextual()) out.add(k.asText());
        return out;
    }

    /** The manifest's bytes are not kept; {@code toString} names the package. */
    @Override
    public String toString() {
        return name + "@" + version + " (" + module.length + " bytes of " + manifest.module() + ")";
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
