package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The branches of one local run. While the main chain runs, every document that leaves a
 * branch's feeding point ({@link BranchPlan#fromIndex()}) is also appended, as a copy, to that
 * branch's spill (by id); the main chain goes on with it unchanged. Inputs are read once. After
 * the main chain, {@link #run} runs each branch's stages over its spill with a nested
 * runner ({@link Nested}: the local runner, nested) whose output (data, ledger, manifest, stats, card, examples: the same
 * writers and formats as the main output) is staged as {@code staged/NAME}, published with the
 * main output as {@code OUT/NAME}.
 *
 * <p>Accounting of a branch ({@code docs/architecture.md}): its {@code documents.in} are the
 * copies it was fed; each takes exactly one outcome per branch stage, so a branch obeys the same
 * laws as the main chain ({@code in = kept + dropped + quarantined + consumed}, derived documents
 * apart); a file that a generating stage uses up is {@code consume}d, never "dropped". The
 * counts go to {@code OUT/NAME/stats.json} and to {@code branches.NAME} of the main
 * {@code stats.json}, whose conservation gate checks every branch too.
 */
final class BranchTee {
    private final List<BranchPlan> branches;
    private final List<SpillStore<Document>> spills = new ArrayList<>();

    BranchTee(List<BranchPlan> branches, Path work, int partitions) throws IOException {
        this.branches = List.copyOf(branches);
        for (BranchPlan b : branches) {
            spills.add(new SpillStore<>(work.resolve("branch-" + b.name()), partitions, SpillStore.DOCUMENTS));
        }
    }

    boolean isEmpty() {
        return branches.isEmpty();
    }

    /** {@code next}, after copying each document to the branches fed at main-chain position {@code index} (-1: the end). */
    Consumer<Document> tap(int index, Consumer<Document> next) {
        List<SpillStore<Document>> fed = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).fromIndex() == index) {
                fed.add(spills.get(i));
            }
        }
        if (fed.isEmpty() || next == null) {
            return next;
        }
        return d -> {
            for (SpillStore<Document> s : fed) {
                s.append(d.id().value(), d);
            }
            next.accept(d);
        };
    }

    /** {@link StageChain#build}, with the taps after every stage of {@code stages}. */
    Consumer<Document> build(StageChain chain, List<DocStage> stages, int firstIndex, Consumer<Document> sink) {
        Consumer<Document> next = sink;
        for (int i = stages.size() - 1; i >= 0; i--) {
            next = chain.build(List.of(stages.get(i)), firstIndex + i, tap(firstIndex + i, next));
        }
        return next;
    }

    /**
     * Runs every branch over its spill into {@code staged/NAME} and records its counts in {@code stats}.
     * Branch i is phase {@code firstPhase + i} of {@code checkpoint}: skipped when an earlier
     * attempt finished it (its staged folder and counts were restored), otherwise run from its
     * spill and marked done, its spill then deleted.
     *
     * @return the branch names, in recipe order
     */
    List<String> run(RunPlan main, Nested runner, Path staged, RunStats stats, Checkpoint checkpoint, int firstPhase)
            throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            BranchPlan b = branches.get(i);
            SpillStore<Document> spill = spills.get(i);
            spill.close();
            if (checkpoint.phasesDone() >= firstPhase + i) {
                names.add(b.name());
                continue;
            }
            List<Split> splits = new ArrayList<>();
            for (int p = 0; p < spill.partitions(); p++) {
                splits.add(new SpillSplit(b.name(), spill, p));
            }
            RunPlan plan = new RunPlan(main.recipe(), b.stages(), main.formats(), main.partBytes(), main.spillPartitions());
            RunResult r = runner.run(plan, splits, staged.resolve(b.name()));
            stats.branch(b.name(), b.spec().from(), r.stats());
            checkpoint.phaseDone(firstPhase + i, stats, spill.dir());
            names.add(b.name());
        }
        return names;
    }

    /** Runs one branch's plan over its spill into a folder: the runner that owns the tee, nested (no branches of its own). */
    interface Nested {
        RunResult run(RunPlan plan, List<Split> splits, Path out) throws IOException;
    }

    /** One partition of a branch's spill, read as a split: every copy goes in as a kept document. */
    private record SpillSplit(String branch, SpillStore<Document> spill, int partition) implements Split {
        @Override
        public String name() {
            return "branch " + branch + " part " + partition;
        }

        @Override
        public long sizeBytes() {
            return -1;
        }

        @Override
        public void read(Emitter out) throws IOException {
            for (Document d : spill.read(partition)) {
                out.keep(d);
            }
        }
    }
}
