package dev.codemill.stages.analysis.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * 10,000 levels of nesting: both walks are iterative (no StackOverflowError), give the exact node
 * count, and the tree's derived links (children, last descendant, error bytes) work at that depth.
 */
class DeepTreeTest {
    static final int DEPTH = 10_000;

    /** {@code x = ((…(1)…))}: module, expression_statement, assignment, x, =, 1 and per level ( ) and the parenthesized_expression. */
    static String python() {
        return "x = " + "(".repeat(DEPTH) + "1" + ")".repeat(DEPTH) + "\n";
    }

    /** A method whose body is 10,000 nested blocks. */
    static String java() {
        return "class A { void f() " + "{".repeat(DEPTH) + "}".repeat(DEPTH) + " }\n";
    }

    @Test
    void pythonNesting() {
        for (boolean nat : new boolean[] {false, true}) {
            if (nat && !NativeTrees.available()) {
                continue;
            }
            boolean before = Parsers.useNativeWalk(nat);
            try {
                ParseResult r = Parsers.parseWithin(python(), "Python", 1_000_000, 0);
                assertThat(r.status()).isEqualTo(ParseStatus.COMPLETE);
                SyntaxTree t = r.tree();
                assertThat(t.size()).as("native " + nat).isEqualTo(6 + 3 * DEPTH);
                assertThat(t.errorBytes()).isZero();
                int innermost = 0;
                for (int i = 0; i < t.size(); i++) {
                    if (t.type(i).equals("integer")) {
                        innermost = i;
                    }
                }
                int depth = 0;
                for (int p = t.parent(innermost); p >= 0; p = t.parent(p)) {
                    depth++;
                }
                assertThat(depth).isEqualTo(DEPTH + 3);
                assertThat(t.lastDescendant(0)).isEqualTo(t.size() - 1);
                assertThat(t.type(t.firstChild(t.parent(innermost)))).isEqualTo("(");
            } finally {
                Parsers.useNativeWalk(before);
            }
        }
    }

    @Test
    void javaNesting() {
        int[] counts = new int[2];
        for (boolean nat : new boolean[] {false, true}) {
            if (nat && !NativeTrees.available()) {
                continue;
            }
            int[] r = NativeTreesTest.records(NativeTreesTest.utf8(java()), "Java", nat, 1_000_000, 0);
            assertThat(NodeRecords.status(r)).isEqualTo(ParseStatus.COMPLETE);
            SyntaxTree t = Parsers.tree(NativeTreesTest.utf8(java()), "Java", r);
            int blocks = 0;
            for (int i = 0; i < t.size(); i++) {
                if (t.type(i).equals("block")) {
                    blocks++;
                }
            }
            assertThat(blocks).isEqualTo(DEPTH);
            // program, class_declaration, class, A, class_body, {, method_declaration, void_type, f,
            // formal_parameters, (, ), }  = 13, plus per level block, {, }
            assertThat(t.size()).as("native " + nat).isEqualTo(13 + 3 * DEPTH);
            counts[nat ? 1 : 0] = t.size();
        }
    }
}
