package org.hielements.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.hielements.wasm.WasmPluginException.Kind;

/**
 * Reads a module file without ever blocking or reading without bound: the file's type is checked from
 * its attributes before it is opened (a FIFO, a device such as {@code /dev/zero} or {@code /dev/stdin},
 * a socket or a folder is refused, also through a symbolic link), its size is checked against the
 * policy's limit, and the read itself stops one byte past the limit (a file that grows meanwhile is
 * refused too). The magic number and version are checked here, so that a file that is not WebAssembly
 * is refused without any of its bytes in the message.
 */
final class ModuleFile {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    private static final byte[] VERSION_1 = {0x01, 0x00, 0x00, 0x00};

    private ModuleFile() {}

    /** The bytes of {@code path}, a regular file of at most {@code limit} bytes. */
    static byte[] read(String plugin, Path path, long limit) throws WasmPluginException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class); // follows links; opens nothing
        } catch (NoSuchFileException e) {
            throw new WasmPluginException(Kind.LOAD, plugin, null, "no such file: " + path, e);
        } catch (IOException e) {
            throw new WasmPluginException(Kind.LOAD, plugin, null, "cannot read " + path + ": " + reason(e), e);
        }
        if (!attributes.isRegularFile()) {
            throw new WasmPluginException(Kind.LOAD, plugin, null, path + " is " + kind(path, attributes)
                    + ", not a regular file; a module is read only from a regular file");
        }
        if (attributes.size() > limit) {
            throw tooLarge(plugin, path, attributes.size(), limit);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(plugin, path, -1, limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new WasmPluginException(Kind.LOAD, plugin, null, "cannot read " + path + ": " + reason(e), e);
        }
    }

    /**
     * Refuses bytes that do not start with WebAssembly's magic number and version 1, naming no byte of
     * them: a path may point anywhere, and the message must not show what is there.
     */
    static void checkHeader(String plugin, byte[] bytes) throws WasmPluginException {
        if (bytes.length < 4 || !Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
            throw new WasmPluginException(Kind.LOAD, plugin, null,
                    "not a WebAssembly module (bad magic number: a binary module starts with \\0asm)");
        }
        if (bytes.length < 8 || !Arrays.equals(bytes, 4, 8, VERSION_1, 0, 4)) {
            throw new WasmPluginException(Kind.LOAD, plugin, null,
                    "not a WebAssembly module of version 1 (the only binary format version there is)");
        }
    }

    private static WasmPluginException tooLarge(String plugin, Path path, long size, long limit) {
        return new WasmPluginException(Kind.LOAD, plugin, null, path + " is larger than the module limit of "
                + human(limit) + (size >= 0 ? " (" + human(size) + ")" : "") + "; it was not read");
    }

    /** What a file that is not regular is, in words ("a FIFO (named pipe)", "a character device"...). */
    static String kind(Path path, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a folder";
        }
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:mode");
            int type = ((Integer) unix.get("mode")) & 0170000;
            switch (type) {
                case 0010000:
                    return "a FIFO (named pipe)";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view here: say it generally
        }
        return "a special file (a FIFO, device or socket)";
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m != null ? ": " + m : "");
    }

    static String human(long bytes) {
        if (bytes >= 1024L * 1024 && bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + " MiB";
        }
        if (bytes >= 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
