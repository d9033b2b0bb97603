package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Document;
import dev.codemill.run.Segment;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Stage;
import dev.codemill.stages.dedup.ExactDedupStage;
import dev.codemill.stages.license.LicenseStage;
import dev.codemill.stages.quality.RepoTestsStage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which group stages share one shuffle: the local runner's round rule, on the segments of chains
 * written here (the default recipe's {@code license}, a doc stage, {@code repo_tests}, then
 * {@code exact_dedup}, whose key is a content hash, not a field).
 */
class FusionTest {
    private static final DocStage PASS = new DocStage() {
        @Override
        public String name() {
            return "pass";
        }

        @Override
        public void process(Document doc, Emitter out) {
            out.keep(doc);
        }
    };

    @Test
    void groupStagesByTheSameKeyFieldShareAShuffle() {
        LicenseStage license = new LicenseStage(List.of("permissive"));
        List<Segment> segments = Segment.of(List.<Stage>of(PASS, license, PASS, new RepoTestsStage(), PASS,
                new ExactDedupStage(), PASS));
        assertThat(segments).hasSize(4);
        // license (repo_name) takes repo_tests (repo_name) into its shuffle, not exact_dedup (no key field)
        assertThat(Segment.fusedAfter(segments, 0)).isEqualTo(1);
        assertThat(Segment.fusedAfter(segments, 1)).isZero();
        assertThat(Segment.fusedAfter(segments, 2)).isZero();
        // the last segment has no boundary
        assertThat(Segment.fusedAfter(segments, 3)).isZero();
    }

    @Test
    void aStageWithoutAKeyFieldTakesNoOther() {
        List<Segment> segments = Segment.of(List.<Stage>of(new ExactDedupStage(), new LicenseStage(List.of("permissive")),
                new RepoTestsStage()));
        assertThat(Segment.fusedAfter(segments, 0)).isZero();
        // license, then repo_tests straight after it (no doc stage between): fused
        assertThat(Segment.fusedAfter(segments, 1)).isEqualTo(1);
    }
}
