package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Our linear memory against the engine's own: the same random operations, near page boundaries
 * and past the end, must give the same values, the same contents and the same out-of-bounds traps.
 */
class LimitedMemoryTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    @Test
    void behavesLikeTheEnginesMemory() {
        Random rnd = new Random(20261125);
        for (int round = 0; round < 20; round++) {
            MemoryLimits limits = new MemoryLimits(2, 6);
            LimitedMemory ours = new LimitedMemory(limits);
            ByteArrayMemory ref = new ByteArrayMemory(limits);
            for (int step = 0; step < 3_000; step++) {
                apply(rnd, ours, ref);
            }
            assertEquals(ref.pages(), ours.pages());
            assertArrayEquals(ref.readBytes(0, ref.pages() * PAGE), ours.readBytes(0, ours.pages() * PAGE));
        }
    }

    /** An address that is either fully inside for {@code width} bytes, or fully outside. */
    private static int address(Random rnd, Memory m, int width) {
        int size = m.pages() * PAGE;
        if (width > size) {
            return rnd.nextInt(size);
        }
        switch (rnd.nextInt(6)) {
            case 0: // near a page boundary
                return Math.max(0, Math.min(size - width, (1 + rnd.nextInt(m.pages())) * PAGE - rnd.nextInt(8)));
            case 1: // outside
                return rnd.nextBoolean() ? size + rnd.nextInt(3 * PAGE) : -1 - rnd.nextInt(1000);
            default:
                return rnd.nextInt(size - width + 1);
        }
    }

    private static <T> void same(Function<Memory, T> op, Memory ours, Memory ref) {
        T expected;
        try {
            expected = op.apply(ref);
        } catch (RuntimeException e) {
            assertThrows(WasmRuntimeException.class, () -> op.apply(ours), "engine threw " + e);
            return;
        }
        T actual = op.apply(ours);
        if (expected instanceof byte[]) {
            assertArrayEquals((byte[]) expected, (byte[]) actual);
        } else {
            assertEquals(expected, actual);
        }
    }

    private static void apply(Random rnd, LimitedMemory ours, ByteArrayMemory ref) {
        switch (rnd.nextInt(14)) {
            case 0: {
                int a = address(rnd, ref, 1);
                byte v = (byte) rnd.nextInt();
                same(m -> { m.writeByte(a, v); return m.read(a); }, ours, ref);
                break;
            }
            case 1: {
                int a = address(rnd, ref, 2);
                short v = (short) rnd.nextInt();
                same(m -> { m.writeShort(a, v); return m.readShort(a) + ":" + m.readU16(a); }, ours, ref);
                break;
            }
            case 2: {
                int a = address(rnd, ref, 4);
                int v = rnd.nextInt();
                same(m -> { m.writeI32(a, v); return m.readInt(a) + ":" + m.readU32(a); }, ours, ref);
                break;
            }
            case 3: {
                int a = address(rnd, ref, 8);
                long v = rnd.nextLong();
                same(m -> { m.writeLong(a, v); return m.readLong(a); }, ours, ref);
                break;
            }
            case 4: {
                int a = address(rnd, ref, 4);
                float v = rnd.nextFloat();
                same(m -> { m.writeF32(a, v); return m.readFloat(a) + ":" + m.readF32(a); }, ours, ref);
                break;
            }
            case 5: {
                int a = address(rnd, ref, 8);
                double v = rnd.nextDouble();
                same(m -> { m.writeF64(a, v); return m.readDouble(a) + ":" + m.readF64(a); }, ours, ref);
                break;
            }
            case 6: {
                int len = rnd.nextInt(3 * PAGE);
                byte[] data = new byte[len];
                rnd.nextBytes(data);
                int a = address(rnd, ref, len);
                same(m -> { m.write(a, data); return m.readBytes(a, len); }, ours, ref);
                break;
            }
            case 7: {
                int len = rnd.nextInt(2 * PAGE);
                int a = address(rnd, ref, len);
                byte v = (byte) rnd.nextInt();
                same(m -> { m.fill(v, a, a + len); return m.readBytes(a, len); }, ours, ref);
                break;
            }
            case 8: {
                int len = rnd.nextInt(2 * PAGE);
                int src = address(rnd, ref, len);
                int dst = rnd.nextBoolean() ? address(rnd, ref, len)
                        : Math.max(0, Math.min(ref.pages() * PAGE - len, src + rnd.nextInt(200) - 100));
                same(m -> { m.copy(dst, src, len); return m.readBytes(Math.max(0, dst), Math.max(0, len)); }, ours, ref);
                break;
            }
            case 9: {
                int n = rnd.nextInt(3);
                same(m -> m.grow(n), ours, ref);
                break;
            }
            case 10: {
                int a = address(rnd, ref, 1);
                same(m -> m.readU8(a) + ":" + m.readI8(a), ours, ref);
                break;
            }
            case 11: {
                int a = address(rnd, ref, 8);
                same(m -> m.readI64(a) + ":" + m.readI32(a) + ":" + m.readI16(a), ours, ref);
                break;
            }
            case 12: {
                int a = address(rnd, ref, 32);
                int len = rnd.nextInt(32);
                same(m -> m.readBytes(a, len), ours, ref);
                break;
            }
            default:
                if (rnd.nextInt(50) == 0) {
                    same(m -> { m.zero(); return m.pages(); }, ours, ref);
                }
        }
    }

    @Test
    void notesARefusedGrow() {
        LimitedMemory m = new LimitedMemory(new MemoryLimits(1, 3));
        assertEquals(1, m.grow(2));
        assertFalse(m.growRefused());
        assertEquals(-1, m.grow(1));
        assertTrue(m.growRefused());
        assertEquals(3, m.pages());
        m.clearGrowRefused();
        assertEquals(3, m.grow(0));
        assertFalse(m.growRefused());
        assertEquals(-1, m.grow(-1)); // an unsigned delta of 4 Gi pages
        assertTrue(m.growRefused());
    }
}
