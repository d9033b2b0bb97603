package dev.codemill.stages.repo;

import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.Tokenizers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the repository samples of one repository: import graph ({@link ImportGraph}), file
 * order ({@link DependencyOrder}), packing into a token budget ({@link SamplePacker}) and the
 * StarCoder2 text format (Lozhkov et al. 2024, "StarCoder 2 and The Stack v2", §5.1):
 * {@code <repo_name>NAME<file_sep>PATH\nCODE<file_sep>PATH\nCODE…} (no trailing separator; the
 * end-of-document token is the tokenizer's business).
 *
 * <p>Tokens are counted by the registry's tokenizer ({@link Tokenizers}; {@code cl100k_base} by
 * default, like the {@code tokens} stage), the sentinels counted as ordinary text, which is an
 * upper bound of their cost as special tokens. A file's cost is the count of its piece
 * {@code <file_sep>PATH\nCODE}; the budget for pieces is {@code context_tokens} minus the
 * header {@code <repo_name>NAME}. Every finished sample is counted again whole; one that the
 * piece sums under-estimated is split by moving its last files to a new sample, so no sample of
 * more than one file exceeds {@code context_tokens}.
 */
public final class RepoSampler {
    /** Default budget: 8192 tokens (the brief's default; StarCoder2 trains at 4 K then 16 K). */
    public static final int DEFAULT_CONTEXT_TOKENS = 8192;
    /** StarCoder2's repository-name sentinel. */
    public static final String DEFAULT_REPO_TOKEN = "<repo_name>";
    /** StarCoder2's file separator. */
    public static final String DEFAULT_FILE_SEP = "<file_sep>";

    /** File orders. */
    public enum Order {
        DEPENDENCY, PATH, RANDOM;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param contextTokens budget per sample in tokens
     * @param order         file order
     * @param graphPacking  pack by import-graph components (true) or cut the order sequentially
     * @param repoToken     repository-name sentinel
     * @param fileSep       file separator sentinel
     * @param encoding      tokenizer name for counting (see {@link Tokenizers})
     * @param seed          seed of the random order (with the repository name)
     */
    public record Options(long contextTokens, Order order, boolean graphPacking, String repoToken, String fileSep,
                          String encoding, long seed) {
        public static Options defaults() {
            return new Options(DEFAULT_CONTEXT_TOKENS, Order.DEPENDENCY, true, DEFAULT_REPO_TOKEN, DEFAULT_FILE_SEP,
                    Tokenizers.DEFAULT, 0L);
        }
    }

    /**
     * One sample.
     *
     * @param index       0-based index in the repository
     * @param files       paths in concatenation order
     * @param text        the sample text
     * @param tokens      tokens of {@code text}
     * @param edges       resolved edges whose importer is in the sample
     * @param edgesBefore of those, the ones whose target is earlier in the same sample
     * @param oversize    one file over the budget
     * @param languages   distinct languages, sorted
     * @param language    {@link #mainLanguage}: the programming language with the most characters (null when none is known)
     * @param fimFiles    files replaced by the per-file transform
     */
    public record Sample(int index, List<String> files, String text, long tokens, long edges, long edgesBefore,
                         boolean oversize, List<String> languages, String language, int fimFiles) {
    }

    private final Options options;
    private final Tokenizer encoding;

    public RepoSampler(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.encoding = Tokenizers.byName(options.encoding());
    }

    public Options options() {
        return options;
    }

    public long count(String text) {
        return encoding.count(text);
    }

    /** The file order for a graph (see {@link Order}). */
    public List<String> order(String repoName, ImportGraph graph) {
        return switch (options.order()) {
            case DEPENDENCY -> DependencyOrder.dependencyOrder(graph.dependencies());
            case PATH -> DependencyOrder.pathOrder(graph.paths());
            case RANDOM -> DependencyOrder.randomOrder(graph.paths(),
                    dev.codemill.model.Seeds.seedFor(options.seed(), dev.codemill.model.Seeds.REPO_ORDER, repoName));
        };
    }

    /**
     * Samples of one repository.
     *
     * @param transform per-file replacement of the code inside samples (e.g. FIM), returning
     *                  null to keep a file's code; applied after packing, costs are of the
     *                  original code
     */
    public List<Sample> build(String repoName, List<SourceFile> files, ImportGraph graph,
                              Function<SourceFile, String> transform) {
        Map<String, SourceFile> byPath = new TreeMap<>();
        for (SourceFile f : files) {
            byPath.put(f.path(), f);
        }
        List<String> order = order(repoName, graph);
        Map<String, Integer> cost = new HashMap<>();
        for (String p : order) {
            cost.put(p, (int) count(piece(p, byPath.get(p).text())));
        }
        String header = options.repoToken() + repoName;
        long budget = Math.max(1, options.contextTokens() - count(header));
        List<List<String>> packed = SamplePacker.pack(order, cost, graph.dependencies(), budget, options.graphPacking());
        List<Sample> out = new ArrayList<>();
        ArrayList<List<String>> queue = new ArrayList<>(packed);
        for (int q = 0; q < queue.size(); q++) {
            List<String> s = queue.get(q);
            StringBuilder sb = new StringBuilder(header);
            int fim = 0;
            for (String p : s) {
                SourceFile f = byPath.get(p);
                String code = transform == null ? null : transform.apply(f);
                if (code != null) {
                    fim++;
                }
                sb.append(piece(p, code == null ? f.text() : code));
            }
            String text = sb.toString();
            long tokens = count(text);
            if (tokens > options.contextTokens() && s.size() > 1 && fim == 0) {
                // piece sums under-estimated the whole: move the last file on
                queue.set(q, new ArrayList<>(s.subList(0, s.size() - 1)));
                queue.add(q + 1, List.of(s.get(s.size() - 1)));
                q--;
                continue;
            }
            out.add(describe(out.size(), s, text, tokens, byPath, graph, s.size() == 1 && tokens > options.contextTokens(), fim));
        }
        return out;
    }

    private String piece(String path, String code) {
        return options.fileSep() + path + "\n" + code;
    }

    private static Sample describe(int index, List<String> files, String text, long tokens, Map<String, SourceFile> byPath,
                                   ImportGraph graph, boolean oversize, int fim) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            pos.put(files.get(i), i);
        }
        long edges = 0;
        long before = 0;
        SortedSet<String> langs = new TreeSet<>();
        Map<String, Long> chars = new TreeMap<>();
        for (String p : files) {
            for (String t : graph.dependencies().getOrDefault(p, new TreeSet<>())) {
                edges++;
                Integer tp = pos.get(t);
                if (tp != null && tp < pos.get(p)) {
                    before++;
                }
            }
            String lang = byPath.get(p).language();
            if (lang != null) {
                langs.add(lang);
                chars.merge(lang, (long) byPath.get(p).text().length(), Long::sum);
            }
        }
        return new Sample(index, List.copyOf(files), text, tokens, edges, before, oversize, List.copyOf(langs),
                mainLanguage(chars), fim);
    }

    /**
     * The sample's language: the programming language (linguist type {@code programming}) with the
     * most characters, so a long LICENSE or README does not make a Java repository "Text"; the
     * language with the most characters when none is a programming language; null when none is known.
     */
    static String mainLanguage(Map<String, Long> charsByLanguage) {
        String top = null;
        long best = -1;
        boolean programming = false;
        for (Map.Entry<String, Long> e : charsByLanguage.entrySet()) {
            boolean p = "programming".equals(dev.codemill.stages.analysis.lang.Languages.table().typeOf(e.getKey()));
            if ((p && !programming) || (p == programming && e.getValue() > best)) {
                best = e.getValue();
                top = e.getKey();
                programming = p;
            }
        }
        return top;
    }
}
