package dev.codemill.run.mix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.MixSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixturePlannerTest {
    private static Document doc(String id, String language, long tokens, String tier) {
        Document d = Document.ofText(new DocId(id), new SourceRef("test", "repo", id + ".txt"), "x", dev.codemill.model.Annotations.EMPTY)
                .with(Keys.LANGUAGE, language).with(Keys.NUM_TOKENS, tokens);
        return tier == null ? d : d.with(Keys.QUALITY_TIER, tier);
    }

    @Test
    void copiesAreFloorPlusABernoulliOnTheFraction() {
        assertThat(MixturePlan.copies(0.3, 1, 0.29, 4)).isEqualTo(1);
        assertThat(MixturePlan.copies(0.3, 1, 0.31, 4)).isZero();
        assertThat(MixturePlan.copies(2.5, 1, 0.49, 4)).isEqualTo(3);
        assertThat(MixturePlan.copies(2.5, 1, 0.51, 4)).isEqualTo(2);
        assertThat(MixturePlan.copies(2.5, 2, 0.9, 4)).isEqualTo(4); // r·w = 5, capped at max_epochs
        assertThat(MixturePlan.copies(2.5, 0, 0.0, 4)).isZero();     // weight 0 excludes
    }

    @Test
    void drawsDependOnlyOnSeedAndId() {
        double a = MixTally.draw(1234, "00ab");
        assertThat(MixTally.draw(1234, "00ab")).isEqualTo(a);
        assertThat(MixTally.draw(1235, "00ab")).isNotEqualTo(a);
        assertThat(a).isBetween(0.0, 1.0);
    }

    /** 1000 equal documents of 10 tokens: the plan hits each budget to the token and ignores input order. */
    @Test
    void equalDocumentsHitTheBudgetExactlyInAnyOrder() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            docs.add(doc(String.format("%04d", i), i < 600 ? "Python" : i < 900 ? "Java" : "Go", 10, null));
        }
        MixSpec spec = new MixSpec(5000, "language", Map.of("Python", 0.4, "Java", 0.5), List.of(), Map.of(), 4);
        MixturePlan forward = plan(spec, docs);
        Collections.reverse(docs);
        MixturePlan backward = plan(spec, docs);
        assertThat(backward.toMap()).isEqualTo(forward.toMap());
        Map<String, MixturePlan.GroupPlan> g = byName(forward);
        assertThat(g.get("Python").achievedTokens()).isEqualTo(2000); // 6000 available → rate ≈ 1/3
        assertThat(g.get("Java").achievedTokens()).isEqualTo(2500);   // 3000 available → rate ≈ 0.83
        assertThat(g.get("Go").achievedTokens()).isEqualTo(500);      // rest 0.1 of 1000 available
        assertThat(g.get("Go").pool()).isEqualTo("rest");
        long chosen = docs.stream().mapToLong(forward::copies).sum();
        assertThat(chosen).isEqualTo(500);
    }

    @Test
    void weightsFavourATierAndInfeasibleShortfallMovesToTheOthers() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            docs.add(doc(String.format("%04d", i), i < 300 ? "Python" : "Java", 10, i % 2 == 0 ? "A" : "B"));
        }
        // Java has 1000 tokens, max 2 epochs → 2000 < 0.5 × 6000: infeasible, 1000 short; Python takes it.
        MixSpec spec = new MixSpec(6000, "language", Map.of("Python", 0.5, "Java", 0.5), List.of(),
                Map.of("quality_tier", Map.of("A", 3.0)), 2);
        MixturePlan plan = plan(spec, docs);
        Map<String, MixturePlan.GroupPlan> g = byName(plan);
        assertThat(g.get("Java").infeasible()).isEqualTo("needs 3000 tokens, but 1000 available × max_epochs 2 = 2000");
        assertThat(g.get("Java").achievedTokens()).isEqualTo(2000);
        assertThat(g.get("Python").plannedTokens()).isEqualTo(4000);
        assertThat(g.get("Python").achievedTokens()).isEqualTo(4000);
        long tierA = 0;
        long tierB = 0;
        for (Document d : docs) {
            if (d.get(Keys.LANGUAGE).equals("Python")) {
                if (d.get(Keys.QUALITY_TIER).equals("A")) {
                    tierA += plan.copies(d);
                } else {
                    tierB += plan.copies(d);
                }
            }
        }
        // Tier A documents (weight 3) are chosen far more often than tier B ones.
        assertThat(tierA + tierB).isEqualTo(400);
        assertThat(tierA).isGreaterThan(2 * tierB);
        assertThat(plan.unallocatedTokens()).isZero();
    }

    private static MixturePlan plan(MixSpec spec, List<Document> docs) {
        MixTally t = new MixTally(spec, 1234);
        docs.forEach(t::add);
        return MixturePlanner.plan(t);
    }

    private static Map<String, MixturePlan.GroupPlan> byName(MixturePlan p) {
        Map<String, MixturePlan.GroupPlan> m = new java.util.HashMap<>();
        p.groups().forEach(g -> m.put(g.group(), g));
        return m;
    }
}
