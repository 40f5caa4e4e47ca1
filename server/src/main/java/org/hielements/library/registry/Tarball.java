package org.hielements.library.registry;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads an npm package tarball ({@code .tgz}: a gzip'd ustar archive whose entries lie in one top folder,
 * {@code package/}) into memory, safely: nothing is written anywhere, only regular files and folders are accepted (a
 * link, a device or a FIFO refuses the whole package), no path may leave the package ({@code ..}, absolute paths,
 * backslashes, NUL), and the entries, the files kept and the whole unpacked size are bounded. POSIX pax headers and GNU
 * long names are read for the entry they precede.
 */
public final class Tarball {
    /** The most entries a package may hold. */
    public static final int MAX_ENTRIES = 10_000;
    /** The most bytes the archive may unpack to (all entries, kept or not). */
    public static final long MAX_UNPACKED = 512L * 1024 * 1024;

    private Tarball() {
    }

    /** A tarball that is not a safe npm package, with the reason. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The regular files of the package whose path (relative to the top folder, {@code /}-separated) {@code keep}
     * accepts, each at most {@code fileLimit} bytes; the others are read past.
     */
    public static Map<String, byte[]> read(byte[] tgz, Predicate<String> keep, long fileLimit) throws Refused {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz), 64 * 1024)) {
            byte[] header = new byte[512];
            long unpacked = 0;
            int entries = 0;
            String longName = null;
            while (true) {
                if (!readFully(in, header)) throw new Refused("the archive ends inside a header");
                if (allZero(header)) break;
                if (++entries > MAX_ENTRIES) throw new Refused("the archive holds more than " + MAX_ENTRIES + " entries");
                checkSum(header);
                long size = size(header);
                char type = (char) (header[156] & 0xff);
                unpacked += size;
                if (unpacked > MAX_UNPACKED) {
                    throw new Refused("the archive unpacks to more than " + (MAX_UNPACKED >> 20) + " MiB");
                }
                if (type == 'x' || type == 'L') {
                    if (size > 1024 * 1024) throw new Refused("an extended header is larger than 1 MiB");
                    byte[] data = readEntry(in, size);
                    longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data).orElse(longName);
                    continue;
                }
                if (type == 'g') {
                    skipEntry(in, size);
                    continue;
                }
                String name = longName != null ? longName : name(header);
                longName = null;
                String path = relative(name);
                if (type == '5') {
                    skipEntry(in, size);
                    continue;
                }
                if (type != '0' && type != '\0' && type != '7') {
                    throw new Refused("the entry '" + printable(name) + "' is " + kind(type) + "; a plugin package "
                            + "holds only regular files and folders");
                }
                if (path.isEmpty()) throw new Refused("a file entry has no name");
                if (keep.test(path)) {
                    if (size > fileLimit) {
                        throw new Refused("the file '" + printable(path) + "' is larger than " + fileLimit + " bytes");
                    }
                    out.put(path, readEntry(in, size));
                } else {
                    skipEntry(in, size);
                }
            }
        } catch (EOFException e) {
            throw new Refused("the archive is cut short");
        } catch (IOException e) {
            throw new Refused("not a gzip'd tar archive (" + e.getMessage() + ")");
        }
        return out;
    }

    /** The path below the top folder, checked: no way out of the package. */
    private static String relative(String name) throws Refused {
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0 || name.startsWith("/")) {
            throw new Refused("the entry '" + printable(name) + "' has an unsafe path");
        }
        String[] parts = name.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) throw new Refused("the entry '" + printable(name) + "' leaves the package ('..')");
            if (out.length() > 0) out.append('/');
            out.append(p);
        }
        if (parts.length > 0 && parts[0].equals("..")) {
            throw new Refused("the entry '" + printable(name) + "' leaves the package ('..')");
        }
        return out.toString();
    }

    private static String kind(char type) {
        return switch (type) {
            case '1' -> "a hard link";
            case '2' -> "a symbolic link";
            case '3', '4' -> "a device";
            case '6' -> "a FIFO";
            default -> "of an unknown type '" + printable(String.valueOf(type)) + "'";
        };
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static java.util.Optional<String> paxPath(byte[] data) throws Refused {
        int i = 0;
        while (i < data.length) {
            int sp = i;
            while (sp < data.length && data[sp] != ' ') sp++;
            if (sp >= data.length) throw new Refused("a broken pax header");
            int len;
            try {
                len = Integer.parseInt(new String(data, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new Refused("a broken pax header");
            }
            if (len <= 0 || i + len > data.length) throw new Refused("a broken pax header");
            String rec = new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
            if (rec.startsWith("path=")) return java.util.Optional.of(rec.substring(5));
            i += len;
        }
        return java.util.Optional.empty();
    }

    private static long size(byte[] h) throws Refused {
        if ((h[124] & 0x80) != 0) throw new Refused("an entry is too large (base-256 size)");
        String s = cString(h, 124, 12).trim();
        if (s.isEmpty()) return 0;
        try {
            long n = Long.parseLong(s, 8);
            if (n < 0) throw new Refused("an entry has a negative size");
            return n;
        } catch (NumberFormatException e) {
            throw new Refused("an entry has a broken size field");
        }
    }

    private static void checkSum(byte[] h) throws Refused {
        String s = cString(h, 148, 8).trim();
        long expected;
        try {
            expected = Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new Refused("not a tar archive (a broken header checksum)");
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        if (sum != expected) throw new Refused("not a tar archive (a header checksum does not match)");
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) return n == 0 ? allZeroTail(buf) : false;
            n += r;
        }
        return true;
    }

    /** An archive that ends without its two zero blocks (some writers) ends cleanly. */
    private static boolean allZeroTail(byte[] buf) {
        java.util.Arrays.fill(buf, (byte) 0);
        return true;
    }

    private static byte[] readEntry(InputStream in, long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) throw new EOFException();
        skipPadding(in, size);
        return data;
    }

    private static void skipEntry(InputStream in, long size) throws IOException {
        long left = size + padding(size);
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) throw new EOFException();
                s = 1;
            }
            left -= s;
        }
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long pad = padding(size);
        if (pad > 0 && in.readNBytes((int) pad).length != pad) throw new EOFException();
    }

    private static long padding(long size) {
        return (512 - size % 512) % 512;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.length() > 200 ? b.substring(0, 200) + "..." : b.toString();
    }
}
