package dev.codemill.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.stages.analysis.lang.Languages;
import dev.codemill.stages.analysis.lex.SyntaxTable;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.repo.ImportExtractor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every per-language table of the stages names languages of the one registry
 * ({@link Languages}, linguist's names), so a {@code language} annotation finds its line syntax,
 * grammar and import extraction: a table that spelled a language its own way would silently
 * never match.
 */
class LanguageNamesTest {
    private static Set<String> unknown(Set<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            if (!Languages.isKnown(n)) {
                out.add(n);
            }
        }
        return out;
    }

    @Test
    void lexerGrammarAndImportTablesNameRegistryLanguages() {
        // JSX: a language of older linguist versions (now JavaScript); the lexer keeps it for
        // input annotations from dumps labelled with those versions. Nothing else may differ.
        assertThat(unknown(SyntaxTable.languages())).containsExactly("JSX");
        assertThat(unknown(Parsers.languages())).isEmpty();
        assertThat(unknown(ImportExtractor.LANGUAGES)).isEmpty();
        // every import language has a grammar, else its files could never be parsed; TSX has none of
        // its own: the repository stages parse it with the TypeScript grammar
        Set<String> needGrammar = new TreeSet<>(ImportExtractor.LANGUAGES);
        needGrammar.remove("TSX");
        assertThat(Parsers.languages()).containsAll(needGrammar).doesNotContain("TSX");
        assertThat(SyntaxTable.languages().size()).isGreaterThan(20);
    }
}
