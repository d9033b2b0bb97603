package dev.codemill.io.fs;

import dev.codemill.io.fs.DirectoryReader.Entry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A depth-first folder walk whose sub-folders may be listed on other threads, with the result of
 * the one-thread walk: the entries grouped by repository ({@link Entry#repo()}) in the order the
 * depth-first walk adds them, repositories in the order of their first entry. The walkers of this
 * package and of the Spark runner's Hadoop walk write into an {@link Out}: an entry in place, a
 * sub-folder's walk in place ({@link Out#folder}). On one thread a sub-folder is walked at once,
 * into the same map (the walk as it always was). On {@code threads > 1} each sub-folder's walk is a
 * task of a {@link ForkJoinPool} (one task per folder, so one large repository is shared as well as
 * many small ones) writing into its own {@link Out}; the caller then replays the tree of outputs in
 * walk order. So the result does not depend on scheduling; a failed walk (an {@link IOException},
 * a runtime exception or an {@link Error} of the walker) surfaces as the one-thread walk would
 * surface it: the first failure in walk order is thrown, the same object, what the walk would have
 * listed after it is not looked at; then the pool is shut down and no folder not yet begun is
 * listed (one being listed finishes on its thread, which is not waited for).
 *
 * <p>The same idea as Hadoop's {@code FileInputFormat} with
 * {@code mapreduce.input.fileinputformat.list-status.num-threads} (default 1: sequential) and Spark
 * SQL's parallel partition discovery: listing is latency-bound (one {@code getdents} or name-node
 * RPC per folder), so several folders listed at once cut the wall time of a walk of many folders.
 */
public final class OrderedWalk {
    private OrderedWalk() {
    }

    /**
     * One folder's walk.
     *
     * @param <F> the walk's file handle
     */
    @FunctionalInterface
    public interface Folder<F> {
        /** Lists the folder, adding its entries and sub-folders to {@code out} in walk order. */
        void walk(Out<F> out) throws IOException;
    }

    /** Where a folder's walk writes: entries and sub-folder walks, in walk order. */
    public static final class Out<F> {
        private final ForkJoinPool pool;
        /** Sequential: the result itself. */
        private final Map<String, List<Entry<F>>> byRepo;
        /** Parallel: entries ({@link Entry}) and sub-folder walks ({@link Task}) in walk order. */
        private final List<Object> items;

        private Out(ForkJoinPool pool, Map<String, List<Entry<F>>> byRepo) {
            this.pool = pool;
            this.byRepo = byRepo;
            this.items = byRepo == null ? new ArrayList<>() : null;
        }

        /** Adds {@code e} at this point of the walk. */
        public void add(Entry<F> e) {
            if (byRepo != null) {
                byRepo.computeIfAbsent(e.repo(), k -> new ArrayList<>()).add(e);
            } else {
                items.add(e);
            }
        }

        /**
         * Walks a sub-folder at this point of the walk: at once on one thread (its failure thrown
         * here), else as a task (its failure thrown by {@link #walk} when the replay reaches it).
         */
        public void folder(Folder<F> sub) throws IOException {
            if (pool == null) {
                sub.walk(this);
                return;
            }
            Task<F> t = new Task<>(sub, new Out<>(pool, null));
            items.add(t);
            t.fork();
        }
    }

    /** A sub-folder's walk on the pool; it keeps its failure for the replay. */
    private static final class Task<F> extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Folder<F> folder;
        private final transient Out<F> out;
        private Throwable failure;

        Task(Folder<F> folder, Out<F> out) {
            this.folder = folder;
            this.out = out;
        }

        @Override
        protected void compute() {
            if (out.pool.isShutdown()) {
                // the walk is over (failed): a task forked before the end is not listed
                return;
            }
            try {
                folder.walk(out);
            } catch (Throwable e) {
                // every failure, Errors included, waits for the replay: thrown as it was thrown, in walk order
                failure = e;
            }
        }
    }

    /**
     * Walks {@code root} on {@code threads} threads (1 or less: on the calling thread only).
     *
     * @return the entries by repository, as the one-thread walk gives them
     * @throws IOException the first failure in walk order, as the one-thread walk throws it
     */
    public static <F> Map<String, List<Entry<F>>> walk(Folder<F> root, int threads) throws IOException {
        Map<String, List<Entry<F>>> byRepo = new LinkedHashMap<>();
        if (threads <= 1) {
            root.walk(new Out<>(null, byRepo));
            return byRepo;
        }
        ForkJoinPool pool = new ForkJoinPool(threads, new Threads(Thread.currentThread().getContextClassLoader()), null, false);
        try {
            Task<F> top = new Task<>(root, new Out<>(pool, null));
            pool.execute(top);
            replay(top, byRepo);
            return byRepo;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits for the tasks in walk order (iteratively: a deep tree needs no deep stack) and adds
     * their entries. A task that failed stopped where it failed; what it listed before (entries and
     * the sub-folders forked before the failure) comes first, as on one thread, so an earlier
     * failure among those is the one thrown; the replay stops at the first failure.
     */
    @SuppressWarnings("unchecked")
    private static <F> void replay(Task<F> top, Map<String, List<Entry<F>>> byRepo) throws IOException {
        Deque<Task<F>> tasks = new ArrayDeque<>();
        Deque<ListIterator<Object>> stack = new ArrayDeque<>();
        top.join();
        tasks.push(top);
        stack.push(top.out.items.listIterator());
        while (!stack.isEmpty()) {
            ListIterator<Object> it = stack.peek();
            if (!it.hasNext()) {
                stack.pop();
                rethrow(tasks.pop().failure);
                continue;
            }
            Object o = it.next();
            // replayed: let it go (a walk of many folders would otherwise hold every folder's task to the end)
            it.set(null);
            if (o instanceof Task<?> t) {
                t.join();
                tasks.push((Task<F>) t);
                stack.push(((Task<F>) t).out.items.listIterator());
            } else {
                Entry<F> e = (Entry<F>) o;
                byRepo.computeIfAbsent(e.repo(), k -> new ArrayList<>()).add(e);
            }
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            // a checked exception the walker threw undeclared: as the one-thread walk lets it through
            OrderedWalk.<RuntimeException>sneaky(failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** The listing threads: daemons named {@code codemill-listing-N}, with the caller's context class loader. */
    private static final class Threads implements ForkJoinPool.ForkJoinWorkerThreadFactory {
        private static final AtomicInteger NEXT = new AtomicInteger();
        private final ClassLoader loader;

        Threads(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(pool) {
            };
            t.setName("codemill-listing-" + NEXT.getAndIncrement());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        }
    }
}
