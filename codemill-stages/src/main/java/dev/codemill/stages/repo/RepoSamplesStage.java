package dev.codemill.stages.repo;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.fim.FimTransform;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Repository-level samples: groups documents by {@code repo_name} and turns each repository's
 * files into its samples ({@link RepoSampler}: import graph, dependency order, packing into
 * {@code context_tokens}, StarCoder2 format). Meant for a branch ({@code --repo-samples} adds
 * {@code {name: repo_samples, stages: [{type: repo_samples}]}}), whose {@code data/} then holds
 * the samples, one per row (column {@code content}).
 *
 * <p>Outcomes: each sample is {@link Emitter#emit emitted} as a new document with id
 * {@link #sampleId}, ledger action {@code derive}, rule {@value #RULE}, value = number of files,
 * limit = {@code context_tokens}, sources = the ids of its files in sample order; every file
 * packed into a sample is {@link Emitter#consume consumed} with rule {@value #PACKED}, value = the
 * sample's id (never "dropped" or "modified": nothing removed it, it went into the sample). A
 * document without text (never decoded) is dropped with rule {@value #NOT_DECODED}; a decoded file
 * that no sample holds (the packer always places every file, so none is expected) is dropped with
 * rule {@value #NOT_PACKED}. Documents with an empty {@code repo_name} are each their own
 * repository (key {@code doc:ID}).
 *
 * <p>Per-file FIM inside samples ({@code fim_rate} &gt; 0): each file's code is replaced by a
 * {@link FimTransform} sample drawn from {@code rngFor(seed, file id)} (random or syntax spans),
 * so the same recipe gives the same samples on any runner.
 *
 * <p>Annotations of a sample: {@link Keys#NUM_TOKENS}, {@link Keys#LANGUAGE} (the programming language with the most characters),
 * {@link RepoKeys#FILES}, {@link RepoKeys#LANGUAGES}, {@link RepoKeys#ORDER},
 * {@link RepoKeys#SAMPLE_INDEX}, {@link RepoKeys#SAMPLE_COUNT}, {@link RepoKeys#EDGES},
 * {@link RepoKeys#EDGES_BEFORE}, {@link RepoKeys#OVERSIZE} (only when true),
 * {@link RepoKeys#FIM_FILES} (only with FIM), plus the first file's licence and star/fork
 * annotations (repository-level values). Metrics: {@code repositories}, {@code samples},
 * {@code files}, {@code references}, {@code unresolved}, {@code edges}, {@code edges_before}.
 */
public final class RepoSamplesStage implements GroupStage {
    public static final String NAME = "repo_samples";
    public static final String RULE = "repo_sample";
    public static final String PACKED = "packed";
    public static final String NOT_DECODED = "not_decoded";
    public static final String NOT_PACKED = "not_packed";

    private final RepoSampler sampler;
    private final FimTransform fim;
    private final FimTransform.Spans spans;
    private final long seed;

    /**
     * @param sampler sample builder
     * @param fim     per-file FIM inside samples, or null for none
     * @param spans   FIM span choice
     * @param seed    recipe seed (FIM draws)
     */
    public RepoSamplesStage(RepoSampler sampler, FimTransform fim, FimTransform.Spans spans, long seed) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.fim = fim;
        this.spans = spans;
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    public RepoSampler sampler() {
        return sampler;
    }

    @Override
    public String key(Document doc) {
        String repo = doc.source().repoName();
        return repo.isEmpty() ? "doc:" + doc.id().value() : repo;
    }

    /** Id of sample {@code index} of a repository: {@link DocId#of} of {@code repo_samples/REPO/INDEX}. */
    public static DocId sampleId(String repo, int index) {
        return DocId.of("repo_samples/" + repo + "/" + index);
    }

    @Override
    public void processGroup(String key, List<Document> docs, Emitter out) {
        String repo = key;
        RepoFiles repoFiles = RepoFiles.of(docs, out, NOT_DECODED, "repository samples need decoded text");
        List<SourceFile> files = repoFiles.files();
        Map<String, Document> byPath = repoFiles.docOf();
        if (files.isEmpty()) {
            return;
        }
        ImportGraph graph = ImportGraph.build(files);
        Function<SourceFile, String> transform = null;
        if (fim != null) {
            transform = f -> {
                FimTransform.Sample s = fim.apply(f.text(), f.language(), spans,
                        FimTransform.rngFor(seed, byPath.get(f.path()).id()));
                return s == null ? null : s.text();
            };
        }
        List<RepoSampler.Sample> samples = sampler.build(repo, files, graph, transform);
        long edges = 0;
        long before = 0;
        Map<String, Document> unpacked = new java.util.TreeMap<>(byPath);
        for (RepoSampler.Sample s : samples) {
            DocId id = sampleId(repo, s.index());
            Document first = byPath.get(s.files().get(0));
            Annotations a = Annotations.EMPTY
                    .with(Keys.NUM_TOKENS, s.tokens())
                    .with(Keys.LANGUAGE, s.language())
                    .with(RepoKeys.FILES, s.files())
                    .with(RepoKeys.LANGUAGES, s.languages())
                    .with(RepoKeys.ORDER, sampler.options().order().label())
                    .with(RepoKeys.SAMPLE_INDEX, (long) s.index())
                    .with(RepoKeys.SAMPLE_COUNT, (long) samples.size())
                    .with(RepoKeys.EDGES, s.edges())
                    .with(RepoKeys.EDGES_BEFORE, s.edgesBefore())
                    .with(RepoKeys.OVERSIZE, s.oversize() ? Boolean.TRUE : null)
                    .with(RepoKeys.FIM_FILES, fim == null ? null : (long) s.fimFiles())
                    .with(Keys.LICENSE_TYPE, first.get(Keys.LICENSE_TYPE))
                    .with(Keys.DETECTED_LICENSES, first.get(Keys.DETECTED_LICENSES))
                    .with(Keys.STARS, first.get(Keys.STARS))
                    .with(Keys.FORKS, first.get(Keys.FORKS));
            Document sample = Document.ofText(id, new SourceRef(first.source().origin(), first.source().repoName(),
                    "repo_samples/" + s.index()), s.text(), a);
            edges += s.edges();
            before += s.edgesBefore();
            List<DocId> from = new java.util.ArrayList<>();
            for (String f : s.files()) {
                from.add(byPath.get(f).id());
            }
            out.emit(sample, from, new Verdict(RULE, s.files().size() + " files, " + s.tokens() + " tokens, order "
                    + sampler.options().order().label() + ", first file " + s.files().get(0),
                    Integer.toString(s.files().size()), Long.toString(sampler.options().contextTokens()), ""));
            for (String f : s.files()) {
                Document file = unpacked.remove(f);
                if (file == null) {
                    throw new IllegalStateException("file " + f + " packed twice in repository " + repo);
                }
                out.consume(file, new Verdict(PACKED,
                        "packed into repository sample " + s.index() + " of " + samples.size(), id.value(), "", ""));
            }
        }
        for (Map.Entry<String, Document> left : unpacked.entrySet()) {
            out.drop(left.getValue(), Verdict.of(NOT_PACKED, "the packer placed this file in no sample"));
        }
        out.count("repositories", 1);
        out.count("samples", samples.size());
        out.count("files", files.size());
        out.count("references", graph.references());
        out.count("unresolved", graph.unresolved());
        out.count("edges", edges);
        out.count("edges_before", before);
    }
}
