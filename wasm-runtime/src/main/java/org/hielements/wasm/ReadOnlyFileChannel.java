package org.hielements.wasm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;

/**
 * A file channel that reads and refuses every change with a checked {@link AccessDeniedException}
 * (a plain read-only channel throws the unchecked {@code NonWritableChannelException} on truncate,
 * which WASI would not turn into an errno).
 */
final class ReadOnlyFileChannel extends FileChannel {
    private final FileChannel delegate;

    ReadOnlyFileChannel(FileChannel delegate) {
        this.delegate = delegate;
    }

    private static AccessDeniedException denied() {
        return new AccessDeniedException(null, null, "the workspace is mounted read-only");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw denied();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw denied();
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw denied();
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        throw denied();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        // nothing was written
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw denied();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        if (mode != MapMode.READ_ONLY) {
            throw denied();
        }
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        throw new AccessDeniedException(null, null, "no file locks inside the workspace view");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        throw new AccessDeniedException(null, null, "no file locks inside the workspace view");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
