package dev.codemill.spark;

import dev.codemill.run.Segment;
import dev.codemill.stage.GroupStage;
import java.util.List;

/**
 * Which group stages share one shuffle: the local runner's rule for one spill round
 * ({@code GroupRound.fusedAfter}): after a group stage with a {@link GroupStage#keyField()}, the
 * following segments whose boundaries are group stages with the same key field (e.g.
 * {@code license} and {@code repo_tests}, both by {@code repo_name}, with {@code basic_filters}
 * between them). Their groups are the same keys, so one {@code groupByKey} serves all of them
 * ({@link Tasks#groups}); this saves shuffling, re-reading and decoding every document once per
 * fused stage, and gives the same groups in the same order, so the output does not change.
 */
final class Fusion {
    private Fusion() {
    }

    /** How many segments after {@code s} have their group stage run in segment {@code s}'s shuffle. */
    static int fusedAfter(List<Segment> segments, int s) {
        GroupStage first = segments.get(s).group();
        if (first == null || first.keyField() == null) {
            return 0;
        }
        int n = 0;
        while (s + n + 1 < segments.size()) {
            GroupStage g = segments.get(s + n + 1).group();
            if (g == null || !first.keyField().equals(g.keyField())) {
                break;
            }
            n++;
        }
        return n;
    }
}
