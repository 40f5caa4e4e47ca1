package org.hielements.wasm;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The guest's linear memory, ours rather than the engine's so that a {@code memory.grow} refused
 * by the limit is noted: a call that hit the limit is then reported as such even when the guest
 * swallowed the failure. (Wrapping the engine's memory cost about 20% on memory-bound code; this
 * class is the memory itself.)
 *
 * <p>Storage is one 64 KiB {@code byte[]} per page, allocated as the memory grows, so growing never
 * copies. Little-endian multi-byte accesses use byte-array views when they fit in one page and go
 * byte by byte when they straddle two. An access outside the current size throws
 * {@link WasmRuntimeException} ("out of bounds memory access"), a trap for the guest. Not shared:
 * one instance runs one call at a time, so the atomic operations need no more than the lock the
 * interface's defaults take.
 */
final class LimitedMemory implements Memory {
    private static final int SHIFT = 16;
    private static final int MASK = PAGE_SIZE - 1;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final int initialPages;
    private final int maximumPages;
    private final byte[][] pages;
    private int nPages;
    private DataSegment[] dataSegments = new DataSegment[0];
    private final InstanceBudget budget;

    LimitedMemory(MemoryLimits limits) {
        this(limits, InstanceBudget.unlimited());
    }

    /** A memory whose pages are taken from {@code budget}, shared with the instance's tables and globals. */
    LimitedMemory(MemoryLimits limits, InstanceBudget budget) {
        if (limits.shared()) {
            throw new ChicoryException("shared memory is not supported by the plugin host");
        }
        this.budget = budget;
        this.initialPages = limits.initialPages();
        this.maximumPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
        if (initialPages > maximumPages) {
            throw new UninstantiableException("memory starts at " + initialPages + " pages, over its maximum "
                    + maximumPages);
        }
        if (!budget.reserve((long) initialPages << SHIFT, "a memory of " + initialPages + " pages")) {
            throw new UninstantiableException(budget.refusal());
        }
        this.pages = new byte[maximumPages][];
        for (int i = 0; i < initialPages; i++) {
            pages[i] = new byte[PAGE_SIZE];
        }
        this.nPages = initialPages;
    }

    // ---- our additions

    /**
     * Whether a {@code memory.grow} (or another allocation of the same instance's budget) was refused
     * since the last {@link #clearGrowRefused()}.
     */
    boolean growRefused() {
        return budget.refused();
    }

    void clearGrowRefused() {
        budget.clearRefused();
    }

    /** Current size in bytes. */
    long byteSize() {
        return (long) nPages << SHIFT;
    }

    private WasmRuntimeException outOfBounds(long addr, long size) {
        return new WasmRuntimeException("out of bounds memory access: attempted to access address: "
                + addr + " but limit is: " + byteSize() + " and size: " + size);
    }

    private void checkRange(int addr, int size) {
        if (addr < 0 || size < 0 || (long) addr + size > byteSize()) {
            throw outOfBounds(Integer.toUnsignedLong(addr), size);
        }
    }

    // ---- size

    @Override
    public int pages() {
        return nPages;
    }

    @Override
    public int grow(int size) {
        int previous = nPages;
        long wanted = previous + Integer.toUnsignedLong(size);
        if (wanted > maximumPages) {
            budget.refuse("tried to grow its memory past the limit of " + maximumPages + " pages ("
                    + String.format(java.util.Locale.ROOT, "%.1f MiB", maximumPages / 16.0) + ")");
            return -1;
        }
        if (!budget.reserve((wanted - previous) << SHIFT, "growing the memory to " + wanted + " pages")) {
            return -1;
        }
        for (int i = previous; i < wanted; i++) {
            pages[i] = new byte[PAGE_SIZE];
        }
        nPages = (int) wanted;
        return previous;
    }

    @Override
    public int initialPages() {
        return initialPages;
    }

    @Override
    public int maximumPages() {
        return maximumPages;
    }

    @Override
    public boolean shared() {
        return false;
    }

    // ---- threads proposal: not shared, so no waiting

    @Override
    @SuppressWarnings("removal")
    public Object lock(int address) {
        return this;
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, int expected, long timeout) {
        throw new WasmRuntimeException("expected shared memory");
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, long expected, long timeout) {
        throw new WasmRuntimeException("expected shared memory");
    }

    @Override
    @SuppressWarnings("removal")
    public int notify(int address, int maxThreads) {
        checkRange(address, 4);
        return 0;
    }

    // ---- data segments

    @Override
    public void initialize(Instance instance, DataSegment[] segments) {
        initialize(instance, segments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
        if (segments == null) {
            return;
        }
        this.dataSegments = segments;
        for (DataSegment s : segments) {
            if (s instanceof ActiveDataSegment) {
                ActiveDataSegment a = (ActiveDataSegment) s;
                if (a.index() != memoryIndex) {
                    continue;
                }
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, a.offsetInstructions())[0];
                byte[] data = a.data();
                if (offset < 0 || (long) offset + data.length > byteSize()) {
                    throw new UninstantiableException("out of bounds memory access");
                }
                write(offset, data, 0, data.length);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, dataSegments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    // ---- bulk

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        if (offset < 0 || size < 0 || (long) offset + size > data.length) {
            throw outOfBounds(offset, size);
        }
        checkRange(addr, size);
        while (size > 0) {
            int at = addr & MASK;
            int chunk = Math.min(size, PAGE_SIZE - at);
            System.arraycopy(data, offset, pages[addr >>> SHIFT], at, chunk);
            addr += chunk;
            offset += chunk;
            size -= chunk;
        }
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        checkRange(addr, len);
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            int at = addr & MASK;
            int chunk = Math.min(len - done, PAGE_SIZE - at);
            System.arraycopy(pages[addr >>> SHIFT], at, out, done, chunk);
            addr += chunk;
            done += chunk;
        }
        return out;
    }

    @Override
    public void zero() {
        for (int i = 0; i < nPages; i++) {
            Arrays.fill(pages[i], (byte) 0);
        }
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        int size = toIndex - fromIndex;
        checkRange(fromIndex, size);
        int addr = fromIndex;
        while (size > 0) {
            int at = addr & MASK;
            int chunk = Math.min(size, PAGE_SIZE - at);
            Arrays.fill(pages[addr >>> SHIFT], at, at + chunk, value);
            addr += chunk;
            size -= chunk;
        }
    }

    @Override
    public void copy(int dest, int src, int size) {
        checkRange(dest, size);
        checkRange(src, size);
        if (dest > src && dest < src + size) {
            // overlapping with the destination after the source: copy from the end
            int d = dest + size;
            int s = src + size;
            while (size > 0) {
                int chunk = Math.min(size, Math.min(((d - 1) & MASK) + 1, ((s - 1) & MASK) + 1));
                d -= chunk;
                s -= chunk;
                System.arraycopy(pages[s >>> SHIFT], s & MASK, pages[d >>> SHIFT], d & MASK, chunk);
                size -= chunk;
            }
        } else {
            while (size > 0) {
                int chunk = Math.min(size, PAGE_SIZE - Math.max(dest & MASK, src & MASK));
                System.arraycopy(pages[src >>> SHIFT], src & MASK, pages[dest >>> SHIFT], dest & MASK, chunk);
                dest += chunk;
                src += chunk;
                size -= chunk;
            }
        }
    }

    // ---- single values

    private byte[] page(int addr, int size) {
        // addr >>> SHIFT is beyond the pages array for negative addresses; null beyond the current size
        try {
            byte[] p = pages[addr >>> SHIFT];
            if (p == null) {
                throw outOfBounds(Integer.toUnsignedLong(addr), size);
            }
            return p;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw outOfBounds(Integer.toUnsignedLong(addr), size);
        }
    }

    @Override
    public byte read(int addr) {
        return page(addr, 1)[addr & MASK];
    }

    @Override
    public void writeByte(int addr, byte data) {
        page(addr, 1)[addr & MASK] = data;
    }

    @Override
    public short readShort(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 2) {
            return (short) SHORT.get(page(addr, 2), at);
        }
        checkRange(addr, 2);
        return (short) ((read(addr) & 0xFF) | (read(addr + 1) << 8));
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeShort(int addr, short data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 2) {
            SHORT.set(page(addr, 2), at, data);
            return;
        }
        checkRange(addr, 2);
        writeByte(addr, (byte) data);
        writeByte(addr + 1, (byte) (data >> 8));
    }

    @Override
    public int readInt(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 4) {
            return (int) INT.get(page(addr, 4), at);
        }
        checkRange(addr, 4);
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (read(addr + i) & 0xFF);
        }
        return v;
    }

    @Override
    public void writeI32(int addr, int data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 4) {
            INT.set(page(addr, 4), at, data);
            return;
        }
        checkRange(addr, 4);
        for (int i = 0; i < 4; i++) {
            writeByte(addr + i, (byte) (data >>> (8 * i)));
        }
    }

    @Override
    public long readLong(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 8) {
            return (long) LONG.get(page(addr, 8), at);
        }
        checkRange(addr, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (read(addr + i) & 0xFF);
        }
        return v;
    }

    @Override
    public void writeLong(int addr, long data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 8) {
            LONG.set(page(addr, 8), at, data);
            return;
        }
        checkRange(addr, 8);
        for (int i = 0; i < 8; i++) {
            writeByte(addr + i, (byte) (data >>> (8 * i)));
        }
    }

    @Override
    public float readFloat(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 4) {
            return (float) FLOAT.get(page(addr, 4), at);
        }
        return Float.intBitsToFloat(readInt(addr));
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public void writeF32(int addr, float data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 4) {
            FLOAT.set(page(addr, 4), at, data);
            return;
        }
        writeI32(addr, Float.floatToRawIntBits(data));
    }

    @Override
    public double readDouble(int addr) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 8) {
            return (double) DOUBLE.get(page(addr, 8), at);
        }
        return Double.longBitsToDouble(readLong(addr));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        int at = addr & MASK;
        if (at <= PAGE_SIZE - 8) {
            DOUBLE.set(page(addr, 8), at, data);
            return;
        }
        writeLong(addr, Double.doubleToRawLongBits(data));
    }
}
