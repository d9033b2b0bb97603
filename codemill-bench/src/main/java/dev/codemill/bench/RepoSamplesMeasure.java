package dev.codemill.bench;

import dev.codemill.stages.repo.DependencyOrder;
import dev.codemill.stages.repo.ImportGraph;
import dev.codemill.stages.repo.RepoSampler;
import dev.codemill.stages.repo.SamplePacker;
import dev.codemill.stages.repo.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Measures repository samples on a corpus folder (one repository per sub-folder): import-graph
 * resolution, and the share of resolved intra-repository references (edges) whose target
 * appears earlier in the same sample, for dependency order (graph and sequential packing) vs
 * path order vs random order (sequential packing, as StarCoder2), at several budgets and with
 * no budget (whole repository in one sample); then statistics of the default samples
 * (dependency order, graph packing, first budget).
 *
 * <p>Usage: {@code RepoSamplesMeasure CORPUS_DIR [BUDGET ...]} (default budgets 8192 32768).
 * Language by file extension; files that are not valid UTF-8 are skipped.
 */
public final class RepoSamplesMeasure {
    private RepoSamplesMeasure() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args[0]);
        List<Long> budgets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            budgets.add(Long.parseLong(args[i]));
        }
        if (budgets.isEmpty()) {
            budgets = List.of(8192L, 32768L);
        }
        List<Long> withWhole = new ArrayList<>(budgets);
        withWhole.add(Long.MAX_VALUE / 4);
        String[] configs = {"dependency+graph", "dependency+sequential", "path+sequential", "random+sequential"};
        Map<String, long[]> totals = new TreeMap<>();
        long refs = 0;
        long unresolved = 0;
        long edges = 0;
        long files = 0;
        long bytes = 0;
        long graphNanos = 0;
        Map<String, Long> edgeKinds = new TreeMap<>();
        List<Long> sampleTokens = new ArrayList<>();
        List<Integer> sampleFiles = new ArrayList<>();
        Map<String, Integer> sampleLang = new TreeMap<>();
        int oversize = 0;
        RepoSampler sampler = new RepoSampler(new RepoSampler.Options(budgets.get(0), RepoSampler.Order.DEPENDENCY, true,
                RepoSampler.DEFAULT_REPO_TOKEN, RepoSampler.DEFAULT_FILE_SEP, "cl100k_base", 1234L));
        List<Path> repos;
        try (Stream<Path> s = Files.list(corpus)) {
            repos = s.filter(Files::isDirectory).sorted().toList();
        }
        System.out.println("| repository | files | MB | refs | unresolved | edges | graph s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Path repo : repos) {
            String name = repo.getFileName().toString();
            List<SourceFile> sf = read(repo);
            long b = sf.stream().mapToLong(f -> f.text().length()).sum();
            long t0 = System.nanoTime();
            ImportGraph g = ImportGraph.build(sf);
            long dt = System.nanoTime() - t0;
            graphNanos += dt;
            files += sf.size();
            bytes += b;
            refs += g.references();
            unresolved += g.unresolved();
            edges += g.edges().size();
            for (ImportGraph.Edge e : g.edges()) {
                edgeKinds.merge(e.kind(), 1L, Long::sum);
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %d | %d | %d | %.1f |%n", name, sf.size(), b / 1e6,
                    g.references(), g.unresolved(), g.edges().size(), dt / 1e9);
            Map<String, Integer> cost = new HashMap<>();
            for (SourceFile f : sf) {
                cost.put(f.path(), (int) sampler.count(RepoSampler.DEFAULT_FILE_SEP + f.path() + "\n" + f.text()));
            }
            long header = sampler.count(RepoSampler.DEFAULT_REPO_TOKEN + name);
            List<String> dep = DependencyOrder.dependencyOrder(g.dependencies());
            List<String> path = DependencyOrder.pathOrder(g.paths());
            List<String> rnd = DependencyOrder.randomOrder(g.paths(), 1234L ^ name.hashCode());
            for (long budget : withWhole) {
                long room = budget - header;
                record Run(String config, List<List<String>> samples) {
                }
                List<Run> runs = List.of(
                        new Run(configs[0], SamplePacker.pack(dep, cost, g.dependencies(), room, true)),
                        new Run(configs[1], SamplePacker.pack(dep, cost, g.dependencies(), room, false)),
                        new Run(configs[2], SamplePacker.pack(path, cost, g.dependencies(), room, false)),
                        new Run(configs[3], SamplePacker.pack(rnd, cost, g.dependencies(), room, false)));
                for (Run r : runs) {
                    Map<String, Integer> sampleOf = new HashMap<>();
                    Map<String, Integer> pos = new HashMap<>();
                    for (int i = 0; i < r.samples().size(); i++) {
                        List<String> s = r.samples().get(i);
                        for (int k = 0; k < s.size(); k++) {
                            sampleOf.put(s.get(k), i);
                            pos.put(s.get(k), k);
                        }
                    }
                    long[] sat = DependencyOrder.satisfied(g.dependencies(), sampleOf, pos);
                    long[] tot = totals.computeIfAbsent(label(budget) + " " + r.config(), k -> new long[3]);
                    tot[0] += sat[0];
                    tot[1] += sat[1];
                    tot[2] += r.samples().size();
                }
            }
            for (RepoSampler.Sample s : sampler.build(name, sf, g, null)) {
                sampleTokens.add(s.tokens());
                sampleFiles.add(s.files().size());
                sampleLang.merge(s.language() == null ? "(none)" : s.language(), 1, Integer::sum);
                if (s.oversize()) {
                    oversize++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nTotal: %d files, %.1f MB, %d references, %d unresolved (%.1f %%), %d edges, "
                        + "graph build %.1f s (%.2f MB/s)%nEdges by kind: %s%n%n", files, bytes / 1e6, refs, unresolved,
                100.0 * unresolved / Math.max(1, refs), edges, graphNanos / 1e9, bytes / 1e6 / (graphNanos / 1e9), edgeKinds);
        System.out.println("| budget | order + packing | samples | edges with target earlier in same sample |");
        System.out.println("|---|---|---:|---:|");
        for (long budget : withWhole) {
            for (String c : configs) {
                long[] t = totals.get(label(budget) + " " + c);
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f %% (%d / %d) |%n", label(budget), c, t[2],
                        100.0 * t[0] / Math.max(1, t[1]), t[0], t[1]);
            }
        }
        Collections.sort(sampleTokens);
        Collections.sort(sampleFiles);
        System.out.printf(Locale.ROOT, "%nDefault samples (dependency order, graph packing, %d tokens): %d samples, "
                        + "%d oversize (one file over the budget)%n", budgets.get(0), sampleTokens.size(), oversize);
        System.out.printf(Locale.ROOT, "tokens per sample: mean %.0f, p10 %d, median %d, p90 %d, max %d%n",
                sampleTokens.stream().mapToLong(x -> x).average().orElse(0), pct(sampleTokens, 10), pct(sampleTokens, 50),
                pct(sampleTokens, 90), sampleTokens.get(sampleTokens.size() - 1));
        System.out.printf(Locale.ROOT, "files per sample: mean %.1f, median %d, p90 %d, max %d%n",
                sampleFiles.stream().mapToInt(x -> x).average().orElse(0), pct(sampleFiles, 50), pct(sampleFiles, 90),
                sampleFiles.get(sampleFiles.size() - 1));
        System.out.println("samples by dominant language: " + sampleLang);
    }

    private static String label(long budget) {
        return budget >= Long.MAX_VALUE / 8 ? "whole repo" : Long.toString(budget);
    }

    private static <T extends Comparable<T>> T pct(List<T> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) ((long) sorted.size() * p / 100)));
    }

    private static final Map<String, String> EXT = Map.ofEntries(Map.entry("py", "Python"), Map.entry("java", "Java"),
            Map.entry("js", "JavaScript"), Map.entry("cjs", "JavaScript"), Map.entry("mjs", "JavaScript"),
            Map.entry("ts", "TypeScript"), Map.entry("c", "C"), Map.entry("h", "C"), Map.entry("cpp", "C++"),
            Map.entry("go", "Go"), Map.entry("rs", "Rust"), Map.entry("json", "JSON"), Map.entry("md", "Markdown"),
            Map.entry("txt", "Text"));

    static List<SourceFile> read(Path repo) throws IOException {
        List<SourceFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(repo)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(Files.readAllBytes(f))).toString();
                    String rel = repo.relativize(f).toString().replace('\\', '/');
                    int dot = rel.lastIndexOf('.');
                    String lang = dot < 0 ? null : EXT.get(rel.substring(dot + 1).toLowerCase(Locale.ROOT));
                    out.add(new SourceFile(rel, lang, text));
                } catch (CharacterCodingException e) {
                    // skipped: not UTF-8
                }
            }
        }
        return out;
    }
}
