package dev.codemill.stages.dedup.near;

import dev.codemill.testkit.LinesFormat;
import dev.codemill.testkit.MemorySplit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.run.LedgerRow;
import dev.codemill.run.LocalRunner;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.Progress;
import dev.codemill.run.RunResult;
import dev.codemill.run.ShardWriter;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code near_dedup} stage run end to end by the local runner on documents written here:
 * licence headers left out of shingling (issue 12 §8), and survivors of a chain cluster pairwise
 * below the threshold, whatever the input order and thread count.
 */
class NearDedupRunTest {
    /** A GPL-with-Classpath-exception style header, as at the top of every JDK source file (≈ 190 tokens). */
    static final String GPL_HEADER = """
            /*
             * Copyright (c) 2003, 2024, Example Corp. and/or its affiliates. All rights reserved.
             * DO NOT ALTER OR REMOVE COPYRIGHT NOTICES OR THIS FILE HEADER.
             *
             * This code is free software; you can redistribute it and/or modify it
             * under the terms of the GNU General Public License version 2 only, as
             * published by the Free Software Foundation.  Example Corp designates this
             * particular file as subject to the "Classpath" exception as provided
             * by Example Corp in the LICENSE file that accompanied this code.
             *
             * This code is distributed in the hope that it will be useful, but WITHOUT
             * ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or
             * FITNESS FOR A PARTICULAR PURPOSE.  See the GNU General Public License
             * version 2 for more details (a copy is included in the LICENSE file that
             * accompanied this code).
             *
             * You should have received a copy of the GNU General Public License version
             * 2 along with this work; if not, write to the Free Software Foundation,
             * Inc., 51 Franklin St, Fifth Floor, Boston, MA 02110-1301 USA.
             *
             * Please contact Example Corp, 500 Example Parkway, Springfield, CA 94065 USA
             * or visit www.example.com if you need additional information or have any
             * questions.
             */
            """;

    private static final String[] NAMES = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"};

    /** A small class unique to {@code name}: 22 tokens, none shared with the other classes but {@code package}/{@code class}. */
    static String smallClass(String name, int i) {
        return "package org.example.p" + i + ";\n\nfinal class " + name + " {\n    static int " + name.toLowerCase()
                + "Count" + i + "(int v" + i + ") { return v" + i + " * " + (31 + i) + " + " + (7 * i + 3) + "; }\n}\n";
    }

    private static Document doc(String path, String text, long stars) {
        Annotations a = stars > 0 ? Annotations.EMPTY.with(Keys.STARS, stars) : Annotations.EMPTY;
        return Document.ofText(DocId.of(path), new SourceRef("", "repo", path), text, a);
    }

    private static Stage stage(Map<String, Object> params) {
        return new NearDedupStageFactory().create(new Params(NearDedupStage.NAME, params, 1234));
    }

    @Test
    void filesSharingOnlyALicenceHeaderAreNotClusteredWithTheOption(@TempDir Path tmp) throws IOException {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            docs.add(doc("src/" + NAMES[i] + ".java", GPL_HEADER + smallClass(NAMES[i], i), 0));
        }
        Out with = run(stage(Map.of()), docs, tmp.resolve("with"), 2);
        assertThat(with.kept()).hasSize(6);
        assertThat(with.ledger()).isEmpty();
        assertThat(with.stats()).contains("\"near_dedup\":{\"clusters\":0,");

        Out without = run(stage(Map.of("exclude_boilerplate", false)), docs, tmp.resolve("without"), 2);
        // the header dominates: every pair is ≥ 0.7 similar, so one cluster of 6 keeps the smallest id
        String keptId = docs.stream().map(d -> d.id().value()).sorted().findFirst().orElseThrow();
        assertThat(without.kept()).hasSize(1);
        assertThat(without.kept().get(0)).startsWith(keptId + "\t");
        assertThat(without.ledger()).hasSize(5).allSatisfy(r -> {
            assertThat(r.rule()).isEqualTo("near_duplicate");
            assertThat(r.keptId()).isEqualTo(keptId);
            assertThat(r.detail()).startsWith("cluster " + keptId + " of 6 documents");
        });
    }

    @Test
    void licenceHeaderIsLeftOutOfShinglingAndAHeaderOnlyFileIsShort() {
        NearDedupStage s = (NearDedupStage) stage(Map.of());
        Document d = doc("src/Alpha.java", GPL_HEADER + smallClass("Alpha", 0), 0);
        assertThat(s.shinglingText(d)).isEqualTo("\n" + smallClass("Alpha", 0));
        // nothing but boilerplate and a package line (3 tokens): no signature, exact dedup only (case C01)
        Document onlyHeader = doc("src/package-info.java", GPL_HEADER + "package org.example;\n", 0);
        assertThat(s.membership(onlyHeader)).isNull();
        assertThat(((NearDedupStage) stage(Map.of("exclude_boilerplate", false))).membership(onlyHeader)).isNotNull();
        // a Python file: shebang kept, hash-comment licence left out, the module docstring without licence wording kept
        String py = "#!/usr/bin/env python3\n# SPDX-License-Identifier: MIT\n# Copyright 2024 Example\n\n"
                + "\"\"\"Tools for widgets.\"\"\"\nimport os\n";
        assertThat(s.shinglingText(doc("tools/w.py", py, 0)))
                .isEqualTo("#!/usr/bin/env python3\n\n\n\"\"\"Tools for widgets.\"\"\"\nimport os\n");
        // declared boilerplate: every match of a recipe pattern is left out too
        NearDedupStage declared = (NearDedupStage) stage(Map.of("boilerplate_patterns", List.of("(?m)^// <auto-generated/>$")));
        assertThat(declared.shinglingText(doc("a/B.cs", "// <auto-generated/>\nclass B {}\n", 0))).isEqualTo("\n\nclass B {}\n");
    }

    /** Tokens {@code from..from+99}: shifted windows of one token stream, 5-gram Jaccard 0.778 at shift 12, 0.6 at 24. */
    static String window(int from) {
        return IntStream.range(from, from + 100).mapToObj(i -> "tok" + i).collect(Collectors.joining(" ")) + "\n";
    }

    /** A~B~C~D, each next one shifted by 12 tokens: neighbours 0.778, two apart 0.6, three apart 0.455. */
    static List<Document> chain() {
        return List.of(doc("a.txt", window(0), 4), doc("b.txt", window(12), 3), doc("c.txt", window(24), 2),
                doc("d.txt", window(36), 1));
    }

    /** Bands of 2 rows link every pair above J ≈ 0.4, so the whole chain is one cluster; verification at 0.7. */
    private static Map<String, Object> chainParams(int survivorComparisons) {
        return Map.of("bands", 64, "rows", 2, "survivor_comparisons", survivorComparisons);
    }

    @Test
    void chainSurvivorsArePairwiseBelowTheThreshold(@TempDir Path tmp) throws IOException {
        Shingler sh = Shingler.words(5);
        long[][] sets = chain().stream().map(d -> sh.shingleSet(Normaliser.normalise(d.text()))).toArray(long[][]::new);
        assertThat(Jaccard.exact(sets[0], sets[1])).isEqualTo(84.0 / 108);
        assertThat(Jaccard.exact(sets[2], sets[3])).isEqualTo(84.0 / 108);
        assertThat(Jaccard.exact(sets[0], sets[2])).isEqualTo(72.0 / 120);
        assertThat(Jaccard.exact(sets[0], sets[3])).isEqualTo(60.0 / 132);

        // compared with the kept copy only (the rule before): C and D both survive although they are 0.778 similar
        Out before = run(stage(chainParams(0)), chain(), tmp.resolve("before"), 1);
        assertThat(paths(before)).containsExactly("a.txt", "c.txt", "d.txt");

        Out after = run(stage(chainParams(1000)), chain(), tmp.resolve("after"), 1);
        assertThat(paths(after)).containsExactly("a.txt", "c.txt");
        Map<String, LedgerRow> rows = new HashMap<>();
        after.ledger().forEach(r -> rows.put(r.path(), r));
        assertThat(rows).containsOnlyKeys("b.txt", "d.txt");
        String a = DocId.of("a.txt").value();
        assertThat(rows.get("b.txt").keptId()).isEqualTo(a);
        assertThat(rows.get("b.txt").value()).isEqualTo("0.7778");
        assertThat(rows.get("d.txt").keptId()).isEqualTo(DocId.of("c.txt").value());
        assertThat(rows.get("d.txt").value()).isEqualTo("0.7778");
        assertThat(rows.get("d.txt").detail()).startsWith("cluster " + a + " of 4 documents; ")
                .contains("exact 0.7778 to repo/c.txt (kept, a survivor below the threshold to the cluster's first)");
        assertThat(after.stats()).contains("\"dropped_against_survivor\":1");
    }

    @Test
    void sameSurvivorsWhateverInputOrderAndThreads(@TempDir Path tmp) throws IOException {
        List<Document> docs = new ArrayList<>();
        for (int f = 0; f < 5; f++) {   // five chains of 6 documents, no stars: kept by the smallest id
            for (int j = 0; j < 6; j++) {
                docs.add(doc("f" + f + "/w" + j + ".txt", window(1000 * f + 12 * j), 0));
            }
        }
        for (int i = 0; i < NAMES.length; i++) {
            docs.add(doc("src/" + NAMES[i] + ".java", GPL_HEADER + smallClass(NAMES[i], i), 0));
        }
        Out forward = run(stage(chainParams(1000)), docs, tmp.resolve("forward"), 1);
        List<Document> reversed = new ArrayList<>(docs);
        Collections.reverse(reversed);
        Out backward = run(stage(chainParams(1000)), reversed, tmp.resolve("backward"), 3);
        List<Document> shuffled = new ArrayList<>(docs);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Out mixed = run(stage(chainParams(1000)), shuffled, tmp.resolve("mixed"), 2);
        assertThat(forward.ledger()).isNotEmpty();
        assertThat(backward.kept()).isEqualTo(forward.kept());
        assertThat(mixed.kept()).isEqualTo(forward.kept());
        assertThat(backward.ledgerLines()).isEqualTo(forward.ledgerLines());
        assertThat(mixed.ledgerLines()).isEqualTo(forward.ledgerLines());
        // survivors of each chain are pairwise below 0.7
        Shingler sh = Shingler.words(5);
        Map<String, long[]> sets = new HashMap<>();
        for (Document d : docs) {
            sets.put(d.source().path(), sh.shingleSet(Normaliser.normalise(d.text())));
        }
        List<String> kept = paths(forward);
        for (String x : kept) {
            for (String y : kept) {
                if (x.compareTo(y) < 0 && x.endsWith(".txt") && y.endsWith(".txt")) {
                    assertThat(Jaccard.exact(sets.get(x), sets.get(y))).as(x + " vs " + y).isLessThan(0.7);
                }
            }
        }
    }

    private static List<String> paths(Out out) {
        return out.kept().stream().map(l -> l.split("\t")[1]).sorted().toList();
    }

    /** Kept documents ({@code id \t path}), ledger rows and stats.json of one run. */
    record Out(List<String> kept, List<LedgerRow> ledger, List<String> ledgerLines, String stats) {
    }

    private static Out run(Stage stage, List<Document> docs, Path dir, int threads) throws IOException {
        Split split = MemorySplit.of(docs);
        LinesFormat format = LinesFormat.idAndPath();
        RunResult r = new LocalRunner(List.of(stage), List.of(format), threads, 1 << 20, 4, new Progress())
                .run(List.of(split), dir);
        assertThat(r.stats().conservationHolds()).isTrue();
        List<String> kept = new ArrayList<>(lines(dir.resolve("data")));
        Collections.sort(kept);
        List<String> ledgerLines = lines(dir.resolve("ledger"));
        return new Out(kept, new ArrayList<>(format.rows), ledgerLines,
                Files.readString(dir.resolve("stats.json")).replaceAll("\\s+", ""));
    }

    private static List<String> lines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                out.addAll(Files.readAllLines(p));
            }
        }
        return out;
    }
}
