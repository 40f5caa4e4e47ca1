package org.hielements.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.hielements.service.Settings;

/**
 * Reads {@code hielements.*} settings from what a client sends: the {@code hielements} section itself, an object
 * holding it, or flat dotted keys ({@code "checks.onChange": true}). Unknown keys and wrong types are ignored (the
 * previous value stays).
 */
final class SettingsReader {
    private SettingsReader() {}

    static Settings read(Object raw, Settings base) {
        if (!(raw instanceof JsonElement el) || !el.isJsonObject()) return base;
        JsonObject o = el.getAsJsonObject();
        if (o.has("hielements") && o.get("hielements").isJsonObject()) o = o.getAsJsonObject("hielements");
        int delay = integer(o, "diagnostics", "delay", base.diagnosticsDelay());
        boolean onChange = bool(o, "checks", "onChange", base.checksOnChange());
        boolean allowProcess = bool(o, "plugins", "allowProcess", base.allowProcess());
        return new Settings(delay, onChange, allowProcess);
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
