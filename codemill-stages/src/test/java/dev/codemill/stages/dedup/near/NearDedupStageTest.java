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
import dev.codemill.stages.RecordingEmitter;
import java.util.List;
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

    private final RecordingEmitter out = new RecordingEmitter();

    @Test
    void defaultsAreBigCodes() {
        assertThat(STAGE.lsh().bands()).isEqualTo(25);
        assertThat(STAGE.lsh().rows()).isEqualTo(10);
        assertThat(STAGE.lsh().threshold()).isEqualTo(0.7);
    }

    @Test
    void tooShortDocumentsAreNeverBucketed() {
        // C01: fewer tokens than the 5-gram window: no signature, no bucket, no shared sentinel.
        for (String text : List.of("", "   \n\t\n", "x", "pass", "}", "return 0;", "fn main() {}")) {
            assertThat(STAGE.membership(doc("a", text, Annotations.EMPTY)).buckets()).as(text).isEmpty();
        }
    }

    @Test
    void nearCopiesShareABandAndTheCopyIsDroppedWithItsJaccard() {
        Document original = doc("a.py", lines(0, 60), Annotations.EMPTY);
        Document edited = doc("b.py", lines(0, 58) + lines(100, 102), Annotations.EMPTY);
        Document other = doc("c.py", lines(200, 260), Annotations.EMPTY);
        ClusterStage.Membership ma = STAGE.membership(original);
        ClusterStage.Membership mb = STAGE.membership(edited);
        assertThat(ma.buckets()).hasSize(25).doesNotHaveDuplicates();
        assertThat(ma.buckets()).containsAnyElementsOf(mb.buckets());
        assertThat(STAGE.membership(other).buckets()).doesNotContainAnyElementsOf(ma.buckets());
        assertThat(ma.payload()).startsWith("r/a.py\n");

        ClusterStage.Cluster cluster = new ClusterStage.Cluster(original.id().value(), original.id().value(), 2, ma.payload());
        STAGE.decide(original, cluster, out);
        STAGE.decide(edited, cluster, out);
        assertThat(out.kept()).containsExactly(original);
        double exact = Jaccard.exact(Shingler.words(5).shingleSet(Normaliser.normalise(original.text())),
                Shingler.words(5).shingleSet(Normaliser.normalise(edited.text())));
        assertThat(out.verdicts("drop")).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("near_duplicate");
            assertThat(v.limit()).isEqualTo(">= 0.7");
            assertThat(v.keptId()).isEqualTo(original.id().value());
            assertThat(Double.parseDouble(v.value())).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.1));
            assertThat(v.detail()).startsWith("cluster " + original.id() + " of 2 documents; estimated Jaccard ")
                    .endsWith(" to r/a.py (kept)");
        });
    }

    @Test
    void aMemberFarFromTheKeptOneStaysWhenVerifying() {
        Document a = doc("a.py", lines(0, 60), Annotations.EMPTY);
        Document far = doc("z.py", lines(300, 360), Annotations.EMPTY);
        STAGE.decide(far, new ClusterStage.Cluster(a.id().value(), a.id().value(), 3, STAGE.membership(a).payload()), out);
        assertThat(out.kept()).containsExactly(far);
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
    void signaturesSurviveTheirPayloadEncoding() {
        int[] sig = STAGE.signature(doc("a", lines(0, 10), Annotations.EMPTY));
        assertThat(NearDedupStage.decode(NearDedupStage.encode(sig))).isEqualTo(sig);
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> new NearDedupStageFactory().create(new Params("near_dedup", Map.of("bands", 30), 1)))
                .hasMessageContaining("'bands' and 'rows' go together");
        assertThatThrownBy(() -> new NearDedupStageFactory().create(new Params("near_dedup", Map.of("signature", "x"), 1)))
                .hasMessageContaining("must be oph or classic");
        NearDedupStage custom = (NearDedupStage) new NearDedupStageFactory()
                .create(new Params("near_dedup", Map.of("bands", 16, "rows", 16, "threshold", 0.85), 1));
        assertThat(List.of(custom.lsh().bands(), custom.lsh().rows())).containsExactly(16, 16);
    }
}
