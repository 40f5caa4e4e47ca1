package org.hielements.library.process;

import com.fasterxml.jackson.databind.JsonNode;

import org.hielements.library.JsonText;
import org.hielements.library.LibraryError;

/**
 * The JSON-RPC 2.0 error object shared by both kinds of plugin: a process plugin's {@code "error"} member, and a WASM
 * plugin's reply {@code {"error": {"code": -32000, "message": "..."}}}. The code becomes {@code "E<code>"} (upstream:
 * {@code E-32601}), the message is the plugin's own.
 */
public final class JsonRpc {
    /** Code of a reply that breaks the protocol (an error object without a code, an unparsable line). */
    public static final String BAD_REPLY = "E506";

    private static final int MESSAGE_LIMIT = 2000;

    private JsonRpc() {
    }

    /** Whether {@code reply} is an error envelope: an object whose {@code error} member is an object. */
    public static boolean isError(JsonNode reply) {
        return reply != null && reply.isObject() && reply.has("error") && reply.get("error").isObject();
    }

    /** The error an error object stands for; one without an integer code is reported as a bad reply naming the library. */
    public static LibraryError error(JsonNode error, String library) {
        JsonNode code = error == null ? null : error.get("code");
        JsonNode message = error == null ? null : error.get("message");
        String text = message != null && message.isTextual() ? message.textValue()
                : message == null || message.isNull() ? "" : JsonText.compact(message);
        if (text.length() > MESSAGE_LIMIT) text = text.substring(0, MESSAGE_LIMIT) + "...";
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            String fragment = error == null ? "null" : JsonText.compact(error);
            if (fragment.length() > 200) fragment = fragment.substring(0, 200) + "...";
            return new LibraryError(BAD_REPLY, "Library '" + library + "' sent an error without an integer code: "
                    + fragment);
        }
        return new LibraryError("E" + code.intValue(), text.isEmpty() ? "(the plugin gave no message)" : text);
    }
}
