package io.tfgrpo.dataset;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** Counts the bytes read and fails as soon as they pass a limit, so an oversized body is never read whole. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<RuntimeException> overLimit;
    private long count;

    LimitedInputStream(InputStream in, long limit, Supplier<RuntimeException> overLimit) {
        super(in);
        this.limit = limit;
        this.overLimit = overLimit;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        advance(skipped);
        return skipped;
    }

    private void advance(long n) {
        count += n;
        if (count > limit) {
            throw overLimit.get();
        }
    }
}
