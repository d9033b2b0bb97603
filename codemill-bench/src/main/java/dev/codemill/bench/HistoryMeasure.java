package dev.codemill.bench;

import dev.codemill.io.Inputs;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.plan.HistoryOptions;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.critique.Critic;
import dev.codemill.stages.history.CommitFilters;
import dev.codemill.stages.history.CommitPairsStage;
import dev.codemill.stages.history.PairKeys;
import dev.codemill.stages.history.RevisionsStage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures git history ingestion and the history stages on one repository: commits and records
 * per second of the reader alone (a first pass), then one pass through {@code commit_pairs} and
 * {@code revisions}: outcomes per ledger rule, the share of bug-fix tags among kept pairs,
 * revisions per critique principle, and the peak heap of the whole run (sum of the heap pools'
 * peaks; run with a small {@code -Xmx} to show that memory does not grow with the history).
 *
 * <p>Usage: {@code HistoryMeasure REPO [max_files]} (max_files of {@code commit_pairs}, default 1).
 */
public final class HistoryMeasure {
    private HistoryMeasure() {
    }

    /** Counts the outcomes a stage (or the reader) sends. */
    static class Tally implements Emitter {
        final Map<String, Long> rules = new TreeMap<>();
        final Map<String, Long> counters = new TreeMap<>();
        final java.util.function.Consumer<Document> next;
        long bugFix;
        long pairs;

        Tally(java.util.function.Consumer<Document> next) {
            this.next = next;
        }

        @Override
        public void keep(Document doc) {
            rules.merge("keep", 1L, Long::sum);
            if (next != null) {
                next.accept(doc);
            }
        }

        @Override
        public void drop(Document doc, Verdict why) {
            rules.merge("drop:" + why.rule(), 1L, Long::sum);
        }

        @Override
        public void quarantine(Document doc, Verdict why) {
            rules.merge("quarantine:" + why.rule(), 1L, Long::sum);
        }

        @Override
        public void modified(Document changed, List<Verdict> whys) {
            keep(changed);
        }

        @Override
        public void emit(Document derived, List<dev.codemill.model.DocId> from, Verdict why) {
            rules.merge("derive:" + why.rule(), 1L, Long::sum);
            if (Boolean.TRUE.equals(derived.get(PairKeys.BUG_FIX))) {
                bugFix++;
            }
            if (derived.get(PairKeys.NEW_CONTENT) != null) {
                pairs++;
            }
        }

        @Override
        public void consume(Document doc, Verdict why) {
            rules.merge("consume:" + why.rule(), 1L, Long::sum);
        }

        @Override
        public void count(String metric, long delta) {
            counters.merge(metric, delta, Long::sum);
        }
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        long maxFiles = args.length > 1 ? Long.parseLong(args[1]) : 1;
        IngestOptions opts = IngestOptions.DEFAULTS.withHistory(HistoryOptions.DEFAULTS);
        List<Split> splits = Inputs.splits(List.of(repo), opts).stream().filter(s -> s.name().endsWith("(git history)")).toList();

        // pass 1: the reader alone
        Set<String> commits = new HashSet<>();
        Tally read = new Tally(d -> commits.add(d.get(HistoryKeys.COMMIT)));
        long t0 = System.nanoTime();
        for (Split s : splits) {
            s.read(new Tally(null) {
                @Override
                public void keep(Document doc) {
                    read.keep(doc);
                }

                @Override
                public void drop(Document doc, Verdict why) {
                    commits.add(doc.get(HistoryKeys.COMMIT));
                    read.drop(doc, why);
                }

                @Override
                public void quarantine(Document doc, Verdict why) {
                    read.quarantine(doc, why);
                }
            });
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        long records = read.rules.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("repository %s%nreader: %d commits with changes, %d records in %.2f s: %.1f commits/s, %.0f records/s%n",
                repo, commits.size(), records, readSeconds, commits.size() / readSeconds, records / readSeconds);
        System.out.println("reader outcomes: " + read.rules);

        // pass 2: reader + commit_pairs + revisions
        CommitPairsStage pairs = new CommitPairsStage(new CommitFilters(maxFiles, 50_000), 20);
        RevisionsStage revisions = new RevisionsStage(Critic.load().orElseThrow());
        Tally pairTally = new Tally(null);
        Tally revTally = new Tally(null);
        long t1 = System.nanoTime();
        Tally feed = new Tally(d -> {
            pairs.process(d, pairTally);
            revisions.process(d, revTally);
        });
        for (Split s : splits) {
            s.read(feed);
        }
        double allSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("reader + commit_pairs + revisions: %.2f s (%.1f commits/s)%n", allSeconds, commits.size() / allSeconds);
        System.out.println("commit_pairs (max_files " + maxFiles + "): " + pairTally.rules);
        System.out.printf("bug-fix tags: %d of %d pairs (%.1f %%)%n", pairTally.bugFix, pairTally.pairs,
                pairTally.pairs == 0 ? 0.0 : 100.0 * pairTally.bugFix / pairTally.pairs);
        System.out.println("revisions: " + revTally.rules);
        System.out.println("revisions counters: " + revTally.counters);
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap %.0f MiB (max heap %.0f MiB)%n", peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
