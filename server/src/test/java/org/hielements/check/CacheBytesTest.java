package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CacheBytes}: the bytes {@link DataOutputStream} writes, read back as {@link java.io.DataInputStream} reads them. */
class CacheBytesTest {
    @Test
    void writesWhatDataOutputStreamWritesAndReadsItBack() throws IOException {
        Random r = new Random(3);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        CacheBytes.Out out = new CacheBytes.Out(1);
        long[] values = new long[5000];
        int[] ops = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ops[i] = r.nextInt(6);
            values[i] = r.nextLong();
            switch (ops[i]) {
                case 0 -> { data.writeByte((int) values[i]); out.writeByte((int) values[i]); }
                case 1 -> { data.writeBoolean(values[i] > 0); out.writeBoolean(values[i] > 0); }
                case 2 -> { data.writeShort((int) values[i]); out.writeShort((int) values[i]); }
                case 3 -> { data.writeInt((int) values[i]); out.writeInt((int) values[i]); }
                case 4 -> { data.writeLong(values[i]); out.writeLong(values[i]); }
                default -> {
                    byte[] b = Long.toString(values[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    data.write(b);
                    out.write(b);
                }
            }
        }
        data.flush();
        byte[] bytes = out.toByteArray();
        assertArrayEquals(expected.toByteArray(), bytes);
        CacheBytes.In in = new CacheBytes.In(bytes);
        for (int i = 0; i < values.length; i++) {
            switch (ops[i]) {
                case 0 -> assertEquals((int) values[i] & 0xFF, in.readUnsignedByte());
                case 1 -> assertEquals(values[i] > 0, in.readBoolean());
                case 2 -> assertEquals((int) values[i] & 0xFFFF, in.readUnsignedShort());
                case 3 -> assertEquals((int) values[i], in.readInt());
                case 4 -> assertEquals(values[i], in.readLong());
                default -> {
                    String s = Long.toString(values[i]);
                    assertEquals(s, in.utf8(s.length()));
                }
            }
        }
        assertEquals(0, in.available());
        assertEquals(-1, in.read());
        assertThrows(EOFException.class, in::readInt);
        assertEquals(0, in.readNBytes(8).length);
        CacheBytes.In two = new CacheBytes.In(new byte[] {1, 2});
        assertThrows(EOFException.class, two::readInt);          // nothing taken by a read that fails
        assertEquals(0x0102, two.readUnsignedShort());
    }
}
