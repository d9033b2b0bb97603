package dev.codemill.io.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.fs.DirectoryReader.Entry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link OrderedWalk} when a listing thread fails with more than an {@link IOException}: an
 * {@link Error} is thrown as the one-thread walk throws it (the same object, in walk order), and
 * once the walk has thrown, no folder not yet begun is listed.
 */
class OrderedWalkFailureTest {
    @Test
    void anErrorOfAListingThreadIsThrownAsOnOneThread() {
        AssertionError bug = new AssertionError("walker bug in a/b");
        for (int threads : new int[] {1, 2, 8}) {
            assertThatThrownBy(() -> OrderedWalk.<String>walk(out -> out.folder(o -> {
                throw bug;
            }), threads)).as("%d threads", threads).isSameAs(bug).hasMessage("walker bug in a/b");
        }
    }

    @Test
    void anErrorAfterAFailedSubFolderComesAfterTheSubFoldersFailure() {
        // on one thread p/child is walked (and fails) before p reaches its own Error
        for (int threads : new int[] {1, 2, 8}) {
            assertThatThrownBy(() -> OrderedWalk.<String>walk(out -> out.folder(p -> {
                p.folder(child -> {
                    OrderedWalkTest.sleep(60);
                    throw new IOException("p/child cannot be listed");
                });
                throw new OutOfMemoryError("Java heap space");
            }), threads)).as("%d threads", threads)
                    .isInstanceOf(IOException.class).hasMessage("p/child cannot be listed");
        }
    }

    @Test
    void noFolderIsListedOnceTheWalkHasThrown() throws Exception {
        AtomicInteger listed = new AtomicInteger();
        assertThatThrownBy(() -> OrderedWalk.<String>walk(out -> {
            out.folder(o -> {
                throw new IOException("a cannot be listed");
            });
            // then 1,093 slow folders (3 sub-folders each, 6 levels): a listing that ignores interrupts
            out.folder(o -> slowTree(o, "b", 0, listed));
        }, 4)).hasMessage("a cannot be listed");
        Thread.sleep(300);
        int settled = listed.get();
        Thread.sleep(700);
        assertThat(listed.get()).as("folders listed after the walk threw").isEqualTo(settled);
        assertThat(settled).isLessThan(1_093);
    }

    private static void slowTree(OrderedWalk.Out<String> out, String name, int depth, AtomicInteger listed)
            throws IOException {
        listed.incrementAndGet();
        uninterruptibleSleep(20);
        out.add(new Entry<>(name, "b", name, 1, null));
        if (depth < 6) {
            for (int i = 0; i < 3; i++) {
                String sub = name + "/" + i;
                out.folder(o -> slowTree(o, sub, depth + 1, listed));
            }
        }
    }

    /** A listing call that an interrupt does not cut short (a {@code getdents} on a slow mount). */
    private static void uninterruptibleSleep(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        boolean interrupted = false;
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void listingThreadsHaveTheCallersContextClassLoader() throws IOException {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        List<ClassLoader> seen = new ArrayList<>();
        try (URLClassLoader user = new URLClassLoader(new URL[0], before)) {
            Thread.currentThread().setContextClassLoader(user);
            OrderedWalk.<String>walk(out -> out.folder(o -> {
                synchronized (seen) {
                    seen.add(Thread.currentThread().getContextClassLoader());
                }
            }), 2);
            assertThat(seen).containsExactly(user);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
