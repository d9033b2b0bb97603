package dev.codemill.run.mix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.MixSpec;
import dev.codemill.run.Aggregation;
import dev.codemill.stage.AggregateStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mixture planner as an aggregate stage: the decision does not depend on how documents are split among workers. */
class MixStageTest {
    private static Document doc(int i, String language, long tokens, String tier) {
        String id = String.format("%04d", i);
        return Document.ofText(new DocId(id), new SourceRef("test", "repo", id + ".txt"), "x",
                        dev.codemill.model.Annotations.EMPTY)
                .with(Keys.LANGUAGE, language).with(Keys.NUM_TOKENS, tokens).with(Keys.QUALITY_TIER, tier);
    }

    private static final MixSpec SPEC = new MixSpec(9000, "language", Map.of("Python", 0.5, "Java", 0.3),
            List.of("Go"), Map.of("quality_tier", Map.of("A", 2.0, "D", 0.0)), 3);

    private static List<Document> corpus() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String language = i % 3 == 0 ? "Python" : i % 3 == 1 ? "Java" : i % 5 == 0 ? "Go" : "Rust";
            docs.add(doc(i, language, 5 + i % 17, i % 4 == 0 ? "A" : i % 7 == 0 ? "D" : "B"));
        }
        return docs;
    }

    @Test
    void threeWorkersMergedDecideLikeOne() {
        MixStage stage = new MixStage(SPEC, 42);
        List<Document> docs = corpus();
        AggregateStage.Decision one = Aggregation.decide(stage, List.of(Aggregation.summarize(stage, docs.iterator())));
        // three "partitions", strided, merged in reverse order
        List<byte[]> parts = new ArrayList<>();
        for (int w = 2; w >= 0; w--) {
            List<Document> mine = new ArrayList<>();
            for (int i = w; i < docs.size(); i += 3) {
                mine.add(docs.get(i));
            }
            parts.add(Aggregation.summarize(stage, mine.iterator()));
        }
        AggregateStage.Decision three = Aggregation.decide(stage, parts);
        assertThat(three.report()).isEqualTo(one.report());
        assertThat(three.maxCopies()).isEqualTo(one.maxCopies());
        for (Document d : docs) {
            assertThat(three.copies(d)).as("copies of %s", d.id()).isEqualTo(one.copies(d));
        }
        assertThat(one.reportKey()).isEqualTo("mixture");
        // the planner on one tally gives the same plan
        MixTally tally = new MixTally(SPEC, 42);
        docs.forEach(tally::add);
        assertThat(one.report()).isEqualTo(MixturePlanner.plan(tally).toMap());
        // excluded and weight-0 documents get no copy; max_epochs bounds the rest
        for (Document d : docs) {
            int c = one.copies(d);
            if (d.annotations().get(Keys.LANGUAGE).equals("Go") || d.annotations().get(Keys.QUALITY_TIER).equals("D")) {
                assertThat(c).isZero();
            }
            assertThat(c).isBetween(0, 3);
        }
    }

    @Test
    void aTallyRoundTripsThroughItsBytes() {
        MixStage stage = new MixStage(SPEC, 42);
        MixTally t = stage.zero();
        for (Document d : corpus()) {
            t = stage.add(t, d);
        }
        byte[] bytes = stage.encode(t);
        MixTally back = stage.decode(bytes);
        assertThat(stage.encode(back)).isEqualTo(bytes);
        assertThat(MixturePlanner.plan(back).toMap()).isEqualTo(MixturePlanner.plan(t).toMap());
        assertThat(stage.encode(stage.zero())).hasSize(4); // no group: the count alone
    }
}
