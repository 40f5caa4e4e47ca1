package org.hielements.library.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Writes small ustar + gzip archives for tests, including the hostile kinds a registry could serve. */
public final class TestTarballs {
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** A regular file. */
    TestTarballs file(String name, byte[] data) {
        header(name, data.length, '0', "");
        tar.writeBytes(data);
        pad(data.length);
        return this;
    }

    TestTarballs file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry of another type ('1' hard link, '2' symbolic link, '3' device, '6' FIFO, '5' folder). */
    TestTarballs entry(String name, char type, String link) {
        header(name, 0, type, link);
        return this;
    }

    byte[] tgz() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(tar.toByteArray());
                gz.write(new byte[1024]);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void header(String name, long size, char type, String link) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        put(h, 100, 8, "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, String.format("%011o", 0));
        for (int i = 148; i < 156; i++) h[i] = ' ';
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        long sum = 0;
        for (byte b : h) sum += b & 0xff;
        put(h, 148, 8, String.format("%06o", sum) + "\0 ");
        tar.writeBytes(h);
    }

    private void pad(long size) {
        int p = (int) ((512 - size % 512) % 512);
        tar.writeBytes(new byte[p]);
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, Math.min(len, b.length));
    }

    /** A plugin package: package.json with {@code keywords}, the manifest, the module. */
    public static byte[] plugin(String name, String version, String keywords, String manifest, byte[] module) {
        TestTarballs t = new TestTarballs().file("package/package.json", "{\"name\":\"" + name + "\",\"version\":\""
                + version + "\",\"keywords\":" + keywords + "}");
        if (manifest != null) t.file("package/hielements-plugin.json", manifest);
        if (module != null) t.file("package/sample.wasm", module);
        return t.tgz();
    }

    public static final String MANIFEST = "{\"library\":\"sample\",\"abi\":1,\"module\":\"sample.wasm\","
            + "\"permissions\":{\"filesystem\":[\"read\"],\"network\":[\"api.example.org:443\"]}}";
}
