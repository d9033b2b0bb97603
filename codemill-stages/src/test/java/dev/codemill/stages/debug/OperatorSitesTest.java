package dev.codemill.stages.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each operator on a small real snippet per language: the exact mutants (text after the edit). */
class OperatorSitesTest {
    static final String PY = """
            import os
            from math import sqrt


            def clamp(values, low, high):
                if values is None:
                    return []
                out = []
                for i in range(0, 3):
                    if values[i] < low or values[i] > high:
                        out.append(max(low, min(high, values[i])))
                total = 1 + len(out)
                return out
            """;

    static final String JAVA = """
            import java.util.List;

            class Clamp {
                static int first(List<String> items, int limit, int start) {
                    if (items == null) {
                        return -1;
                    }
                    int count = 10;
                    for (int i = start; i < limit && i < items.size(); i++) {
                        count = Math.max(count, i);
                    }
                    return count;
                }
            }
            """;

    static final String JS = """
            import { join } from "path";

            function total(items, base) {
              if (items === null) {
                return 0;
              }
              let sum = base;
              for (let i = 0; i <= items.length || false; i++) {
                sum = sum + Math.max(items[i], 2);
              }
              return "x" + sum;
            }
            """;

    private static List<String> mutants(Operator op, String text, String language) {
        SyntaxTree t = Mutator.parse(text, language);
        assertThat(t).as("%s parses without errors", language).isNotNull();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return Mutator.sites(op, t, language).stream().map(m -> changedLine(text, m.apply(b))).toList();
    }

    /** The first line that differs (or "<deleted> L" when the mutant lost a line there). */
    private static String changedLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return x.length != y.length ? "<deleted> " + x[i].strip() : y[i].strip();
            }
        }
        return "<deleted> " + x[x.length - 2].strip();
    }

    @Test
    void flipComparison() {
        assertThat(mutants(Operator.FLIP_COMPARISON, PY, "Python")).containsExactly(
                "if values is not None:", "if values[i] >= low or values[i] > high:", "if values[i] < low or values[i] <= high:");
        assertThat(mutants(Operator.FLIP_COMPARISON, JAVA, "Java")).containsExactly(
                "if (items != null) {", "for (int i = start; i >= limit && i < items.size(); i++) {",
                "for (int i = start; i < limit && i >= items.size(); i++) {");
        assertThat(mutants(Operator.FLIP_COMPARISON, JS, "JavaScript")).containsExactly(
                "if (items !== null) {", "for (let i = 0; i > items.length || false; i++) {");
    }

    @Test
    void flipBoolean() {
        assertThat(mutants(Operator.FLIP_BOOLEAN, PY, "Python")).containsExactly("if values[i] < low and values[i] > high:");
        assertThat(mutants(Operator.FLIP_BOOLEAN, JAVA, "Java")).containsExactly(
                "for (int i = start; i < limit || i < items.size(); i++) {");
        assertThat(mutants(Operator.FLIP_BOOLEAN, JS, "JavaScript")).containsExactly(
                "for (let i = 0; i <= items.length && false; i++) {");
    }

    @Test
    void offByOne() {
        assertThat(mutants(Operator.OFF_BY_ONE, PY, "Python")).containsExactly(
                "if values[i] <= low or values[i] > high:", "if values[i] < low or values[i] >= high:",
                "for i in range(1, 3):", "for i in range(0, 4):");
        assertThat(mutants(Operator.OFF_BY_ONE, JAVA, "Java")).containsExactly(
                "for (int i = start; i <= limit && i < items.size(); i++) {",
                "for (int i = start; i < limit && i <= items.size(); i++) {");
        assertThat(mutants(Operator.OFF_BY_ONE, JS, "JavaScript")).containsExactly(
                "for (let i = 0; i < items.length || false; i++) {");
    }

    @Test
    void wrongVariable() {
        // Python: any earlier-bound name of the function; Java: only a local of the same declared type
        assertThat(mutants(Operator.WRONG_VARIABLE, JAVA, "Java")).contains(
                "for (int i = start; i < count && i < items.size(); i++) {",
                "count = Math.max(limit, i);")
                .noneMatch(s -> s.contains("items.size()") && s.startsWith("if"))
                .allMatch(s -> !s.contains("Math.max(items"));
        assertThat(mutants(Operator.WRONG_VARIABLE, PY, "Python")).contains("if low is None:", "return low");
        assertThat(mutants(Operator.WRONG_VARIABLE, JS, "JavaScript")).contains("let sum = items;");
    }

    @Test
    void removeNullCheck() {
        assertThat(mutants(Operator.REMOVE_NULL_CHECK, PY, "Python")).containsExactly("<deleted> if values is None:");
        assertThat(mutants(Operator.REMOVE_NULL_CHECK, JAVA, "Java")).containsExactly("<deleted> if (items == null) {");
        assertThat(mutants(Operator.REMOVE_NULL_CHECK, JS, "JavaScript")).containsExactly("<deleted> if (items === null) {");
        assertThat(mutants(Operator.REMOVE_NULL_CHECK, "def f(x):\n    if x is not None:\n        x.go()\n", "Python"))
                .containsExactly("if True:");
    }

    @Test
    void removeAndSwapArguments() {
        assertThat(mutants(Operator.REMOVE_ARGUMENT, JAVA, "Java")).containsExactly(
                "count = Math.max(i);", "count = Math.max(count);");
        assertThat(mutants(Operator.SWAP_ARGUMENTS, JAVA, "Java")).containsExactly("count = Math.max(i, count);");
        assertThat(mutants(Operator.SWAP_ARGUMENTS, PY, "Python")).containsExactly(
                "for i in range(3, 0):", "out.append(max(min(high, values[i]), low))", "out.append(max(low, min(values[i], high)))");
        assertThat(mutants(Operator.REMOVE_ARGUMENT, JS, "JavaScript")).containsExactly(
                "sum = sum + Math.max(2);", "sum = sum + Math.max(items[i]);");
    }

    @Test
    void changeLiteral() {
        assertThat(mutants(Operator.CHANGE_LITERAL, JAVA, "Java")).containsExactly("return -2;", "int count = 11;");
        assertThat(mutants(Operator.CHANGE_LITERAL, JS, "JavaScript")).containsExactly(
                "return 1;", "for (let i = 1; i <= items.length || false; i++) {",
                "for (let i = 0; i <= items.length || true; i++) {", "sum = sum + Math.max(items[i], 3);", "return \"\" + sum;");
    }

    @Test
    void removeReturn() {
        assertThat(mutants(Operator.REMOVE_RETURN, PY, "Python")).containsExactly("[]", "out");
        assertThat(mutants(Operator.REMOVE_RETURN, JAVA, "Java")).containsExactly("<deleted> return -1;", "<deleted> return count;");
        assertThat(mutants(Operator.REMOVE_RETURN, JS, "JavaScript")).containsExactly("0;", "\"x\" + sum;");
    }

    @Test
    void deleteImport() {
        assertThat(mutants(Operator.DELETE_IMPORT, PY, "Python")).containsExactly("<deleted> import os", "<deleted> from math import sqrt");
        assertThat(mutants(Operator.DELETE_IMPORT, JAVA, "Java")).containsExactly("<deleted> import java.util.List;");
        assertThat(mutants(Operator.DELETE_IMPORT, JS, "JavaScript")).containsExactly("<deleted> import { join } from \"path\";");
    }

    @Test
    void misspellIdentifier() {
        assertThat(mutants(Operator.MISSPELL_IDENTIFIER, JAVA, "Java")).contains(
                "if (ietms == null) {", "count = Math.max(cuont, i);", "return cuont;");
        assertThat(mutants(Operator.MISSPELL_IDENTIFIER, PY, "Python")).contains("if vlaues is None:", "return otu");
        assertThat(NameSites.typo("values")).isEqualTo("vlaues");
        assertThat(NameSites.typo("seen")).isEqualTo("see");
    }

    @Test
    void typeError() {
        assertThat(mutants(Operator.TYPE_ERROR, JAVA, "Java")).containsExactly("int count = \"10\";",
                "for (int i = String.valueOf(start); i < limit && i < items.size(); i++) {");
        assertThat(mutants(Operator.TYPE_ERROR, PY, "Python")).containsExactly("total = '1' + len(out)");
        assertThat(mutants(Operator.TYPE_ERROR, JS, "JavaScript")).containsExactly("const sum = base;",
                "for (const i = 0; i <= items.length || false; i++) {");
    }

    @Test
    void drawIsSeededAndAtMostOnePerOperator() {
        SyntaxTree t = Mutator.parse(JAVA, "Java");
        Mutator m = new Mutator(java.util.EnumSet.allOf(Operator.class));
        List<Mutant> a = m.draw(t, "Java", dev.codemill.model.Seeds.rngFor(7, "debug_pairs", "doc-1"), 1);
        List<Mutant> b = m.draw(t, "Java", dev.codemill.model.Seeds.rngFor(7, "debug_pairs", "doc-1"), 1);
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().map(Mutant::operator).distinct().count()).isEqualTo(a.size());
        assertThat(a).hasSize(12);
    }
}
