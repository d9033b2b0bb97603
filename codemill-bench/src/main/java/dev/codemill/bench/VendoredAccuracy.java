package dev.codemill.bench;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Params;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.detect.VendorStageFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Precision and recall of the {@code vendor} stage's {@code is_vendor} / {@code is_generated} on a
 * labelled tree ({@code codemill-bench/scripts/vendored_set.py}), and, when given, agreement with
 * GitHub Linguist's {@code vendored?} / {@code generated?} on the same files
 * ({@code codemill-bench/scripts/vendored_linguist.rb}).
 *
 * <pre>VendoredAccuracy TREE [LINGUIST_TSV]</pre>
 * TREE holds one repository per top-level folder and {@code labels.tsv} (repo, path, is_vendor,
 * is_generated as 0/1). LINGUIST_TSV: repo, path, vendored, generated ({@code true}/{@code false}).
 */
public final class VendoredAccuracy {
    private VendoredAccuracy() {
    }

    /** Labels or judgements: repo/path -> {vendor, generated}. */
    private static Map<String, boolean[]> readTsv(Path file, boolean header) throws IOException {
        Map<String, boolean[]> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String l : header ? lines.subList(1, lines.size()) : lines) {
            if (l.isBlank()) {
                continue;
            }
            String[] c = l.split("\t");
            out.put(c[0] + "/" + c[1], new boolean[]{truthy(c[2]), truthy(c[3])});
        }
        return out;
    }

    private static boolean truthy(String s) {
        return s.equals("1") || s.equals("true");
    }

    /** Runs the vendor stage (default parameters) on every repository of the tree. */
    private static Map<String, boolean[]> codemill(Path tree, Map<String, String> evidence) throws IOException {
        GroupStage stage = (GroupStage) new VendorStageFactory().create(new Params("vendor", Map.of(), 0L));
        Map<String, boolean[]> out = new TreeMap<>();
        List<Path> repos;
        try (Stream<Path> s = Files.list(tree)) {
            repos = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path repo : repos) {
            String name = repo.getFileName().toString();
            List<Document> docs = new ArrayList<>();
            try (Stream<Path> s = Files.walk(repo)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    String path = repo.relativize(f).toString().replace('\\', '/');
                    if (path.startsWith(".git/")) {
                        continue;
                    }
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    docs.add(Document.ofText(DocId.of(name + "/" + path), new SourceRef(tree.toString(), name, path), text,
                            Annotations.EMPTY));
                }
            }
            docs.sort(Comparator.comparing(Document::id));
            stage.processGroup(name, docs, new Emitter() {
                @Override
                public void keep(Document d) {
                    String k = name + "/" + d.source().path();
                    out.put(k, new boolean[]{d.get(Keys.IS_VENDOR), d.get(Keys.IS_GENERATED)});
                    evidence.put(k, d.get(Keys.VENDOR_EVIDENCE) + " | " + d.get(Keys.GENERATED_EVIDENCE));
                }

                @Override
                public void drop(Document d, Verdict why) {
                    throw new IllegalStateException("default vendor stage dropped " + d.source().path());
                }

                @Override
                public void quarantine(Document d, Verdict why) {
                    throw new IllegalStateException("quarantined " + d.source().path());
                }

                @Override
                public void modified(Document d, List<Verdict> whys) {
                    throw new IllegalStateException("modified " + d.source().path());
                }
            });
        }
        return out;
    }

    private static void score(String what, Map<String, boolean[]> truth, Map<String, boolean[]> got, int key,
                              Map<String, String> evidence) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, boolean[]> e : truth.entrySet()) {
            boolean[] g = got.get(e.getKey());
            if (g == null) {
                throw new IllegalStateException(what + ": no judgement for " + e.getKey());
            }
            boolean t = e.getValue()[key], p = g[key];
            if (t && p) {
                tp++;
            } else if (!t && p) {
                fp++;
                errors.add("  FP " + e.getKey() + (evidence == null ? "" : "  [" + evidence.get(e.getKey()) + "]"));
            } else if (t) {
                fn++;
                errors.add("  FN " + e.getKey());
            } else {
                tn++;
            }
        }
        System.out.printf(Locale.ROOT, "%s: files %d, positives %d, TP %d FP %d FN %d TN %d, precision %.3f, recall %.3f%n",
                what, truth.size(), tp + fn, tp, fp, fn, tn, tp + fp == 0 ? 1.0 : (double) tp / (tp + fp),
                tp + fn == 0 ? 1.0 : (double) tp / (tp + fn));
        errors.forEach(System.out::println);
    }

    private static void agreement(String what, Map<String, boolean[]> a, Map<String, boolean[]> b, int key) {
        int same = 0;
        List<String> diff = new ArrayList<>();
        for (Map.Entry<String, boolean[]> e : a.entrySet()) {
            boolean[] o = b.get(e.getKey());
            if (o == null) {
                diff.add("  missing in linguist: " + e.getKey());
            } else if (o[key] == e.getValue()[key]) {
                same++;
            } else {
                diff.add("  " + e.getKey() + ": codemill " + e.getValue()[key] + ", linguist " + o[key]);
            }
        }
        System.out.printf(Locale.ROOT, "%s agreement codemill vs linguist: %d/%d (%.3f)%n", what, same, a.size(), (double) same / a.size());
        diff.forEach(System.out::println);
    }

    public static void main(String[] args) throws IOException {
        Path tree = Path.of(args[0]);
        Map<String, boolean[]> truth = readTsv(tree.resolve("labels.tsv"), true);
        Map<String, String> evidence = new TreeMap<>();
        Map<String, boolean[]> got = codemill(tree, evidence);
        score("codemill is_vendor", truth, got, 0, evidence);
        score("codemill is_generated", truth, got, 1, evidence);
        if (args.length > 1) {
            Map<String, boolean[]> linguist = readTsv(Path.of(args[1]), false);
            score("linguist vendored?", truth, linguist, 0, null);
            score("linguist generated?", truth, linguist, 1, null);
            agreement("is_vendor", got, linguist, 0);
            agreement("is_generated", got, linguist, 1);
        }
    }
}
