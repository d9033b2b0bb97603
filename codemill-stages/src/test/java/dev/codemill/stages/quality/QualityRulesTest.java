package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The rules issue 13 §3 found misfiring on degraded pairs of real files, each on a small snippet
 * with its exact sub-score: documentation is never counted against a file, nesting shows from
 * depth 4, constant-false conditions and code after an all-returning {@code try} are dead code,
 * one bad function in a long file counts, and a syntax error caps the tier.
 */
class QualityRulesTest {
    private static final QualityScorer TREE = new QualityScorer(Constitution.builtIn(), true, QualityScorer.DEFAULT_MAX_PARSE_BYTES);
    private static final QualityScorer TEXT = new QualityScorer(Constitution.builtIn(), false, QualityScorer.DEFAULT_MAX_PARSE_BYTES);

    private static double sub(QualityReport r, String id) {
        return QualityStage.round(r.results().get(id).score());
    }

    private static final String DOCUMENTED_PY = """
            \"\"\"Colour conversions.

            Converts between the RGB and HSV colour models,
            both with float components in [0, 1].
            \"\"\"


            def clamp(value, low, high):
                \"\"\"The value limited to [low, high].\"\"\"
                # old version:
                # if value < low:
                #     return low
                # return min(high, max(low, value))
                if value < low:
                    return low
                return high if value > high else value
            """;

    @Test
    void commentedOutCodeShareIsOverProseCommentsNotDocstrings() {
        QualityReport r = TEXT.score(DOCUMENTED_PY, "colours.py", "Python");
        // 4 comment lines besides 5 docstring lines; a run of 3 is code: share 3/4 (it was 3/9 and, less 0.2 allowed, 0.87);
        // the 3 lines of code are no commentary: density (9 - 3) / (9 - 3 + 4)
        assertThat(r.results().get("commented").measure()).isEqualTo("density=0.6 doc_lines=5 commented_code_share=0.75");
        assertThat(sub(r, "commented")).isEqualTo(0.25);
        assertThat(r.critiques()).extracting(Critique::toString).contains("commented:11:1: 3 lines of commented-out code");
    }

    private static final String JAVADOC_HEAVY = """
            /**
             * A counter.
             * <p>Counts up from zero; never negative. Use {@code next()}:
             * <pre>
             *   Counter c = new Counter();
             *   c.next();
             * </pre>
             */
            public class Counter {
                /** Current value. */
                private int n;

                /**
                 * The next value.
                 * @return the value after the increment
                 */
                public int next() {
                    return ++n;
                }
            }
            """;

    @Test
    void removingJavadocNeverRaisesTheCommentedScore() {
        QualityReport with = TEXT.score(JAVADOC_HEAVY, "Counter.java", "Java");
        String stripped = JAVADOC_HEAVY.replaceAll("(?s)\\s*/\\*\\*.*?\\*/", "");
        QualityReport without = TEXT.score(stripped, "Counter.java", "Java");
        // density 13/19 of Javadoc: no plain comment above the band; the example code in it is not commented-out code
        assertThat(with.results().get("commented").measure()).isEqualTo("density=0.6842 doc_lines=13 commented_code_share=0");
        assertThat(sub(with, "commented")).isEqualTo(1.0);
        // no comment left: the band's floor
        assertThat(sub(without, "commented")).isEqualTo(0.25);
        assertThat(with.score()).isGreaterThan(without.score());
    }

    @Test
    void nestingOfFourLevelsIsCritiqued() {
        String py = """
                def scan(rows, limit):
                    for row in rows:
                        if row:
                            for cell in row:
                                if cell > limit:
                                    print(cell)
                """;
        QualityReport r = TREE.score(py, "scan.py", "Python");
        assertThat(r.results().get("small_units").measure()).isEqualTo("units=1 max_lines=6 max_nesting=4 max_complexity=5 mean_depth=2.3846");
        // unit score 3/4; shortfall 0.25 -> (1 - sqrt(0.25)) / (1 + 0.05 * 2.3846)
        assertThat(sub(r, "small_units")).isEqualTo(0.4467);
        assertThat(r.critiques()).extracting(Critique::toString)
                .contains("small_units:1:1: function `scan` nests 4 levels deep (limit 3)");
    }

    @Test
    void constantFalseConditionsAreDeadCode() {
        String java = """
                class Flags {
                    void run() {
                        if (false) {
                            System.out.println("debug");
                        }
                        while ((false)) {
                            step();
                        }
                    }
                }
                """;
        QualityReport j = TREE.score(java, "Flags.java", "Java");
        assertThat(sub(j, "rigorous")).isEqualTo(0.6667); // 1 / (1 + 0.25 * 2)
        assertThat(j.critiques()).extracting(Critique::toString).contains(
                "rigorous:3:9: `if` condition is always false: its body is dead code",
                "rigorous:6:9: `while` condition is always false: its body is dead code");
        String py = "def run():\n    if False:\n        print('debug')\n    step()\n";
        QualityReport p = TREE.score(py, "flags.py", "Python");
        assertThat(sub(p, "rigorous")).isEqualTo(0.8);
        assertThat(p.critiques()).extracting(Critique::toString)
                .contains("rigorous:2:5: `if` condition is always false: its body is dead code");
    }

    @Test
    void codeAfterATryWhoseBranchesAllReturnIsUnreachable() {
        String java = """
                class Parse {
                    int parse(String s) {
                        try {
                            return Integer.parseInt(s);
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                        log(s);
                    }
                }
                """;
        QualityReport j = TREE.score(java, "Parse.java", "Java");
        assertThat(sub(j, "rigorous")).isEqualTo(0.8);
        assertThat(j.critiques()).extracting(Critique::toString).contains("rigorous:8:9: statement is unreachable (after `try`)");
        String py = """
                def parse(s):
                    if s:
                        return int(s)
                    else:
                        raise ValueError(s)
                    print(s)
                """;
        QualityReport p = TREE.score(py, "parse.py", "Python");
        assertThat(sub(p, "rigorous")).isEqualTo(0.8);
        assertThat(p.critiques()).extracting(Critique::toString).contains("rigorous:6:5: statement is unreachable (after `if`)");
        // a try with a handler that falls through is not an exit
        String ok = "def parse(s):\n    try:\n        return int(s)\n    except ValueError:\n        pass\n    return 0\n";
        assertThat(sub(TREE.score(ok, "ok.py", "Python"), "rigorous")).isEqualTo(0.8); // 1 / (1 + 0.25): the empty handler only
    }

    @Test
    void oneOverlongFunctionInALongFileCounts() {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < 20; f++) {
            sb.append("def small_").append(f).append("(value):\n");
            for (int k = 0; k < 9; k++) {
                sb.append("    value = value + ").append(k).append('\n');
            }
            sb.append("    return value\n\n\n");
        }
        sb.append("def big(value):\n");
        for (int k = 0; k < 158; k++) {
            sb.append("    value = value * ").append(k + 2).append('\n');
        }
        sb.append("    return value\n");
        QualityReport r = TREE.score(sb.toString(), "big.py", "Python");
        // 20 units of 11 lines at 1.0, one of 160 lines at 80/160 = 0.5: shortfall 80/380
        assertThat(r.results().get("small_units").measure()).isEqualTo("units=21 max_lines=160 max_nesting=0 max_complexity=1 mean_depth=0");
        assertThat(sub(r, "small_units")).isEqualTo(0.5412);
    }

    @Test
    void aSyntaxErrorCapsTheTierAtD() {
        StringBuilder sb = new StringBuilder("\"\"\"Totals.\"\"\"\n\n\n");
        for (int f = 0; f < 30; f++) {
            sb.append("def total_").append(f).append("(items):\n    \"\"\"Sum of the items.\"\"\"\n    return sum(items)\n\n\n");
        }
        String good = sb.toString();
        String broken = good.replace("def total_7(items):", "def total_7(items:");
        QualityReport ok = TREE.score(good, "totals.py", "Python");
        QualityReport bad = TREE.score(broken, "totals.py", "Python");
        assertThat(ok.tier()).isEqualTo("A");
        assertThat(sub(bad, "well_formed")).isLessThan(0.5);
        assertThat(bad.score()).isGreaterThan(Constitution.builtIn().tiers().get("C"));
        assertThat(bad.tier()).isEqualTo("D");
    }

    @Test
    void withoutAGrammarTheStructureScanGivesSmallUnitsAndNames() {
        String lua = """
                -- Stack helpers.
                local function push(stack, value)
                  stack[#stack + 1] = value
                end

                function pop(s)
                  if #s == 0 then
                    return nil
                  end
                  local v = s[#s]
                  s[#s] = nil
                  return v
                end
                """;
        QualityReport r = TREE.score(lua, "stack.lua", "Lua");
        assertThat(r.parsed()).isFalse();
        CheckResult units = r.results().get("small_units");
        assertThat(units.basis()).isEqualTo("scan");
        // push: 3 lines; pop: 8 lines, one `if` (complexity 2), 1 of its 6 code lines one level down
        assertThat(units.measure()).isEqualTo("units=2 max_lines=8 max_nesting=1 max_complexity=2 mean_depth=0.1212");
        assertThat(sub(r, "small_units")).isEqualTo(0.994);
        CheckResult names = r.results().get("readable_names");
        assertThat(names.basis()).isEqualTo("scan");
        // declared stack, value, s, v: s and v are single letters (share 0.5 > 0.2 -> 0); both functions snake_case
        assertThat(names.measure()).isEqualTo("declared=4 short=2 functions=2 conventional=2");
        assertThat(sub(r, "readable_names")).isEqualTo(0.5);
    }

    @Test
    void commentedOutCodeIsFoundByBlocksWithAnnotationsCaseLabelsAndInnerComments() {
        String java = """
                class Holder {
                    private final Object key;

                    // @Override
                    // public boolean equals(Object o) {
                    //     return o instanceof Holder h
                    //             && key.equals(h.key);
                    // }
                    Holder(Object key) {
                        this.key = key;
                    }
                }
                """;
        QualityReport r = TEXT.score(java, "Holder.java", "Java");
        // 5 lines: the annotation and the && continuation count as code now (runs of 2 before)
        assertThat(r.critiques()).extracting(Critique::toString).contains("commented:4:1: 5 lines of commented-out code");
        assertThat(r.results().get("commented").measure()).isEqualTo("density=0 doc_lines=0 commented_code_share=1");
        // no commentary left: floor 0.25, less the whole share
        assertThat(sub(r, "commented")).isEqualTo(0.0);

        String py = """
                def area(w, h):
                    return w * h


                # def __init__(self, node):
                #     # The node this class is augmenting.
                #     self.node = node
                #     # Number of predecessors.
                #     self.npredecessors = 0
                #     self.successors = []
                def perimeter(w, h):
                    return 2 * (w + h)
                """;
        QualityReport p = TEXT.score(py, "shapes.py", "Python");
        // inner comments are neutral: 4 code-like lines, no prose, the block's 6 lines count
        assertThat(p.critiques()).extracting(Critique::toString).contains("commented:5:1: 6 lines of commented-out code");
    }

    @Test
    void commentedOutCodeLowersAFileWithoutComments() {
        String clean = """
                def area(w, h):
                    return w * h


                def perimeter(w, h):
                    return 2 * (w + h)
                """;
        String pasted = clean.replace("def perimeter", "# def area(w, h):\n#     if w < 0:\n#         return 0\n#     return w * h\ndef perimeter");
        // no comment: the band floor 0.25 (it was 0, and pasting commented-out code could not lower it)
        assertThat(sub(TEXT.score(clean, "a.py", "Python"), "commented")).isEqualTo(0.25);
        assertThat(sub(TEXT.score(pasted, "a.py", "Python"), "commented")).isEqualTo(0.0);
    }

    @Test
    void invertedGuardClausesAreCritiqued() {
        String guard = """
                def load(path):
                    if not path:
                        raise ValueError(path)
                    data = read(path)
                    return parse(data)
                """;
        String inverted = """
                def load(path):
                    if path:
                        data = read(path)
                        return parse(data)
                    else:
                        raise ValueError(path)
                """;
        QualityReport g = TREE.score(guard, "load.py", "Python");
        QualityReport i = TREE.score(inverted, "load.py", "Python");
        assertThat(g.critiques()).extracting(Critique::principle).doesNotContain("small_units");
        assertThat(i.critiques()).extracting(Critique::toString).contains(
                "small_units:1:1: function `load` nests its main path under an `if` whose `else` only exits; return early instead (guard clause)");
        assertThat(sub(i, "small_units")).isLessThan(sub(g, "small_units"));
        // unit score 1 / 1.1: shortfall 1/11, file score (1 - sqrt(1/11)) / (1 + 0.05 * mean depth)
        String measure = i.results().get("small_units").measure();
        double depth = Double.parseDouble(measure.substring(measure.indexOf("mean_depth=") + 11));
        assertThat(sub(i, "small_units")).isCloseTo((1 - Math.sqrt(1 - 1 / 1.1)) / (1 + 0.05 * depth), within(1e-4));
        // an if / else where both branches are one exit is a choice, not a guard
        String choice = """
                def sign(x):
                    if x >= 0:
                        return 1
                    else:
                        return -1
                """;
        assertThat(TREE.score(choice, "sign.py", "Python").critiques()).extracting(Critique::principle).doesNotContain("small_units");
    }
}
