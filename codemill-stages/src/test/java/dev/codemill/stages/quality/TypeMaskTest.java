package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.stages.analysis.syntax.LanguageRules;
import dev.codemill.stages.analysis.syntax.NodeRecords;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The symbol-id tables answer exactly what the type-name sets they replace answer. */
class TypeMaskTest {
    /** Sets the checkers ask besides {@link LanguageRules}' own; one names ERROR (outside every table). */
    private static final List<Set<String>> CHECKER_SETS = List.of(Units.ANONYMOUS, LanguageRules.LOGICAL_OPERATORS,
            Set.of("if_statement"), Set.of("if_statement", "while_statement", "elif_clause"), Set.of("if_statement", "try_statement"),
            Set.of("ERROR", "identifier"), Set.of());

    /** Every Set<String> component of a language's rules, then the checkers' own sets. */
    @SuppressWarnings("unchecked")
    private static List<Set<String>> sets(LanguageRules r) throws Exception {
        List<Set<String>> out = new ArrayList<>();
        if (r != null) {
            for (RecordComponent c : LanguageRules.class.getRecordComponents()) {
                if (c.getType() == Set.class) {
                    out.add((Set<String>) c.getAccessor().invoke(r));
                }
            }
        }
        out.addAll(CHECKER_SETS);
        return out;
    }

    @Test
    void everySymbolOfEveryBundledGrammarAnswersAsTheSet() throws Exception {
        int grammars = 0;
        long checked = 0;
        for (String lang : Parsers.languages()) {
            SyntaxTree t = Parsers.parse("x = (1\n", lang, 10_000).orElse(null);
            assertThat(t).as(lang).isNotNull();
            grammars++;
            List<Set<String>> sets = sets(LanguageRules.of(lang));
            for (Set<String> set : sets) {
                TypeMask m = TypeMask.of(set, t);
                assertThat(TypeMask.of(set, t)).as("cached per set and grammar").isSameAs(m);
                for (int sym = 0; sym < t.symbolCount(); sym++) {
                    assertThat(m.hasSymbol(t, sym)).as(lang + " symbol " + sym + " " + t.symbolType(sym))
                            .isEqualTo(set.contains(t.symbolType(sym)));
                    checked++;
                }
                // outside the table: ERROR and ids the grammar does not have
                assertThat(m.hasSymbol(t, NodeRecords.SYMBOL_ERROR)).isEqualTo(set.contains("ERROR"));
                assertThat(m.hasSymbol(t, t.symbolCount() + 7)).isFalse();
                for (int n = 0; n < t.size(); n++) {
                    assertThat(m.has(t, n)).as(lang + " node " + n + " " + t.type(n)).isEqualTo(set.contains(t.type(n)));
                }
            }
        }
        assertThat(grammars).isGreaterThanOrEqualTo(10);
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void errorNodesFallBackToTheSet() {
        SyntaxTree t = Parsers.parse("def f(:\n    return )\n", "Python", 1000).orElseThrow();
        int errors = 0;
        TypeMask withError = TypeMask.of(Set.of("ERROR"), t);
        TypeMask without = TypeMask.of(Set.of("identifier"), t);
        for (int n = 0; n < t.size(); n++) {
            if (t.symbol(n) == NodeRecords.SYMBOL_ERROR) {
                errors++;
                assertThat(withError.has(t, n)).isTrue();
                assertThat(without.has(t, n)).isFalse();
            }
        }
        assertThat(errors).isPositive();
    }

    @Test
    void tablesAreKeptPerGrammar() {
        SyntaxTree py = Parsers.parse("def f(a):\n    return a\n", "Python", 1000).orElseThrow();
        SyntaxTree java = Parsers.parse("class A { int f(int a) { return a; } }\n", "Java", 1000).orElseThrow();
        Set<String> fns = Set.of("function_definition", "method_declaration");
        assertThat(TypeMask.of(fns, py)).isNotSameAs(TypeMask.of(fns, java));
        assertThat(count(TypeMask.of(fns, py), py)).isEqualTo(1);
        assertThat(count(TypeMask.of(fns, java), java)).isEqualTo(1);
    }

    private static int count(TypeMask m, SyntaxTree t) {
        int c = 0;
        for (int n = 0; n < t.size(); n++) {
            c += m.has(t, n) ? 1 : 0;
        }
        return c;
    }
}
