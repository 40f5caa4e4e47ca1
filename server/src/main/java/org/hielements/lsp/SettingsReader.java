package org.hielements.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.hielements.service.Settings;

/**
 * Reads {@code hielements.*} settings from what a client sends: the {@code hielements} section itself, an object
 * holding it, or flat dotted keys ({@code "checks.onChange": true}). Unknown keys and wrong types are ignored (the
 * previous value stays). {@code trustedWorkspace} (at the top or in the section) is what the client says of the
 * workspace's trust: process plugins start only when it is true or {@code plugins.allowProcess} is, never when it is
 * false.
 */
final class SettingsReader {
    private SettingsReader() {}

    static Settings read(Object raw, Settings base) {
        if (!(raw instanceof JsonElement el) || !el.isJsonObject()) return base;
        JsonObject root = el.getAsJsonObject();
        JsonObject o = root;
        if (o.has("hielements") && o.get("hielements").isJsonObject()) o = o.getAsJsonObject("hielements");
        int delay = integer(o, "diagnostics", "delay", base.diagnosticsDelay());
        boolean onChange = bool(o, "checks", "onChange", base.checksOnChange());
        JsonPrimitive allow = find(o, "plugins", "allowProcess");
        Boolean allowProcess = allow != null && allow.isBoolean() ? Boolean.valueOf(allow.getAsBoolean())
                : base.allowProcessSetting();
        Settings.Trust trust = base.trust();
        JsonElement t = root.has("trustedWorkspace") ? root.get("trustedWorkspace") : o.get("trustedWorkspace");
        if (t != null && t.isJsonPrimitive() && t.getAsJsonPrimitive().isBoolean()) {
            trust = t.getAsBoolean() ? Settings.Trust.TRUSTED : Settings.Trust.UNTRUSTED;
        }
        return new Settings(delay, onChange, allowProcess, trust);
    }

    private static JsonPrimitive find(JsonObject o, String group, String key) {
        JsonElement e = null;
        if (o.has(group) && o.get(group).isJsonObject()) e = o.getAsJsonObject(group).get(key);
        if (e == null) e = o.get(group + "." + key);
        return e != null && e.isJsonPrimitive() ? e.getAsJsonPrimitive() : null;
    }

    private static boolean bool(JsonObject o, String group, String key, boolean dflt) {
        JsonPrimitive p = find(o, group, key);
        return p != null && p.isBoolean() ? p.getAsBoolean() : dflt;
    }

    private static int integer(JsonObject o, String group, String key, int dflt) {
        JsonPrimitive p = find(o, group, key);
        return p != null && p.isNumber() ? p.getAsInt() : dflt;
    }
}
