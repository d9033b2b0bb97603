package dev.codemill.run;

import dev.codemill.model.Document;
import dev.codemill.stage.GroupStage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One spill round of the local runner that runs several group stages (issue 20 §3): the boundary
 * stage of the spilled segment and those of the following segments whose group stages name the
 * same {@link GroupStage#keyField()} (e.g. {@code license} and {@code repo_tests}, both by
 * {@code repo_name}, with {@code basic_filters} between them). Per group of key K: the first stage
 * runs; what it keeps goes through the doc stages of the next segment (with the branch taps, as in
 * separate rounds) into a list, which, sorted by {@link DocOrder#ORDER}, is the next stage's group
 * K; and so on. This gives the same groups, in the same order, as one spill per stage, so the
 * output bytes do not change; it saves writing, reading and regrouping every document once per
 * fused stage.
 */
final class GroupRound {
    private final StageChain chain;
    private final BranchTee tee;
    private final List<Segment> segments;
    private final LongAdder[] reached;
    private final Consumer<Document> after;

    /**
     * @param segments the spilled segment, then the segments whose boundaries run in its round
     * @param reached  per segment after the first: documents that reached its boundary (progress)
     * @param after    where the last boundary's kept documents go (already tapped for branches)
     */
    GroupRound(StageChain chain, BranchTee tee, List<Segment> segments, LongAdder[] reached, Consumer<Document> after) {
        this.chain = chain;
        this.tee = tee;
        this.segments = List.copyOf(segments);
        this.reached = reached;
        this.after = after;
    }

    /** Spill rounds the segments' boundaries take (one per group or cluster stage, fused ones counted once). */
    static int rounds(List<Segment> segments) {
        int rounds = 0;
        for (int s = 0; s < segments.size() - 1; s += 1 + fusedAfter(segments, s)) {
            rounds++;
        }
        return rounds;
    }

    /** How many segments after {@code s} have their group stage run in segment {@code s}'s round ({@link Segment#fusedAfter}). */
    static int fusedAfter(List<Segment> segments, int s) {
        return Segment.fusedAfter(segments, s);
    }

    /** Runs the group of {@code key} ({@code docs} sorted by {@link DocOrder#ORDER}) through every stage of the round. */
    void run(String key, List<Document> docs) {
        run(0, key, docs);
    }

    private void run(int level, String key, List<Document> docs) {
        Segment seg = segments.get(level);
        if (level == segments.size() - 1) {
            chain.runGroup(seg.group(), seg.boundaryIndex(), key, docs, after);
            return;
        }
        Segment next = segments.get(level + 1);
        GroupStage nextStage = next.group();
        LongAdder count = reached[level + 1];
        List<Document> group = new ArrayList<>();
        Consumer<Document> collect = d -> {
            String k = nextStage.key(d);
            if (!k.equals(key)) {
                throw new IllegalStateException("stages '" + seg.group().name() + "' and '" + nextStage.name()
                        + "' share a round (both group by " + nextStage.keyField() + "), but " + d + " left group '" + key
                        + "' with key '" + k + "': a doc stage between them changed the key");
            }
            count.increment();
            group.add(d);
        };
        chain.runGroup(seg.group(), seg.boundaryIndex(), key, docs,
                tee.tap(seg.boundaryIndex(), tee.build(chain, next.docStages(), next.firstIndex(), collect)));
        if (!group.isEmpty()) {
            group.sort(DocOrder.ORDER);
            run(level + 1, key, group);
        }
    }
}
