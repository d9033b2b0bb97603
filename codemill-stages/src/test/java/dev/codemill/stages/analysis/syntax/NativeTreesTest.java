package dev.codemill.stages.analysis.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The native export against the pure-Java walk, and exact trees of small files written here. */
class NativeTreesTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static int[] records(String text, String language, boolean useNative, int maxNodes) {
        return records(utf8(text), language, useNative, maxNodes, 0);
    }

    static int[] records(byte[] text, String language, boolean useNative, int maxNodes, long budget) {
        return useNative ? NativeTrees.parseExport(Parsers.language(language), text, maxNodes, budget)
                : JavaWalk.parseExport(Parsers.parser(language), text, maxNodes, budget);
    }

    static void assumeNative() {
        assumeTrue(NativeTrees.available(), "native syntax export not loaded here: " + NativeTrees.status());
    }

    /** Each node as "type[field]@start-end^parent" plus E/M flags, pre-order. */
    static List<String> describe(SyntaxTree t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.type(i) + (t.field(i) == null ? "" : "[" + t.field(i) + "]") + "@" + t.start(i) + "-" + t.end(i)
                    + "^" + t.parent(i) + (t.named(i) ? "" : "'") + (t.isError(i) ? " E" : "") + (t.isMissing(i) ? " M" : ""));
        }
        return out;
    }

    @Test
    void loadsWhereTheBuildPutTheLibrary() {
        boolean built = NativeTrees.class.getResource("native/" + NativeTrees.platform() + "/libcodemill_syntax.so") != null;
        System.out.println("syntax export: " + NativeTrees.status());
        if (built && System.getProperty(NativeTrees.PROPERTY) == null) {
            assertThat(NativeTrees.available()).as(NativeTrees.status()).isTrue();
            assertThat(NativeTrees.status()).isEqualTo("native (" + NativeTrees.platform() + ")");
        } else {
            assertThat(NativeTrees.available()).isFalse();
        }
        assertThat(Parsers.nativeWalk()).isEqualTo(NativeTrees.available());
    }

    static final String PY = "def f(a):\n    return a  # é\n";

    /** "# é" is 4 bytes (é is 2); the comment hangs in the block, after the return statement. */
    static final List<String> PY_TREE = List.of(
            "module@0-29^-1",
            "function_definition@0-28^0",
            "def@0-3^1'",
            "identifier[name]@4-5^1",
            "parameters[parameters]@5-8^1",
            "(@5-6^4'",
            "identifier@6-7^4",
            ")@7-8^4'",
            ":@8-9^1'",
            "block[body]@14-28^1",
            "return_statement@14-22^9",
            "return@14-20^10'",
            "identifier@21-22^10",
            "comment@24-28^9");

    @Test
    void pythonTreeExactlyJava() {
        boolean before = Parsers.useNativeWalk(false);
        try {
            SyntaxTree t = Parsers.parse(PY, "Python", 1000).orElseThrow();
            assertThat(describe(t)).containsExactlyElementsOf(PY_TREE);
            assertThat(t.complete()).isTrue();
        } finally {
            Parsers.useNativeWalk(before);
        }
    }

    @Test
    void pythonTreeExactlyNative() {
        assumeNative();
        boolean before = Parsers.useNativeWalk(true);
        try {
            ParseResult r = Parsers.parseWithin(PY, "Python", 1000, 0);
            assertThat(r.nativeWalk()).isTrue();
            assertThat(r.status()).isEqualTo(ParseStatus.COMPLETE);
            assertThat(describe(r.tree())).containsExactlyElementsOf(PY_TREE);
        } finally {
            Parsers.useNativeWalk(before);
        }
    }

    /**
     * The native parsers are per thread and per grammar (the vendored runtime's parser is not
     * thread-safe): four threads alternating Python and Java on a shared task list each get the
     * exact tree, and a grammar switch on one thread never leaks into the next parse.
     */
    @Test
    void parsersPerThreadAndGrammarGiveExactTrees() throws Exception {
        assumeNative();
        boolean before = Parsers.useNativeWalk(true);
        try {
            int[] viaJava = records(JAVA_BROKEN, "Java", false, 1000);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Boolean>> done = new ArrayList<>();
                for (int task = 0; task < 40; task++) {
                    boolean py = task % 2 == 0;
                    done.add(pool.submit(() -> py
                            ? describe(Parsers.parseWithin(PY, "Python", 1000, 0).tree()).equals(PY_TREE)
                            : java.util.Arrays.equals(records(JAVA_BROKEN, "Java", true, 1000), viaJava)));
                }
                for (java.util.concurrent.Future<Boolean> f : done) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdown();
            }
        } finally {
            Parsers.useNativeWalk(before);
        }
    }

    static final String JAVA_BROKEN = "class A { int x = ; void f() { g(1 }\n";

    @Test
    void errorAndMissingNodesAgree() {
        assumeNative();
        int[] j = records(JAVA_BROKEN, "Java", false, 1000);
        int[] n = records(JAVA_BROKEN, "Java", true, 1000);
        assertThat(n).isEqualTo(j);
        boolean error = false;
        boolean missing = false;
        for (int i = 0; i < NodeRecords.count(n); i++) {
            int flags = n[NodeRecords.HEADER + i * NodeRecords.STRIDE + NodeRecords.FLAGS];
            error |= (flags & NodeRecords.FLAG_ERROR) != 0;
            missing |= (flags & NodeRecords.FLAG_MISSING) != 0;
        }
        assertThat(error || missing).isTrue();
    }

    @Test
    void truncatedAtMaxNodesBothWays() {
        for (boolean nat : new boolean[] {false, true}) {
            if (nat && !NativeTrees.available()) {
                continue;
            }
            int[] full = records(PY, "Python", nat, 1000);
            assertThat(NodeRecords.count(full)).isEqualTo(14);
            assertThat(NodeRecords.status(full)).isEqualTo(ParseStatus.COMPLETE);
            int[] exact = records(PY, "Python", nat, 14);
            assertThat(NodeRecords.status(exact)).as("all 14 nodes fit").isEqualTo(ParseStatus.COMPLETE);
            int[] cut = records(PY, "Python", nat, 5);
            assertThat(NodeRecords.status(cut)).isEqualTo(ParseStatus.TRUNCATED);
            assertThat(NodeRecords.count(cut)).isEqualTo(5);
            for (int k = NodeRecords.HEADER; k < cut.length; k++) {
                assertThat(cut[k]).isEqualTo(full[k]);
            }
        }
    }

    @Test
    void budgetAbandonsTheParseAndTheParserStaysUsable() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 3_000_000; i++) {
            big.append("def f").append(i).append("(a, b):\n    if a and b:\n        return [a + b for _ in range(3)]\n    return None\n\n");
        }
        byte[] text = utf8(big.toString());
        for (boolean nat : new boolean[] {false, true}) {
            if (nat && !NativeTrees.available()) {
                continue;
            }
            int[] r = records(text, "Python", nat, 10_000_000, 1_000_000);
            assertThat(NodeRecords.status(r)).as("native " + nat).isEqualTo(ParseStatus.TIMED_OUT);
            assertThat(r).hasSize(NodeRecords.HEADER);
            assertThat(describe(tree(records(utf8(PY), "Python", nat, 1000, 60_000_000_000L)))).containsExactlyElementsOf(PY_TREE);
        }
        ParseResult timedOut = Parsers.parseWithin(big.toString(), "Python", 10_000_000, 1_000_000);
        assertThat(timedOut.status()).isEqualTo(ParseStatus.TIMED_OUT);
        assertThat(timedOut.tree()).isNull();
        assertThat(Parsers.parse(big.toString(), "Cobol", 10)).isEmpty();
        assertThat(Parsers.parseWithin("x", "Cobol", 10, 0).status()).isEqualTo(ParseStatus.UNSUPPORTED);
    }

    static SyntaxTree tree(int[] records) {
        return Parsers.tree(utf8(PY), "Python", records);
    }
}
