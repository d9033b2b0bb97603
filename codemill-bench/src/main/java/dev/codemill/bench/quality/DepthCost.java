package dev.codemill.bench.quality;

import dev.codemill.stages.analysis.fim.SyntaxSpans;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.quality.Constitution;
import dev.codemill.stages.quality.QualityReport;
import dev.codemill.stages.quality.QualityScorer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Deeply nested against flat files of the same size (issue 13 §2: "deeply nested files must not
 * cost 13× more than flat files of the same size in any stage that walks the tree"): for several
 * nesting shapes (parentheses, blocks, {@code if}s, functions, lambdas) a file nested
 * {@code DEPTH} levels deep and a flat file of the same bytes, timed in every tree walk —
 * parse + export, the quality score ({@code parse: true}, the default bounds) and FIM's syntax
 * spans, and the quality score with {@code parse: false} (the lexer-level scan on both files) —
 * in thread CPU µs per file (median of 5 rounds of 5 after a warm-up). Prints the ratio
 * nested / flat per walk, and whether the quality score kept the tree ({@code [tree]}) or the
 * budget cut it to {@code [scan]}.
 *
 * <pre>java -cp ... dev.codemill.bench.quality.DepthCost [DEPTH (default 2000)]</pre>
 */
public final class DepthCost {
    private DepthCost() {
    }

    record Shape(String name, String language, String nested, String flat) {
    }

    public static void main(String[] args) {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<Shape> shapes = shapes(depth);
        QualityScorer scorer = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        // parse: false: the lexer-level scan on both files, so the scan's own cost is compared like for like
        QualityScorer scan = new QualityScorer(Constitution.builtIn(), false, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
        System.out.println("| shape | bytes nested / flat | parse + export µs (nested / flat = ratio) | quality score µs | FIM syntax span µs | quality basis nested / flat | scan + text score (`parse: false`) µs |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Shape s : shapes) {
            long[] parse = {time(() -> Parsers.parse(s.nested(), s.language(), 4_000_000)), time(() -> Parsers.parse(s.flat(), s.language(), 4_000_000))};
            long[] quality = {time(() -> scorer.score(s.nested(), "a", s.language())), time(() -> scorer.score(s.flat(), "a", s.language()))};
            long[] fim = {time(() -> SyntaxSpans.pick(s.nested(), s.language(), new SplittableRandom(1))),
                time(() -> SyntaxSpans.pick(s.flat(), s.language(), new SplittableRandom(1)))};
            long[] scanned = {time(() -> scan.score(s.nested(), "a", s.language())), time(() -> scan.score(s.flat(), "a", s.language()))};
            QualityReport qn = scorer.score(s.nested(), "a", s.language());
            QualityReport qf = scorer.score(s.flat(), "a", s.language());
            System.out.printf(Locale.ROOT, "| %s | %d / %d | %s | %s | %s | %s / %s | %s |%n", s.name(), s.nested().length(), s.flat().length(),
                    cell(parse), cell(quality), cell(fim), qn.parsed() ? "tree" : "scan", qf.parsed() ? "tree" : "scan", cell(scanned));
        }
    }

    private static String cell(long[] ns) {
        return String.format(Locale.ROOT, "%,d / %,d = %.2f×", ns[0] / 1000, ns[1] / 1000, (double) ns[0] / Math.max(1, ns[1]));
    }

    /** Median over 5 rounds of the CPU time of 5 calls, per call (after 3 warm-up calls). */
    private static long time(Supplier<?> work) {
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) {
            work.get();
        }
        long[] rounds = new long[5];
        for (int r = 0; r < rounds.length; r++) {
            long t0 = tm.getCurrentThreadCpuTime();
            for (int i = 0; i < 5; i++) {
                work.get();
            }
            rounds[r] = (tm.getCurrentThreadCpuTime() - t0) / 5;
        }
        Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    static List<Shape> shapes(int depth) {
        List<Shape> out = new ArrayList<>();
        // Python blocks nest by indentation, so bytes grow with depth²: at most 200 levels here
        // (CPython's own tokenizer stops at 100)
        int pyDepth = Math.min(depth, 200);
        // Python: nested ifs (a block per level) against flat ifs
        StringBuilder pyIf = new StringBuilder("def f(x):\n");
        for (int i = 0; i < pyDepth; i++) {
            pyIf.append(" ".repeat(i + 1)).append("if x:\n");
        }
        pyIf.append(" ".repeat(pyDepth + 1)).append("return 1\n");
        out.add(new Shape("Python nested if", "Python", pyIf.toString(),
                fill("def f(x):\n", " if x:\n  x = 1\n", pyIf.length(), "")));
        // Python: nested function definitions
        StringBuilder pyDef = new StringBuilder();
        for (int i = 0; i < pyDepth; i++) {
            pyDef.append(" ".repeat(i)).append("def f").append(i).append("(a):\n");
        }
        pyDef.append(" ".repeat(pyDepth)).append("return 1\n");
        out.add(new Shape("Python nested def", "Python", pyDef.toString(),
                fill("", "def fa(a):\n    return 1\n", pyDef.length(), "")));
        // Python: nested parentheses in one expression, padded to the same bytes
        String pyParen = "def f():\n    x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "\n    return x\n";
        out.add(new Shape("Python nested ( )", "Python", pyParen, fill("def f():\n", "    x = (1)\n", pyParen.length(), "    return x\n")));
        // Java: nested blocks, nested ifs, nested lambdas
        String jBlocks = "class A { void f() " + "{".repeat(depth) + "}".repeat(depth) + " }\n";
        out.add(new Shape("Java nested { }", "Java", jBlocks, fill("class A { void f() {", "{}", jBlocks.length(), "} }\n")));
        String jIf = "class A { int f(int x) { " + "if (x > 0) { ".repeat(depth) + "return 1;" + " }".repeat(depth) + " return 0; } }\n";
        out.add(new Shape("Java nested if", "Java", jIf,
                fill("class A { int f(int x) { ", "if (x > 0) { x--; } ", jIf.length(), "return 0; } }\n")));
        String jLam = "class A { Object f() { return " + nestLambdas(depth) + "; } }\n";
        out.add(new Shape("Java nested lambdas", "Java", jLam,
                fill("class A { void f() { ", "Runnable r = () -> {}; ", jLam.length(), "} }\n")));
        return out;
    }

    private static String nestLambdas(int depth) {
        String s = "null";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("(java.util.function.Supplier<Object>) () -> ");
        }
        return sb.append(s).toString();
    }

    /** head + units + tail, units repeated until the text is about {@code length} characters. */
    private static String fill(String head, String unit, int length, String tail) {
        StringBuilder sb = new StringBuilder(head);
        while (sb.length() + unit.length() + tail.length() <= length) {
            sb.append(unit);
        }
        return sb.append(tail).toString();
    }
}
