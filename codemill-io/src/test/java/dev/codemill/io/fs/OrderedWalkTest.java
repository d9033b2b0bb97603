package dev.codemill.io.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.fs.DirectoryReader.Entry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OrderedWalk} on in-memory trees whose folders take random time to list: on any thread
 * count the result is the one-thread walk's (entries per repository in walk order, repositories in
 * the order of their first entry), and a failure is the first in walk order, even when a later one
 * happens first in time.
 */
class OrderedWalkTest {
    /** A folder of the in-memory tree: its files, its sub-folders, a delay, a failure after listing. */
    record Node(String name, String repo, List<String> files, List<Node> dirs, int delayMs, Exception fail) {
        Node(String name, String repo, List<String> files, List<Node> dirs) {
            this(name, repo, files, dirs, 0, null);
        }

        void walk(OrderedWalk.Out<String> out) throws IOException {
            sleep(delayMs);
            // files first, then folders, each file an entry of this folder's repository
            for (String f : files) {
                out.add(new Entry<>(name + "/" + f, repo, name + "/" + f, f.length(), null));
            }
            for (Node d : dirs) {
                out.folder(d::walk);
            }
            if (fail instanceof IOException e) {
                throw e;
            }
            if (fail instanceof RuntimeException e) {
                throw e;
            }
        }
    }

    static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, List<String>> paths(Map<String, List<Entry<String>>> byRepo) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        byRepo.forEach((repo, es) -> out.put(repo, es.stream().map(Entry::path).toList()));
        return out;
    }

    @Test
    void anyThreadCountGivesTheOneThreadWalk() throws IOException {
        // r "" holds root files; a sub-folder of repository b switches back to a (an interleaving the map must keep)
        Node root = new Node("", "", List.of("R"), List.of(
                new Node("a", "a", List.of("1"), List.of(new Node("a/x", "a", List.of("2", "3"), List.of(), 30, null))),
                new Node("b", "b", List.of(), List.of(
                        new Node("b/slow", "b", List.of("4"), List.of(), 40, null),
                        new Node("b/fast", "a", List.of("5"), List.of()))),
                new Node("c", "c", List.of(), List.of()),
                new Node("d", "d", List.of("6"), List.of())));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("", List.of("/R"));
        expected.put("a", List.of("a/1", "a/x/2", "a/x/3", "b/fast/5"));
        expected.put("b", List.of("b/slow/4"));
        expected.put("d", List.of("d/6"));
        for (int threads : new int[] {1, 2, 3, 8}) {
            assertThat(paths(OrderedWalk.walk(root::walk, threads))).as("%d threads", threads)
                    .containsExactlyEntriesOf(expected);
            assertThat(OrderedWalk.walk(root::walk, threads).keySet()).as("%d threads", threads)
                    .containsExactly("", "a", "b", "d");
        }
    }

    @Test
    void aLargeRandomTreeListsTheSameOnAnyThreadCount() throws IOException {
        Random rnd = new Random(18);
        List<Node> repos = new ArrayList<>();
        for (int r = 0; r < 60; r++) {
            repos.add(randomFolder(rnd, "r" + r, "r" + r, 0));
        }
        Node root = new Node("", "", List.of("top"), repos);
        Map<String, List<String>> one = paths(OrderedWalk.walk(root::walk, 1));
        int entries = one.values().stream().mapToInt(List::size).sum();
        assertThat(entries).isGreaterThan(500);
        for (int threads : new int[] {2, 4, 16}) {
            for (int round = 0; round < 3; round++) {
                assertThat(paths(OrderedWalk.walk(root::walk, threads))).containsExactlyEntriesOf(one);
            }
        }
    }

    private static Node randomFolder(Random rnd, String name, String repo, int depth) {
        List<String> files = new ArrayList<>();
        for (int i = rnd.nextInt(8); i > 0; i--) {
            files.add("f" + i);
        }
        List<Node> dirs = new ArrayList<>();
        if (depth < 3) {
            for (int i = rnd.nextInt(4); i > 0; i--) {
                // now and then a nested repository of its own (a folder holding .git)
                String sub = name + "/d" + i;
                dirs.add(randomFolder(rnd, sub, rnd.nextInt(10) == 0 ? sub : repo, depth + 1));
            }
        }
        return new Node(name, repo, files, dirs, rnd.nextInt(3), null);
    }

    @Test
    void theFirstFailureInWalkOrderIsThrownNotTheFirstInTime() {
        // b/late fails after 80 ms, c at once: the one-thread walk meets b/late first
        Node root = new Node("", "", List.of(), List.of(
                new Node("a", "a", List.of("1"), List.of()),
                new Node("b", "b", List.of(), List.of(new Node("b/late", "b", List.of(), List.of(), 80,
                        new IOException("b/late cannot be listed")))),
                new Node("c", "c", List.of(), List.of(), 0, new IOException("c cannot be listed"))));
        for (int threads : new int[] {1, 2, 8}) {
            assertThatThrownBy(() -> OrderedWalk.walk(root::walk, threads)).as("%d threads", threads)
                    .isInstanceOf(IOException.class).hasMessage("b/late cannot be listed");
        }
    }

    @Test
    void aFolderThatFailsAfterHandingOnASubFolderThatFailsThrowsTheSubFoldersFailure() {
        // on one thread the sub-folder is walked (and fails) before its parent's own failure is reached
        Node root = new Node("", "", List.of(), List.of(
                new Node("p", "p", List.of(), List.of(new Node("p/child", "p", List.of(), List.of(), 60,
                        new IllegalStateException("p/child"))), 0, new IOException("p itself"))));
        for (int threads : new int[] {1, 2, 8}) {
            assertThatThrownBy(() -> OrderedWalk.walk(root::walk, threads)).as("%d threads", threads)
                    .isInstanceOf(IllegalStateException.class).hasMessage("p/child");
        }
    }

    @Test
    void listingThreadsAreNamedDaemons() throws IOException {
        List<Thread> seen = new ArrayList<>();
        Node leaf = new Node("x", "x", List.of("1"), List.of());
        OrderedWalk.<String>walk(out -> out.folder(o -> {
            synchronized (seen) {
                seen.add(Thread.currentThread());
            }
            leaf.walk(o);
        }), 2);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).getName()).startsWith("codemill-listing-");
        assertThat(seen.get(0).isDaemon()).isTrue();
    }
}
