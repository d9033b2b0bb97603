package dev.codemill.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Waiting for pool tasks with their own exceptions, and stopping a pool: what every phase of a run shares. */
final class Futures {
    private Futures() {
    }

    /** The value of {@code f}, its failure rethrown as {@link #await} does. */
    static <T> T get(Future<T> f) throws IOException {
        await(List.of(f));
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("unreachable: await checked the future", e);
        }
    }

    /**
     * Waits for every future, in order; the first failure is rethrown as what the task threw
     * (an {@link UncheckedIOException} as its {@link IOException}).
     */
    static void await(List<? extends Future<?>> futures) throws IOException {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException uio) {
                throw uio.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Whether {@code f} (done) failed. */
    static boolean failed(Future<?> f) {
        try {
            f.get();
            return false;
        } catch (InterruptedException | ExecutionException e) {
            return true;
        }
    }

    /** A pool of daemon threads named {@code name}. */
    static ExecutorService pool(int threads, String name) {
        return java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the pool's threads and waits briefly for them, so that nothing writes into the work folder after. */
    static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
