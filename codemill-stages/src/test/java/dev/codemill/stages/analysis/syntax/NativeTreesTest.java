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

    /**
     * One small file per grammar with what the walk must get right: fields (also through hidden
     * wrapper nodes), aliased nodes (JavaScript's property_identifier, Ruby's and Rust's aliases),
     * extras (comments) inside productions, anonymous tokens, ERROR and MISSING nodes.
     */
    static final java.util.Map<String, String> EVERY_GRAMMAR = java.util.Map.ofEntries(
            java.util.Map.entry("Python", "import os.path as p\n@dec\nclass A(B, metaclass=M):\n    x: int = 1  # c\n"
                    + "    def f(self, *a, **k) -> 'A':\n        return [i for i in a if i] or {k: v for k, v in k.items()}\nx = (1\n"),
            java.util.Map.entry("Java", "package p; /* c */ @A(x = 1) class B<T> extends C implements D { int[] a = {1}; "
                    + "<U> U f(T t, U... u) throws E { for (var x : u) { if (x == null) continue; } return switch (t) { default -> u[0]; }; } }"),
            java.util.Map.entry("JavaScript", "const {a, b: [c]} = o; // c\nclass K extends L { #p = 1; get q() { return this.#p?.r ?? `t${1}`; } }\n"
                    + "export default async function* g() { yield* <div a=\"1\">x</div>; } let = ;\n"),
            java.util.Map.entry("TypeScript", "interface I<T> { a?: T; readonly b: string[] }\nenum E { A = 1 }\n"
                    + "function f<T extends I<number>>(x: T): x is T { return (x as any) satisfies T; }\n"),
            java.util.Map.entry("C", "#include <stdio.h>\n#define M(x) ((x) + 1)\nstruct s { int a : 3; };\n"
                    + "int main(int argc, char **argv) { /* c */ int x[] = {1, 2}; return argc ? M(x[0]) : sizeof(struct s); }\n"),
            java.util.Map.entry("C++", "template <typename T> class V : public B<T> { public: V() = default; T& operator[](int i) { return d[i]; } };\n"
                    + "namespace n { auto l = [&](auto x) -> int { return x; }; }\n"),
            java.util.Map.entry("C#", "using S = System; namespace N { [A] public record R(int X) { public int Y { get; init; } = X > 0 ? 1 : 2; "
                    + "async Task<int> F() => await G() is { } g ? g : default; } }\n"),
            java.util.Map.entry("Go", "package main\nimport \"fmt\"\ntype T struct { A int `json:\"a\"` }\n"
                    + "func (t *T) F(xs ...int) (n int, err error) { for i, x := range xs { n += i * x }; go func() {}(); return }\n"),
            java.util.Map.entry("Rust", "use std::fmt::{self, Display};\n#[derive(Debug)]\nstruct P<'a, T: Clone> { x: &'a T }\n"
                    + "impl<'a, T: Clone> P<'a, T> { fn f(&self) -> Option<T> { match self.x { v if true => Some(v.clone()), _ => None } } }\n"
                    + "macro_rules! m { ($e:expr) => { $e }; }\n"),
            java.util.Map.entry("PHP", "<html><?php namespace A; function f(int $a, ...$b): ?int { return $a <=> $b[0] ?? null; } "
                    + "echo \"x {$a->b}\"; ?></html>\n"),
            java.util.Map.entry("Ruby", "module M\n  class A < B\n    attr_reader :x # c\n    def f(a, *b, k: 1, &blk) = a.map { |x| x * 2 }\n"
                    + "    def g; yield unless @x; end\n  end\nend\nputs %w[a b], <<~E\n  h #{1}\nE\n"),
            java.util.Map.entry("Kotlin", "package p\n@A data class D(val x: Int = 1) : B(), C { companion object { const val K = \"k$x\" } }\n"
                    + "fun <T> f(vararg t: T): List<T>? = t.filter { it != null }.takeIf { it.isNotEmpty() } ?: listOf()\n"));

    @Test
    void everyGrammarGivesTheJavaWalksRecordsAtEveryCut() {
        assumeNative();
        assertThat(EVERY_GRAMMAR.keySet()).containsExactlyInAnyOrderElementsOf(Parsers.languages());
        for (var e : EVERY_GRAMMAR.entrySet()) {
            int[] full = records(e.getValue(), e.getKey(), false, 100_000);
            int nodes = NodeRecords.count(full);
            assertThat(nodes).as(e.getKey()).isGreaterThan(30);
            assertThat(records(e.getValue(), e.getKey(), true, 100_000)).as(e.getKey()).isEqualTo(full);
            for (int max = 1; max <= nodes + 1; max++) {
                assertThat(records(e.getValue(), e.getKey(), true, max)).as(e.getKey() + " at most " + max + " nodes")
                        .isEqualTo(records(e.getValue(), e.getKey(), false, max));
            }
        }
    }

    @Test
    void pythonParsesWithTheLibrarysOwnBuildOfTheSameGrammar() {
        assumeNative();
        assertThat(NativeTrees.ownGrammar(Parsers.language("Python"))).as("grammars/python equals the binding's tables").isTrue();
        assertThat(NativeTrees.ownGrammar(Parsers.language("Java"))).isFalse();
        assertThat(records(PY, "Python", true, 1000)).isEqualTo(records(PY, "Python", false, 1000));
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
