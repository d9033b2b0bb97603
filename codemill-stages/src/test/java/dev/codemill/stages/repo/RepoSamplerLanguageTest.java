package dev.codemill.stages.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A repository sample's language is its main programming language, not its longest prose file's. */
class RepoSamplerLanguageTest {
    private static String main(Object... pairs) {
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return RepoSampler.mainLanguage(m);
    }

    @Test
    void programmingLanguagesWinOverLongerProseMarkupAndData() {
        // a 11 kB Apache LICENSE (Text), a README (Markdown) and a pom.xml (XML) beside 2 kB of Java
        assertThat(main("Text", 11_358, "Markdown", 4_000, "XML", 3_100, "Java", 2_048)).isEqualTo("Java");
        assertThat(main("Text", 9_000, "Python", 700, "Java", 650)).isEqualTo("Python");
    }

    @Test
    void withoutAProgrammingLanguageTheMostCharactersWin() {
        assertThat(main("Text", 10, "Markdown", 30)).isEqualTo("Markdown");
        assertThat(main()).isNull();
        assertThat(main("NoSuchLanguage", 5)).isEqualTo("NoSuchLanguage");
    }
}
