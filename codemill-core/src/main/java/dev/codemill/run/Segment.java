package dev.codemill.run;

import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive doc stages ended by a group or cluster stage ({@code boundary}, at recipe position
 * {@code boundaryIndex}) or by the end of the recipe ({@code boundary} null, index -1): the unit
 * every runner plans a recipe in (the doc stages run where the documents are; the boundary needs
 * a shuffle).
 *
 * @param docStages     the doc stages, in recipe order
 * @param firstIndex    recipe position of the first of them
 * @param boundary      the group or cluster stage ending the segment, or null for the last segment
 * @param boundaryIndex recipe position of {@code boundary}, or -1
 */
public record Segment(List<DocStage> docStages, int firstIndex, Stage boundary, int boundaryIndex) {
    /**
     * How many segments after {@code s} have their group stage run in segment {@code s}'s spill
     * round or shuffle: the consecutive segments whose boundaries are group stages with the same
     * non-null {@link GroupStage#keyField() key field} (e.g. {@code license} and {@code repo_tests},
     * both by {@code repo_name}, with {@code basic_filters} between them). Their groups are the same
     * keys in the same order, so one grouping serves all of them without changing the output. The
     * local runner ({@code GroupRound}) and the Spark runner both fuse by this rule.
     */
    public static int fusedAfter(List<Segment> segments, int s) {
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

    /** The chain's stages (no aggregate stage) cut into segments; the last one has no boundary. */
    public static List<Segment> of(List<Stage> stages) {
        List<Segment> out = new ArrayList<>();
        List<DocStage> run = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s instanceof DocStage d) {
                run.add(d);
            } else if (s instanceof dev.codemill.stage.AggregateStage<?>) {
                throw new IllegalArgumentException("aggregate stage '" + s.name() + "' is not part of a segment: runners "
                        + "run it over what the chain keeps (RunPlan.chain(), RunPlan.aggregateStages())");
            } else {
                out.add(new Segment(List.copyOf(run), first, s, i));
                run.clear();
                first = i + 1;
            }
        }
        out.add(new Segment(List.copyOf(run), first, null, -1));
        return out;
    }

    /** The boundary as a group stage, or null. */
    public GroupStage group() {
        return boundary instanceof GroupStage g ? g : null;
    }

    /** The boundary as a cluster stage, or null. */
    public ClusterStage cluster() {
        return boundary instanceof ClusterStage c ? c : null;
    }
}
