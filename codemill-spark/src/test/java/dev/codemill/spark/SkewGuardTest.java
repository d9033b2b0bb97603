package dev.codemill.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.run.DocOrder;
import dev.codemill.stage.GroupStage;
import dev.codemill.stages.license.LicenseStage;
import dev.codemill.stages.quality.RepoTestsStage;
import dev.codemill.testkit.RecordingEmitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The skew guard's rules with exact values (slice counts, the slice of an id, shuffle keys) and
 * its promise: a giant group run slice by slice, each slice with the group's context documents,
 * gives exactly the unsliced outcomes for {@code license} and {@code repo_tests} (documents
 * written here: one repository with a licence file, a README, a test and six modules, and the
 * documents of the repository-less group {@code ""}).
 */
class SkewGuardTest {
    @Test
    void slicesAreTheCeilingOfTheGroupOverTheSliceSizeUpTo4096() {
        assertThat(SkewGuard.slices(0, 100)).isEqualTo(1);
        assertThat(SkewGuard.slices(100, 100)).isEqualTo(1);
        assertThat(SkewGuard.slices(101, 100)).isEqualTo(2);
        assertThat(SkewGuard.slices(300, 100)).isEqualTo(3);
        // a repository of a million files of 5 kB at the default 128 MiB
        assertThat(SkewGuard.slices(5_000_000_000L, 128L << 20)).isEqualTo(38);
        assertThat(SkewGuard.slices(Long.MAX_VALUE, 1)).isEqualTo(4096);
        assertThatThrownBy(() -> SkewGuard.slices(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSliceOfAnIdIsAFixedMixedHash() {
        // golden values (murmur3's 32-bit finaliser of String.hashCode, computed outside this code)
        assertThat(SkewGuard.sliceOf("a", 7)).isEqualTo(3);
        assertThat(List.of(SkewGuard.sliceOf("file:big/src/m0.py", 3), SkewGuard.sliceOf("file:big/src/m1.py", 3),
                SkewGuard.sliceOf("file:big/src/m2.py", 3), SkewGuard.sliceOf("file:big/src/m3.py", 3)))
                .containsExactly(0, 2, 0, 2);
        assertThat(SkewGuard.sliceOf("file:big/src/m3.py", 7)).isEqualTo(4);
        for (int i = 0; i < 1000; i++) {
            assertThat(SkewGuard.sliceOf("id" + i, 5)).isBetween(0, 4);
        }
    }

    @Test
    void shuffleKeysOfGiantGroupsCarryTheirSlice() {
        Map<String, Integer> giants = Map.of("big", 4, "", 2);
        assertThat(SkewGuard.Key.parse("big\u00003", giants)).isEqualTo(new SkewGuard.Key("big", 3, 4));
        assertThat(SkewGuard.Key.parse("\u00001", giants)).isEqualTo(new SkewGuard.Key("", 1, 2));
        assertThat(SkewGuard.Key.parse("small", giants)).isEqualTo(new SkewGuard.Key("small", -1, 1));
        // a NUL in a key that is not a giant's: the key as it is
        assertThat(SkewGuard.Key.parse("odd\u00001", giants)).isEqualTo(new SkewGuard.Key("odd\u00001", -1, 1));
    }

    @Test
    void routeSendsContextToEverySliceAndOthersToTheirOwn() {
        Document licence = doc("big", "LICENSE", MIT);
        Document module = doc("big", "src/m0.py", "x = 1\n");
        Map<String, Integer> giants = Map.of("big", 3);
        LicenseStage stage = new LicenseStage(List.of("permissive"));
        List<String> keys = new ArrayList<>();
        SkewGuard.route(new Tuple2<>("big", Rec.encode(licence)), giants, stage.sliceContext())
                .forEachRemaining(t -> keys.add(t._1()));
        assertThat(keys).containsExactly("big\u00000", "big\u00001", "big\u00002");
        keys.clear();
        SkewGuard.route(new Tuple2<>("big", Rec.encode(module)), giants, stage.sliceContext())
                .forEachRemaining(t -> keys.add(t._1()));
        assertThat(keys).containsExactly("big\u0000" + SkewGuard.sliceOf(module.id().value(), 3));
        keys.clear();
        SkewGuard.route(new Tuple2<>("small", Rec.encode(doc("small", "a.py", "y = 2\n"))), giants, stage.sliceContext())
                .forEachRemaining(t -> keys.add(t._1()));
        assertThat(keys).containsExactly("small");
        // a repository named "big" NUL "1" is not slice 1 of "big": its key is marked unsliced and reads back whole
        keys.clear();
        SkewGuard.route(new Tuple2<>("big\u00001", Rec.encode(doc("big\u00001", "b.py", "z = 3\n"))), giants,
                stage.sliceContext()).forEachRemaining(t -> keys.add(t._1()));
        assertThat(keys).containsExactly("big\u00001\u0000-");
        assertThat(SkewGuard.Key.parse(keys.get(0), giants)).isEqualTo(new SkewGuard.Key("big\u00001", -1, 1));
    }

    @Test
    void licenceSlicesGiveTheUnslicedOutcomes() {
        List<Document> group = new ArrayList<>(List.of(doc("big", "LICENSE", MIT), doc("big", "README.md", "# big\nA tool.\n"),
                doc("big", "vendor/lib/COPYING", "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n"),
                doc("big", "src/h.py", "# SPDX-License-Identifier: Apache-2.0\nz = 3\n")));
        for (int i = 0; i < 6; i++) {
            group.add(doc("big", "src/m" + i + ".py", "v" + i + " = " + i + "\n"));
        }
        LicenseStage stage = new LicenseStage(List.of("permissive"));
        assertThat(stage.sliceContext().test(group.get(0))).isTrue();
        assertThat(stage.sliceContext().test(group.get(4))).isFalse();
        List<String> whole = outcomes(stage, "big", group, 1);
        assertThat(whole).hasSize(10);
        assertThat(whole).anyMatch(o -> o.contains("src/m0.py keep") && o.contains("MIT"));
        assertThat(whole).anyMatch(o -> o.contains("src/h.py keep") && o.contains("Apache-2.0"));
        for (int n : new int[] {2, 3, 5}) {
            assertThat(outcomes(stage, "big", group, n)).as("%d slices", n).isEqualTo(whole);
        }
    }

    @Test
    void repoTestSlicesGiveTheUnslicedOutcomes() {
        List<Document> group = new ArrayList<>(List.of(
                doc("", "tests/test_parser.py", "from parser import parse\n\ndef test_parse():\n    assert parse('1') == 1\n"),
                doc("", "parser.py", "def parse(s):\n    return int(s)\n")));
        for (int i = 0; i < 6; i++) {
            group.add(doc("", "util" + i + ".py", "def f" + i + "():\n    return " + i + "\n"));
        }
        RepoTestsStage stage = new RepoTestsStage();
        List<String> whole = outcomes(stage, "", group, 1);
        assertThat(whole).anyMatch(o -> o.contains("parser.py keep") && o.contains("tests/test_parser.py"));
        for (int n : new int[] {2, 4}) {
            assertThat(outcomes(stage, "", group, n)).as("%d slices", n).isEqualTo(whole);
        }
    }

    @Test
    void aSlicedStageThatEmitsOrCountsIsRefused() {
        GroupStage counting = new GroupStage() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public String key(Document doc) {
                return doc.source().repoName();
            }

            @Override
            public void processGroup(String key, List<Document> docs, dev.codemill.stage.Emitter out) {
                out.count("seen", docs.size());
                docs.forEach(out::keep);
            }
        };
        assertThatThrownBy(() -> new SkewGuard.SliceStage(counting, List.of())
                .processGroup("r", List.of(doc("r", "a.py", "a = 1\n")), RecordingEmitter.create()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("counted seen");
    }

    /**
     * Outcomes of {@code group} cut into {@code n} slices the runner's way (own documents by
     * {@link SkewGuard#sliceOf}, context documents of the other slices added), one line per
     * outcome (path, action, annotations, verdict), sorted by path.
     */
    private static List<String> outcomes(GroupStage stage, String key, List<Document> group, int n) {
        List<String> out = new ArrayList<>();
        for (int slice = 0; slice < n; slice++) {
            List<Document> own = new ArrayList<>();
            List<Document> context = new ArrayList<>();
            for (Document d : group) {
                if (n == 1 || SkewGuard.sliceOf(d.id().value(), n) == slice) {
                    own.add(d);
                } else if (stage.sliceContext().test(d)) {
                    context.add(d);
                }
            }
            own.sort(DocOrder.ORDER);
            RecordingEmitter rec = RecordingEmitter.create();
            GroupStage run = n == 1 ? stage : new SkewGuard.SliceStage(stage, context);
            run.processGroup(key, own, rec);
            assertThat(rec.decisions()).as("one outcome per own document").hasSize(own.size());
            rec.outcomes().forEach(o -> out.add(o.doc().source().path() + " " + o.action() + " " + o.doc().annotations()
                    + " " + o.verdict()));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static Document doc(String repo, String path, String text) {
        return Document.ofText(DocId.of("file:" + repo + "/" + path), new SourceRef("in", repo, path), text, Annotations.EMPTY);
    }

    private static final String MIT = dev.codemill.testkit.LicenseTexts.mit("Big Tool authors");
}
