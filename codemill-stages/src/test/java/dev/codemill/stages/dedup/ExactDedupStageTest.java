package dev.codemill.stages.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stages.RecordingEmitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactDedupStageTest {
    private final RecordingEmitter out = new RecordingEmitter();

    private static Document doc(String path, String text, Annotations a) {
        return Document.ofText(DocId.of(path), new SourceRef("", "repo", path), text, a);
    }

    @Test
    void keyNormalisesLayoutButNotContent() {
        // C02 p3-p6: line endings, trailing whitespace and blank lines, NFC vs NFD, a BOM: same key.
        assertThat(ContentHash.of("a\r\nb\rc\n")).isEqualTo(ContentHash.of("a\nb\nc\n"));
        assertThat(ContentHash.of("a \t\nb\n\n\n")).isEqualTo(ContentHash.of("a\nb"));
        assertThat(ContentHash.of("caf\u0065\u0301")).isEqualTo(ContentHash.of("caf\u00e9"));
        assertThat(ContentHash.of("\uFEFFx = 1")).isEqualTo(ContentHash.of("x = 1"));
        assertThat(ContentHash.of("if a:\n\tb()\n")).isEqualTo(ContentHash.of("if a:\n    b()\n"));
        // Case, digits and punctuation count (C02 n1, p1, p2).
        assertThat(ContentHash.of("A")).isNotEqualTo(ContentHash.of("a"));
        assertThat(ContentHash.of("1|2|300$")).isNotEqualTo(ContentHash.of("12300"));
        assertThat(ContentHash.of("x = 1\n")).hasSize(32).matches("[0-9a-f]{32}");
    }

    @Test
    void keepsPermissiveThenStarsThenSmallestId() {
        ExactDedupStage stage = new ExactDedupStage();
        Document plain = doc("a.py", "x = 1\n", Annotations.EMPTY);
        Document starred = doc("b.py", "x = 1\r\n", Annotations.EMPTY.with(Keys.STARS, 10L));
        Document permissive = doc("c.py", "x = 1\n", Annotations.EMPTY.with(Keys.LICENSE_TYPE, "permissive"));
        List<Document> group = new ArrayList<>(List.of(plain, starred, permissive));
        group.sort(Comparator.comparing(Document::id));
        assertThat(stage.key(plain)).isEqualTo(stage.key(starred));
        stage.processGroup(stage.key(plain), group, out);
        assertThat(out.kept()).singleElement().satisfies(d -> {
            assertThat(d.source().path()).isEqualTo("c.py");
            assertThat(d.get(Keys.CONTENT_HASH)).isEqualTo(ContentHash.of("x = 1\n"));
        });
        assertThat(out.verdicts("drop")).hasSize(2).allSatisfy(v -> {
            assertThat(v.rule()).isEqualTo("exact_duplicate");
            assertThat(v.keptId()).isEqualTo(permissive.id().value());
            assertThat(v.detail()).isEqualTo("same content (after dedup normalisation) as repo/c.py; value = copies of this content, limit = 1 kept; content hash "
                    + ContentHash.of("x = 1\n"));
            assertThat(v.value()).isEqualTo("3");
            assertThat(v.limit()).isEqualTo("1");
        });

        out.outcomes.clear();
        List<Document> noLicence = new ArrayList<>(List.of(plain, starred));
        noLicence.sort(Comparator.comparing(Document::id));
        stage.processGroup(stage.key(plain), noLicence, out);
        assertThat(out.kept()).extracting(d -> d.source().path()).containsExactly("b.py");
    }
}
