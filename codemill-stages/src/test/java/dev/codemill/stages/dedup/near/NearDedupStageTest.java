package dev.codemill.stages.dedup.near;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.Params;
import dev.codemill.testkit.RecordingEmitter;
import dev.codemill.stage.Check;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NearDedupStageTest {
    private static final NearDedupStage STAGE = (NearDedupStage) new NearDedupStageFactory()
            .create(new Params("near_dedup", Map.of(), 1234));

    private static Document doc(String path, String text, Annotations a) {
        return Document.ofText(DocId.of(path), new SourceRef("", "r", path), text, a);
    }

    private static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("def function_").append(i).append("(alpha, beta):\n    return alpha * ").append(i).append(" + beta\n");
        }
        return sb.toString();
    }

    private final RecordingEmitter out = RecordingEmitter.create();

    @Test
    void defaultsAreBigCodes() {
        assertThat(STAGE.lsh().bands()).isEqualTo(25);
        assertThat(STAGE.lsh().rows()).isEqualTo(10);
        assertThat(STAGE.lsh().threshold()).isEqualTo(0.7);
    }

    private static Set<Long> buckets(NearDedupStage stage, Document d) {
        return LongStream.of(stage.buckets(stage.membership(d).payload())).boxed().collect(Collectors.toSet());
    }

    @Test
    void tooShortDocumentsAreNeverBucketed() {
        // C01: fewer tokens than the 5-gram window: no signature, no bucket, no shared sentinel.
        for (String text : List.of("", "   \n\t\n", "x", "pass", "}", "return 0;", "fn main() {}")) {
            assertThat(STAGE.membership(doc("a", text, Annotations.EMPTY))).as(text).isNull();
        }
    }

    @Test
    void nearCopiesShareABandAndTheCopyIsDroppedWithItsExactJaccard() {
        Document original = doc("a.py", lines(0, 60), Annotations.EMPTY);
        Document edited = doc("b.py", lines(0, 58) + lines(100, 102), Annotations.EMPTY);
        Document other = doc("c.py", lines(200, 260), Annotations.EMPTY);
        assertThat(buckets(STAGE, original)).hasSize(25).containsAnyElementsOf(buckets(STAGE, edited))
                .doesNotContainAnyElementsOf(buckets(STAGE, other));
        byte[] pa = STAGE.membership(original).payload();
        byte[] pb = STAGE.membership(edited).payload();
        assertThat(NearPayload.decode(pa).where()).isEqualTo("r/a.py");

        double exact = Jaccard.exact(Shingler.words(5).shingleSet(Normaliser.normalise(original.text())),
                Shingler.words(5).shingleSet(Normaliser.normalise(edited.text())));
        // 60 functions of 8 word tokens, 2 replaced: 476 shingles each, 461 shared, 491 in the union
        // (counted independently with Python's re.findall('[A-Za-z_0-9]+') and 5-tuples)
        assertThat(exact).isEqualTo(461.0 / 491);
        String comparison = STAGE.compare(pa, pb);
        assertThat(comparison).endsWith(" " + Check.format(exact) + " r/a.py");
        ClusterStage.Cluster cluster = new ClusterStage.Cluster(original.id().value(), 2, comparison);
        STAGE.decide(original, new ClusterStage.Cluster(original.id().value(), 2, ""), out);
        STAGE.decide(edited, cluster, out);
        assertThat(out.kept()).containsExactly(original);
        assertThat(out.verdicts("drop")).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("near_duplicate");
            assertThat(v.limit()).isEqualTo(">= 0.7");
            assertThat(v.keptId()).isEqualTo(original.id().value());
            assertThat(v.value()).isEqualTo(Check.format(exact));
            assertThat(v.detail()).startsWith("cluster " + original.id() + " of 2 documents; estimated Jaccard ")
                    .contains(", exact " + Check.format(exact) + " to r/a.py (kept)");
        });
    }

    @Test
    void withoutExactVerificationTheEstimateDecides() {
        NearDedupStage estimateOnly = (NearDedupStage) new NearDedupStageFactory()
                .create(new Params("near_dedup", Map.of("exact_max_shingles", 0), 1234));
        Document original = doc("a.py", lines(0, 60), Annotations.EMPTY);
        Document edited = doc("b.py", lines(0, 58) + lines(100, 102), Annotations.EMPTY);
        assertThat(NearPayload.decode(estimateOnly.membership(original).payload()).shingles()).isNull();
        String comparison = estimateOnly.compare(estimateOnly.membership(original).payload(),
                estimateOnly.membership(edited).payload());
        assertThat(comparison).matches("0\\.\\d+ - r/a\\.py");
        estimateOnly.decide(edited, new ClusterStage.Cluster(original.id().value(), 2, comparison), out);
        assertThat(out.verdicts("drop")).singleElement().satisfies(v -> {
            assertThat(v.value()).isEqualTo(comparison.split(" ")[0]);
            assertThat(v.detail()).doesNotContain("exact");
        });
    }

    @Test
    void aMemberFarFromTheKeptOneStaysWhenVerifying() {
        Document a = doc("a.py", lines(0, 60), Annotations.EMPTY);
        Document far = doc("z.py", lines(300, 360), Annotations.EMPTY);
        String comparison = STAGE.compare(STAGE.membership(a).payload(), STAGE.membership(far).payload());
        assertThat(comparison).startsWith("0 0 ");
        STAGE.decide(far, new ClusterStage.Cluster(a.id().value(), 3, comparison), out);
        assertThat(out.kept()).containsExactly(far);
    }

    @Test
    void aRepositorySignatureIsTheMinHashOfTheUnionOfItsFiles() {
        NearDedupStage repos = (NearDedupStage) new NearDedupStageFactory()
                .create(new Params("near_dedup", Map.of("unit", "repository"), 1234));
        Document f1 = doc("x/one.py", lines(0, 30), Annotations.EMPTY);
        Document f2 = doc("x/two.py", lines(30, 60), Annotations.EMPTY);
        assertThat(repos.unit(f1)).isEqualTo("r");
        byte[] merged = repos.merge(repos.membership(f1).payload(), repos.membership(f2).payload());
        assertThat(repos.merge(repos.membership(f2).payload(), repos.membership(f1).payload())).isEqualTo(merged);
        // the union of both files' shingle sets, signed at once (no shingle spans the two files)
        MinHasher oph = MinHasher.of(MinHasher.Kind.OPH, 256, 1234);
        long[] union = LongStream.concat(LongStream.of(Shingler.words(5).shingleSet(Normaliser.normalise(f1.text()))),
                LongStream.of(Shingler.words(5).shingleSet(Normaliser.normalise(f2.text())))).toArray();
        assertThat(NearPayload.decode(merged).signature(oph)).isEqualTo(oph.sign(union, union.length));
        Document copy = Document.ofText(DocId.of("fork/all.py"), new SourceRef("", "fork", "all.py"), lines(0, 60),
                Annotations.EMPTY);
        String comparison = repos.compare(merged, repos.membership(copy).payload());
        assertThat(comparison).startsWith("0.9").contains(" - r");
        repos.decide(copy, new ClusterStage.Cluster("r", 2, comparison), out);
        assertThat(out.verdicts("drop")).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("near_duplicate_repository");
            assertThat(v.keptId()).isEqualTo("r");
            assertThat(v.detail()).startsWith("repository fork in cluster r of 2 repositories; estimated Jaccard 0.9")
                    .endsWith(" to repository r (kept)");
        });
    }

    @Test
    void rankPutsPermissiveThenStarsThenForksFirst() {
        String permissive = NearDedupStage.rank(doc("a", "", Annotations.EMPTY.with(Keys.LICENSE_TYPE, "permissive")));
        String starred = NearDedupStage.rank(doc("b", "", Annotations.EMPTY.with(Keys.STARS, 50L)));
        String forked = NearDedupStage.rank(doc("c", "", Annotations.EMPTY.with(Keys.STARS, 50L).with(Keys.FORKS, 3L)));
        String plain = NearDedupStage.rank(doc("d", "", Annotations.EMPTY));
        assertThat(new java.util.TreeSet<>(List.of(plain, starred, permissive, forked)))
                .containsExactly(permissive, forked, starred, plain);
    }

    @Test
    void rankIsTheLicenceThenNineteenDigitComplementsOfStarsAndForks() {
        String forked = NearDedupStage.rank(doc("c", "", Annotations.EMPTY.with(Keys.STARS, 50L).with(Keys.FORKS, 3L)));
        assertThat(forked).isEqualTo("1|9223372036854775757|9223372036854775804")
                .isEqualTo(String.format("%d|%019d|%019d", 1, Long.MAX_VALUE - 50, Long.MAX_VALUE - 3));
        assertThat(NearDedupStage.digits19(0)).isEqualTo("0000000000000000000");
        assertThat(NearDedupStage.digits19(42)).isEqualTo("0000000000000000042");
        assertThat(NearDedupStage.digits19(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
    }

    @Test
    void payloadsSurviveTheirEncoding() {
        NearPayload p = new NearPayload("r/ü.py", new int[] {1, -2, 3}, null, new int[] {-9, 4});
        NearPayload q = NearPayload.decode(p.encode());
        assertThat(q.where()).isEqualTo("r/ü.py");
        assertThat(q.signature()).containsExactly(1, -2, 3);
        assertThat(q.shingles()).containsExactly(-9, 4);
        NearPayload bins = NearPayload.decode(new NearPayload("r", null, new long[] {MinHasher.EMPTY, 5}, null).encode());
        assertThat(bins.bins()).containsExactly(MinHasher.EMPTY, 5);
        assertThat(bins.shingles()).isNull();
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> new NearDedupStageFactory().create(new Params("near_dedup", Map.of("bands", 30), 1)))
                .hasMessageContaining("'bands' and 'rows' go together");
        assertThatThrownBy(() -> new NearDedupStageFactory().create(new Params("near_dedup", Map.of("signature", "x"), 1)))
                .hasMessageContaining("must be oph or classic");
        assertThatThrownBy(() -> new NearDedupStageFactory().create(new Params("near_dedup", Map.of("unit", "file"), 1)))
                .hasMessageContaining("must be document or repository");
        NearDedupStage custom = (NearDedupStage) new NearDedupStageFactory()
                .create(new Params("near_dedup", Map.of("bands", 16, "rows", 16, "threshold", 0.85), 1));
        assertThat(List.of(custom.lsh().bands(), custom.lsh().rows())).containsExactly(16, 16);
    }
}
