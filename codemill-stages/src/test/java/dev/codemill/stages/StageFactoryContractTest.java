package dev.codemill.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.StageRegistry;
import dev.codemill.plan.StageSpec;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import dev.codemill.testkit.RecordingEmitter;
import dev.codemill.testkit.RecordingEmitter.Outcome;
import dev.codemill.testkit.StageDriver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered {@link StageFactory} (found through {@link java.util.ServiceLoader},
 * as a run finds them) keeps, checked for each with its default parameters (or the minimal set in
 * {@link #MINIMAL_PARAMS} where one is required), in the manner of Lucene's {@code TestFactories}
 * for analysis factories. A new factory is covered without a change here:
 * <ul>
 *   <li>a non-empty {@link StageFactory#description()} and a stage named as the factory;</li>
 *   <li>an unknown key is a {@link RecipeException} naming it by its path ({@code stages[1].KEY});</li>
 *   <li>exactly one decision (keep, drop, quarantine, modify) per document given, about that document;</li>
 *   <li>determinism: the same documents give identical outcomes and counters on a second run, on a
 *       second stage built from the same parameters, in reverse order, and on two threads at once;</li>
 *   <li>for an {@link Explainable} per-document stage, {@code explain} agrees with {@code process}: a
 *       drop or quarantine with rule R has a failed check R, a keep has no failed check;</li>
 *   <li>an empty document, 5 MB on one line and 200,000 short lines each get one decision, no exception.</li>
 * </ul>
 */
class StageFactoryContractTest {
    /** Parameters of factories that need some to be built; none today: every stage has usable defaults. */
    static final Map<String, Map<String, Object>> MINIMAL_PARAMS = Map.of();

    private static final StageRegistry REGISTRY = StageRegistry.load();

    /** Decoded documents with a language, as the stages after {@code decode} and {@code language} meet them. */
    private static List<Document> docs;

    static Stream<String> factories() {
        return REGISTRY.factories().keySet().stream();
    }

    static Stage build(String type) {
        return REGISTRY.build("stages[1]", new StageSpec(type, MINIMAL_PARAMS.getOrDefault(type, Map.of())), 42);
    }

    static Document raw(String repo, String path, byte[] bytes) {
        return Document.ofBytes(DocId.of(repo + "/" + path), new SourceRef("contract", repo, path), bytes, Annotations.EMPTY);
    }

    static Document raw(String repo, String path, String text) {
        return raw(repo, path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw inputs: a small repository of the kinds of files the stages decide about. */
    static List<Document> rawInputs() {
        String py = "import os\n\n\ndef area(w, h):\n    \"\"\"Area of a w x h rectangle.\"\"\"\n    return w * h\n\n\n"
                + "def main():\n    print(area(3, 4), os.getcwd())\n\n\nif __name__ == '__main__':\n    main()\n";
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("r1/src/geometry.py", py);
        files.put("r2/src/geometry.py", py); // an exact duplicate in another repository
        files.put("r2/src/geometry2.py", py.replace("area", "surface") + "\n# copied\n"); // a near duplicate
        files.put("r1/tests/test_geometry.py", "from src.geometry import area\n\n\ndef test_area():\n"
                + "    assert area(2, 3) == 6\n");
        files.put("r1/src/Main.java", "package demo;\n\n/** Entry point. */\npublic final class Main {\n"
                + "    public static void main(String[] args) {\n        System.out.println(\"hi \" + args.length);\n"
                + "    }\n}\n");
        files.put("r1/LICENSE", "MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, "
                + "to any person obtaining a copy of this software and associated documentation files (the \"Software\"), "
                + "to deal in the Software without restriction.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY "
                + "OF ANY KIND.\n");
        files.put("r1/README.md", "# Geometry\n\nSmall helpers for areas. Contact: jane.doe@example.com\n");
        files.put("r1/web/app.min.js", "var a=1;".repeat(3000) + "\n");
        files.put("r1/node_modules/left-pad/index.js", "module.exports = function (s, n) { return s.padStart(n); };\n");
        files.put("r1/nb/demo.ipynb", "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"x = 1\\n\", \"print(x)\"], "
                + "\"metadata\": {}, \"outputs\": [], \"execution_count\": 1}], \"metadata\": {\"kernelspec\": "
                + "{\"language\": \"python\", \"name\": \"python3\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
        files.put("r1/config/settings.py", "AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'\npassword = \"s3cr3t-Pa55w0rd-x9\"\n");
        files.put("r1/empty.py", "");
        files.put("r1/data.bin", new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 42});
        files.put("r1/latin1.txt", new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});
        List<Document> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : files.entrySet()) {
            String repo = e.getKey().substring(0, e.getKey().indexOf('/'));
            String path = e.getKey().substring(repo.length() + 1);
            out.add(e.getValue() instanceof byte[] b ? raw(repo, path, b) : raw(repo, path, (String) e.getValue()));
        }
        return out;
    }

    /** {@code docs} through the registered {@code decode} and {@code language} stages: what they keep. */
    static List<Document> decoded(List<Document> raws) {
        List<Document> current = raws;
        for (String type : List.of("decode", "language")) {
            current = StageDriver.run(build(type), current).kept();
        }
        return current;
    }

    @BeforeAll
    static void prepare() {
        docs = decoded(rawInputs());
        assertThat(docs).as("the contract's documents after decode and language").hasSizeGreaterThan(10);
    }

    /** What a stage under contract is given: decoded documents and one raw, undecoded one. */
    static List<Document> inputs() {
        List<Document> in = new ArrayList<>(docs);
        in.add(raw("r3", "raw/undecoded.py", "x = 1\n"));
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void describesItselfAndBuildsWithDefaultParameters(String type) {
        StageFactory f = REGISTRY.factories().get(type);
        assertThat(f.name()).isEqualTo(type);
        assertThat(f.description()).as("description of %s", type).isNotBlank();
        assertThat(build(type).name()).as("the stage's name (ledger rows)").isEqualTo(type);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void rejectsAnUnknownKeyByItsPath(String type) {
        Map<String, Object> params = new LinkedHashMap<>(MINIMAL_PARAMS.getOrDefault(type, Map.of()));
        params.put("no_such_contract_key", 1);
        assertThatThrownBy(() -> REGISTRY.build("stages[1]", new StageSpec(type, params), 42))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("no_such_contract_key")
                .satisfies(e -> assertThat(((RecipeException) e).keyPath()).isEqualTo("stages[1].no_such_contract_key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void decidesExactlyOnceAboutEachDocument(String type) {
        List<Document> in = inputs();
        assertOneDecisionEach(type, in, StageDriver.run(build(type), in));
    }

    static void assertOneDecisionEach(String type, List<Document> in, RecordingEmitter out) {
        List<Outcome> decisions = out.decisions();
        assertThat(decisions).as("%s: decisions for %d documents: %s", type, in.size(), decisions).hasSize(in.size());
        List<String> ids = new ArrayList<>(in.stream().map(d -> d.id().value()).toList());
        for (Outcome o : decisions) {
            if (!o.action().equals("modify")) {
                assertThat(ids).as("%s: a %s is about a document it was given", type, o.action()).contains(o.doc().id().value());
                ids.remove(o.doc().id().value());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void isDeterministicAcrossRunsInstancesAndOrder(String type) {
        List<Document> in = inputs();
        Stage stage = build(type);
        RecordingEmitter first = StageDriver.run(stage, in);
        RecordingEmitter again = StageDriver.run(stage, in);
        RecordingEmitter fresh = StageDriver.run(build(type), in);
        List<Document> reversed = new ArrayList<>(in);
        Collections.reverse(reversed);
        RecordingEmitter backwards = StageDriver.run(build(type), reversed);
        assertThat(again.outcomes()).as("%s: the same stage, a second time", type).isEqualTo(first.outcomes());
        // CPU-time counters (jvm_cpu_ms, sandbox_cpu_ms) measure, they cannot repeat; every other counter must
        assertThat(untimed(again.counts())).as("%s: counters, a second time", type).isEqualTo(untimed(first.counts()));
        assertThat(fresh.outcomes()).as("%s: a second stage from the same parameters", type).isEqualTo(first.outcomes());
        assertThat(sorted(backwards.outcomes())).as("%s: the documents in reverse order", type)
                .isEqualTo(sorted(first.outcomes()));
        assertThat(untimed(backwards.counts())).as("%s: counters, reverse order", type).isEqualTo(untimed(first.counts()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void givesTheSameOutcomesOnTwoThreadsAtOnce(String type) throws Exception {
        Stage stage = build(type);
        if (!(stage instanceof DocStage)) {
            return; // group and cluster stages see a whole group at once; runners do not share one between threads
        }
        List<Document> in = inputs();
        RecordingEmitter alone = StageDriver.run(stage, in);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<RecordingEmitter>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    RecordingEmitter last = null;
                    for (int round = 0; round < 3; round++) {
                        last = StageDriver.run(stage, in);
                    }
                    return last;
                }));
            }
            for (Future<RecordingEmitter> run : runs) {
                assertThat(run.get().outcomes()).as("%s: on two threads at once", type).isEqualTo(alone.outcomes());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void explainAgreesWithProcess(String type) {
        Stage stage = build(type);
        if (!(stage instanceof Explainable e) || !(stage instanceof DocStage d)) {
            return;
        }
        for (Document doc : inputs()) {
            RecordingEmitter out = RecordingEmitter.create();
            d.process(doc, out);
            Outcome o = out.decisions().get(0);
            List<Check> checks = e.explain(doc);
            List<String> failed = checks.stream().filter(c -> !c.passed()).map(Check::rule).toList();
            switch (o.action()) {
                case "drop", "quarantine" -> assertThat(failed)
                        .as("%s on %s: process says %s %s, explain's failed checks", type, doc.id(), o.action(), o.verdict())
                        .contains(o.verdict().rule());
                case "keep" -> assertThat(failed)
                        .as("%s on %s: process keeps it, explain's checks %s", type, doc.id(), checks).isEmpty();
                default -> {
                    // modify: the stage changed the document; explain lists what it found
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void handlesEmptyAndHugeDocuments(String type) {
        List<Document> in = List.of(raw("big", "empty.py", new byte[0]), EMPTY_TEXT, ONE_LINE_5MB, SHORT_LINES_200K);
        assertOneDecisionEach(type, in, StageDriver.run(build(type), in));
    }

    private static final Document EMPTY_TEXT = Document.ofText(DocId.of("big/empty.txt"),
            new SourceRef("contract", "big", "empty.txt"), "", Annotations.EMPTY);
    private static final Document ONE_LINE_5MB = decodedOne("big/bundle.min.js", "var x=1;".repeat(5 * 1024 * 1024 / 8));
    private static final Document SHORT_LINES_200K = decodedOne("big/table.py", "x = 1\n".repeat(200_000));

    private static Document decodedOne(String id, String text) {
        String repo = id.substring(0, id.indexOf('/'));
        List<Document> out = decoded(List.of(raw(repo, id.substring(repo.length() + 1), text)));
        assertThat(out).as("decode and language keep " + id).hasSize(1);
        return out.get(0);
    }

    private static List<Outcome> sorted(List<Outcome> outcomes) {
        List<Outcome> s = new ArrayList<>(outcomes);
        s.sort(Comparator.comparing((Outcome o) -> o.doc().id().value()).thenComparing(Outcome::action));
        return s;
    }

    /** The contract covers what ServiceLoader finds: a factory class missing from META-INF/services would escape it. */
    @Test
    void everyFactoryClassOfTheStagesModuleIsRegistered() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(
                dev.codemill.stages.detect.DecodeStageFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(classes)) {
            for (java.nio.file.Path f : walk.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                String name = classes.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (StageFactory.class.isAssignableFrom(c) && !c.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                    found.add(name);
                }
            }
        }
        List<String> registered = REGISTRY.factories().values().stream().map(f -> f.getClass().getName()).toList();
        assertThat(found).as("stage factory classes in " + classes).isNotEmpty();
        assertThat(registered).as("registered in META-INF/services/dev.codemill.stage.StageFactory").containsAll(found);
    }

    private static java.util.Map<String, Long> untimed(java.util.Map<String, Long> counts) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>(counts);
        out.keySet().removeIf(k -> k.endsWith("_cpu_ms"));
        return out;
    }
}
