package dev.codemill.run;

import dev.codemill.metrics.RemovalSamples;
import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.stage.ClusterStage;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Stage;
import dev.codemill.stage.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs documents through consecutive {@link DocStage}s and sends survivors to a sink. Each stage
 * must emit exactly one outcome per document (keep, drop, quarantine, consume or modified); documents
 * a stage {@link Emitter#emit emits} are not outcomes: they get a {@code derive} ledger row, the
 * annotation {@code derived_by} and go on to the next stage like kept ones. A stage that throws
 * before deciding quarantines the document with rule {@code internal_error} and the run goes
 * on; a stage that emits nothing is a bug and stops the run.
 */
final class StageChain {
    /** Where ledger rows go: the spill store in a run, a list in {@code explain}. */
    interface LedgerSink {
        void append(LedgerRow row);
    }

    private final RunStats stats;
    private final LedgerSink ledger;
    private final TextRedactor redactor;
    /** Documents decided by group and cluster stages so far (a progress display's done count). */
    private final java.util.concurrent.atomic.LongAdder decided = new java.util.concurrent.atomic.LongAdder();
    /** Recipe position of the first redact stage seen by {@link #build}: documents removed after it have clean text. */
    private volatile int redactIndex = Integer.MAX_VALUE;

    StageChain(RunStats stats, LedgerSink ledger) {
        this(stats, ledger, TextRedactor.load());
    }

    /** {@code redactor} cleans documents as they enter (ids, repository names, paths) and every ledger row. */
    StageChain(RunStats stats, LedgerSink ledger, TextRedactor redactor) {
        this.stats = stats;
        this.redactor = redactor;
        this.ledger = row -> ledger.append(redact(row));
    }

    /** {@code row} with secrets removed from its texts (the same instance when it holds none). */
    LedgerRow redact(LedgerRow r) {
        String id = redactor.redact(r.id());
        String repo = redactor.redact(r.repoName());
        String path = redactor.redact(r.path());
        String detail = redactor.redact(r.detail());
        String value = redactor.redact(r.value());
        String limit = redactor.redact(r.limit());
        String kept = redactor.redact(r.keptId());
        List<String> sources = r.sources();
        boolean sourcesSame = true;
        if (!sources.isEmpty()) {
            List<String> red = new java.util.ArrayList<>(sources.size());
            for (String src : sources) {
                String x = redactor.redact(src);
                sourcesSame &= x == src;
                red.add(x);
            }
            sources = sourcesSame ? r.sources() : red;
        }
        if (id == r.id() && repo == r.repoName() && path == r.path() && detail == r.detail() && value == r.value()
                && limit == r.limit() && kept == r.keptId() && sourcesSame) {
            return r;
        }
        return new LedgerRow(id, repo, path, r.stageIndex(), r.stage(), r.rule(), r.action(), detail, value, limit, kept,
                sources);
    }

    /**
     * {@code doc} with secrets removed from its id, origin, repository name and path (the same
     * instance when none holds one). A derived id (a hash) never changes; an input-given id that
     * holds a secret does, consistently in data and ledger, since both see only this document.
     */
    Document redact(Document doc) {
        String id = redactor.redact(doc.id().value());
        dev.codemill.model.SourceRef s = doc.source();
        String origin = redactor.redact(s.origin());
        String repo = redactor.redact(s.repoName());
        String path = redactor.redact(s.path());
        dev.codemill.model.Annotations ann = redact(doc.annotations());
        if (id == doc.id().value() && origin == s.origin() && repo == s.repoName() && path == s.path()
                && ann == doc.annotations()) {
            return doc;
        }
        dev.codemill.model.DocId newId = new dev.codemill.model.DocId(id);
        dev.codemill.model.SourceRef src = new dev.codemill.model.SourceRef(origin, repo, path);
        return doc.isDecoded() ? Document.ofText(newId, src, doc.text(), ann) : Document.ofBytes(newId, src, doc.bytes(), ann);
    }

    /** Reader-set text annotations (a dump's {@code license_type}, {@code detected_licenses}, …) redacted; same instance if unchanged. */
    private dev.codemill.model.Annotations redact(dev.codemill.model.Annotations ann) {
        java.util.Map<String, Object> raw = ann.asMap();
        java.util.Map<String, Object> changed = null;
        for (java.util.Map.Entry<String, Object> e : raw.entrySet()) {
            Object v = e.getValue();
            Object r = v;
            if (v instanceof String t) {
                r = redactor.redact(t);
            } else if (v instanceof List<?> l) {
                List<Object> out = new java.util.ArrayList<>(l.size());
                boolean any = false;
                for (Object o : l) {
                    Object x = o instanceof String t ? redactor.redact(t) : o;
                    any |= x != o;
                    out.add(x);
                }
                r = any ? out : v;
            }
            if (r != v) {
                if (changed == null) {
                    changed = new java.util.TreeMap<>(raw);
                }
                changed.put(e.getKey(), r);
            }
        }
        return changed == null ? ann : dev.codemill.model.Annotations.ofRaw(changed);
    }

    /**
     * Notes where {@code stages} (at recipe positions {@code firstIndex…}) put the first redact
     * stage, as {@link #build} does, for stages that other chains run (the local runner reads each
     * split through a chain of its own): removals after it get a snippet.
     */
    void note(List<DocStage> stages, int firstIndex) {
        for (int i = 0; i < stages.size(); i++) {
            if (RemovalSamples.REDACT_STAGE.equals(stages.get(i).name())) {
                redactIndex = Math.min(redactIndex, firstIndex + i);
            }
        }
    }

    /** The consumer that runs {@code stages} (at recipe positions {@code firstIndex…}) then {@code sink}. */
    Consumer<Document> build(List<DocStage> stages, int firstIndex, Consumer<Document> sink) {
        Consumer<Document> next = sink;
        for (int i = stages.size() - 1; i >= 0; i--) {
            DocStage stage = stages.get(i);
            int index = firstIndex + i;
            if (RemovalSamples.REDACT_STAGE.equals(stage.name())) {
                redactIndex = Math.min(redactIndex, index);
            }
            Consumer<Document> downstream = next;
            next = doc -> runOne(stage, index, doc, downstream);
        }
        return next;
    }

    private void runOne(DocStage stage, int index, Document doc, Consumer<Document> downstream) {
        runSingle(stage, index, doc, downstream, out -> stage.process(doc, out));
    }

    /** Runs a cluster stage's decision on one document, with the same guarantees as a doc stage. */
    void runCluster(ClusterStage stage, int index, Document doc, ClusterStage.Cluster cluster,
                    Consumer<Document> downstream) {
        decided.increment();
        if (cluster != null) {
            String unit = stage.unit(doc);
            stats.samples().clusterMember(stage.name(), cluster.keptUnit(), cluster.size(),
                    doc.source().repoName() + "/" + doc.source().path(), unit.equals(cluster.keptUnit()), redactor::redact);
        }
        runSingle(stage, index, doc, downstream, out -> stage.decide(doc, cluster, out));
    }

    private void runSingle(Stage stage, int index, Document doc, Consumer<Document> downstream,
                           Consumer<Emitter> body) {
        Outcomes out = new Outcomes(index, stage.name(), downstream);
        try {
            body.accept(out);
        } catch (RuntimeException e) {
            if (out.count > 0) {
                throw new IllegalStateException("stage " + stage.name() + " failed on " + doc + " after deciding it", e);
            }
            out.quarantine(doc, Verdict.of("internal_error", stage.name() + " failed: " + e));
        }
        if (out.count != 1) {
            throw new IllegalStateException("stage " + stage.name() + " emitted " + out.count
                    + " outcomes for " + doc + " (exactly one is required)");
        }
    }

    /** Runs one group through a group stage; checks that every document got exactly one outcome. */
    void runGroup(GroupStage stage, int index, String key, List<Document> docs, Consumer<Document> downstream) {
        Outcomes out = new Outcomes(index, stage.name(), downstream);
        decided.add(docs.size());
        stage.processGroup(key, docs, out);
        if (out.count != docs.size()) {
            throw new IllegalStateException("stage " + stage.name() + " emitted " + out.count
                    + " outcomes for a group of " + docs.size());
        }
    }

    /**
     * {@code raw} without {@link dev.codemill.model.Keys#DERIVED_BY}: whatever a reader sends is an
     * input of this run (a dump written by an earlier run carries the annotation, and a branch is
     * fed copies of main-chain documents); only documents a stage of this chain emits carry it.
     */
    private static Document asInput(Document raw) {
        return raw.annotations().has(dev.codemill.model.Keys.DERIVED_BY) ? raw.with(dev.codemill.model.Keys.DERIVED_BY, null)
                : raw;
    }

    /** Documents handed to group and cluster stages so far. */
    long decided() {
        return decided.sum();
    }

    /** An emitter for readers: counts documents in, and writes ledger rows for refused entries. */
    Emitter ingest(Progress progress, Consumer<Document> downstream) {
        return new Outcomes(-1, "ingest", downstream) {
            @Override
            public void keep(Document raw) {
                Verdict overlong = MetadataLimits.check(raw); // issue 14 §5: names too long to be real
                if (overlong != null) {
                    quarantine(raw, overlong);
                    return;
                }
                Document doc = redact(asInput(raw));
                stats.documentIn(doc);
                stats.inputOutcome(doc.source().origin(), null);
                progress.read(RunStats.sizeOf(doc));
                super.keep(doc);
            }

            @Override
            public void drop(Document raw, Verdict why) {
                Document doc = MetadataLimits.cut(redact(asInput(raw)));
                stats.documentIn(doc);
                stats.inputOutcome(doc.source().origin(), null);
                progress.read(RunStats.sizeOf(doc));
                super.drop(doc, why);
            }

            @Override
            public void quarantine(Document raw, Verdict why) {
                Document doc = MetadataLimits.cut(redact(asInput(raw)));
                stats.documentIn(doc);
                stats.inputOutcome(doc.source().origin(), why.rule());
                progress.read(RunStats.sizeOf(doc));
                super.quarantine(doc, why);
            }

            @Override
            public void inputSchema(String input, java.util.Map<String, String> fieldTypes) {
                stats.inputSchema(input, fieldTypes);
            }
        };
    }

    private class Outcomes implements Emitter {
        private final int index;
        private final String name;
        private final Consumer<Document> downstream;
        int count;

        Outcomes(int index, String name, Consumer<Document> downstream) {
            this.index = index;
            this.name = name;
            this.downstream = downstream;
        }

        @Override
        public void keep(Document doc) {
            count++;
            downstream.accept(doc);
        }

        @Override
        public void drop(Document doc, Verdict why) {
            count++;
            record(doc, LedgerRow.DROP, why);
        }

        @Override
        public void quarantine(Document doc, Verdict why) {
            count++;
            record(doc, LedgerRow.QUARANTINE, why);
        }

        @Override
        public void modified(Document changed, List<Verdict> whys) {
            if (whys.isEmpty()) {
                throw new IllegalArgumentException("stage " + name + " modified " + changed + " without a verdict");
            }
            // One ledger row per verdict, but the stats count documents: once per distinct rule.
            Set<String> rules = new HashSet<>();
            for (Verdict why : whys) {
                ledger.append(LedgerRow.of(changed, index, name, LedgerRow.MODIFY, why));
                if (rules.add(why.rule())) {
                    stats.decision(name, why.rule(), LedgerRow.MODIFY, changed);
                }
            }
            keep(changed);
        }

        @Override
        public void consume(Document doc, Verdict why) {
            if (index < 0) {
                throw new UnsupportedOperationException("readers do not consume documents (" + doc + ")");
            }
            count++;
            record(doc, LedgerRow.CONSUME, why);
        }

        @Override
        public void emit(Document derived, List<dev.codemill.model.DocId> from, Verdict why) {
            if (from == null || from.isEmpty()) {
                throw new IllegalArgumentException("stage " + name + " emitted " + derived + " without sources");
            }
            if (index < 0) {
                throw new UnsupportedOperationException("readers take no derived documents (" + derived + ")");
            }
            Document marked = derived.with(dev.codemill.model.Keys.DERIVED_BY, name);
            List<String> sources = new java.util.ArrayList<>(from.size());
            for (dev.codemill.model.DocId d : from) {
                sources.add(d.value());
            }
            ledger.append(new LedgerRow(marked.id().value(), marked.source().repoName(), marked.source().path(), index,
                    name, why.rule(), LedgerRow.DERIVE, why.detail(), why.value(), why.limit(), why.keptId(), sources));
            stats.decision(name, why.rule(), LedgerRow.DERIVE, marked);
            downstream.accept(marked);
        }

        @Override
        public void count(String metric, long delta) {
            stats.metric(name, metric, delta);
        }

        private void record(Document doc, String action, Verdict why) {
            ledger.append(LedgerRow.of(doc, index, name, action, why));
            stats.decision(name, why.rule(), action, doc);
            stats.samples().removed(name, action, why.rule(), doc, why.value(), why.limit(), why.detail(),
                    index > redactIndex, redactor::redact);
        }
    }
}
