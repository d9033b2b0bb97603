package dev.codemill.stages.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.testkit.RecordingEmitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactDedupStageTest {
    private final RecordingEmitter out = RecordingEmitter.create();

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

        out.outcomes().clear();
        List<Document> noLicence = new ArrayList<>(List.of(plain, starred));
        noLicence.sort(Comparator.comparing(Document::id));
        stage.processGroup(stage.key(plain), noLicence, out);
        assertThat(out.kept()).extracting(d -> d.source().path()).containsExactly("b.py");
    }

    private static Document copy(String id, String repo, String path, String type, List<String> licences, long stars) {
        Annotations a = Annotations.EMPTY.with(Keys.STARS, stars);
        if (type != null) {
            a = a.with(Keys.LICENSE_TYPE, type).with(Keys.DETECTED_LICENSES, licences);
        }
        return Document.ofText(new dev.codemill.model.DocId(id), new SourceRef("", repo, path), "int add(int a, int b) { return a + b; }\n", a);
    }

    @Test
    void keptCopyRecordsEveryRepositoryAndLicenceItWasFoundUnder() {
        ExactDedupStage stage = new ExactDedupStage();
        // one blob in three repositories; the copyleft one has the most stars, all share the dump's blob id
        Document gpl = copy("b1", "zeta/app", "src/add.c", "copyleft", List.of("GPL-3.0-only"), 900);
        Document mit = copy("b1", "beta/lib", "add.c", "permissive", List.of("MIT"), 5);
        Document bsd = copy("b1", "alpha/util", "c/add.c", "permissive", List.of("BSD-3-Clause"), 5);
        List<String> expected = List.of(
                "{\"id\":\"b1\",\"repo_name\":\"alpha/util\",\"path\":\"c/add.c\",\"license_type\":\"permissive\",\"detected_licenses\":[\"BSD-3-Clause\"]}",
                "{\"id\":\"b1\",\"repo_name\":\"beta/lib\",\"path\":\"add.c\",\"license_type\":\"permissive\",\"detected_licenses\":[\"MIT\"]}",
                "{\"id\":\"b1\",\"repo_name\":\"zeta/app\",\"path\":\"src/add.c\",\"license_type\":\"copyleft\",\"detected_licenses\":[\"GPL-3.0-only\"]}");
        // every input order keeps the same permissive copy (ties on stars and id broken by repository name)
        for (List<Document> order : List.of(List.of(gpl, mit, bsd), List.of(bsd, gpl, mit), List.of(mit, bsd, gpl))) {
            out.outcomes().clear();
            stage.processGroup(stage.key(gpl), new ArrayList<>(order), out);
            assertThat(out.kept()).singleElement().satisfies(d -> {
                assertThat(d.source().repoName()).isEqualTo("alpha/util");
                assertThat(d.get(Keys.DUPLICATE_SOURCES)).containsExactlyElementsOf(expected);
            });
            assertThat(out.verdicts("drop")).hasSize(2);
        }
        // a copy not annotated with a licence is listed without licence fields; one copy alone gets no list
        out.outcomes().clear();
        Document bare = copy("b2", "r", "x.c", null, null, 0);
        stage.processGroup(stage.key(bare), new ArrayList<>(List.of(bare, copy("b3", "s", "x.c", null, null, 0))), out);
        assertThat(out.kept()).singleElement().satisfies(d -> assertThat(d.get(Keys.DUPLICATE_SOURCES)).containsExactly(
                "{\"id\":\"b2\",\"repo_name\":\"r\",\"path\":\"x.c\"}", "{\"id\":\"b3\",\"repo_name\":\"s\",\"path\":\"x.c\"}"));
        out.outcomes().clear();
        stage.processGroup(stage.key(bare), new ArrayList<>(List.of(bare)), out);
        assertThat(out.kept()).singleElement().satisfies(d -> assertThat(d.get(Keys.DUPLICATE_SOURCES)).isNull());
    }
}
