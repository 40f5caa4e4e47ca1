package org.hielements.check;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The cache's bytes as {@link java.io.DataOutputStream} and {@link java.io.DataInputStream} write and read them
 * (big-endian), without their synchronized single-byte calls: a cache of 20,000 files made some 400,000 of them, a
 * tenth of an unchanged run on a JVM that starts cold.
 */
final class CacheBytes {
    private CacheBytes() {
    }

    /** A growing byte array. */
    static final class Out {
        private byte[] buf;
        private int size;

        Out(int initial) {
            buf = new byte[Math.max(16, initial)];
        }

        private void room(int n) {
            if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(size + n, buf.length * 2));
        }

        void writeByte(int v) {
            room(1);
            buf[size++] = (byte) v;
        }

        void writeBoolean(boolean v) {
            writeByte(v ? 1 : 0);
        }

        void writeShort(int v) {
            room(2);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void writeInt(int v) {
            room(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void write(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void write(byte[] b, int from, int length) {
            room(length);
            System.arraycopy(b, from, buf, size, length);
            size += length;
        }

        void write(Out other) {
            room(other.size);
            System.arraycopy(other.buf, 0, buf, size, other.size);
            size += other.size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** A reader over bytes; reading past the end is an {@link EOFException}. */
    static final class In {
        private final ByteBuffer b;

        In(byte[] bytes) {
            b = ByteBuffer.wrap(bytes);
        }

        private void need(int n) throws EOFException {
            if (b.remaining() < n) throw new EOFException();
        }

        int available() {
            return b.remaining();
        }

        /** Where the next byte is read from. */
        int position() {
            return b.position();
        }

        /** The next byte (0-255), or -1 at the end. */
        int read() {
            return b.hasRemaining() ? b.get() & 0xFF : -1;
        }

        int readUnsignedByte() throws EOFException {
            need(1);
            return b.get() & 0xFF;
        }

        boolean readBoolean() throws EOFException {
            return readUnsignedByte() != 0;
        }

        int readUnsignedShort() throws EOFException {
            need(2);
            return b.getShort() & 0xFFFF;
        }

        int readInt() throws EOFException {
            need(4);
            return b.getInt();
        }

        long readLong() throws EOFException {
            need(8);
            return b.getLong();
        }

        /** Up to {@code n} bytes (fewer at the end), as {@link java.io.InputStream#readNBytes(int)}. */
        byte[] readNBytes(int n) {
            byte[] out = new byte[Math.min(n, b.remaining())];
            b.get(out);
            return out;
        }

        /** {@code n} bytes decoded as UTF-8 ({@code n} at most {@link #available()}). */
        String utf8(int n) throws EOFException {
            need(n);
            String s = new String(b.array(), b.position(), n, java.nio.charset.StandardCharsets.UTF_8);
            b.position(b.position() + n);
            return s;
        }
    }
}
