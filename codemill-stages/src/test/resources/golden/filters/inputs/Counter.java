package demo;

/** Counts events; not thread-safe. */
public final class Counter {
    private long count;

    public void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        count += n;
    }

    public long count() {
        return count;
    }
}
