package io.seckill.id.segment;

/**
 * Ids {@code start} (inclusive) to {@code end} (exclusive), owned by this instance alone: the database
 * moved its high-water mark past them before handing them out, so no restart can hand them out again.
 */
final class SegmentRange {

    private final long end;
    private final long size;
    private long cursor;

    SegmentRange(long start, long end) {
        this.cursor = start;
        this.end = end;
        this.size = end - start;
    }

    long remaining() {
        return end - cursor;
    }

    long size() {
        return size;
    }

    long take() {
        return cursor++;
    }
}
