package dev.codemill.stages.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Params;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.fim.FimTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RepoSamplesStageTest {
    static final class Collect implements Emitter {
        final List<Document> kept = new ArrayList<>();
        final List<String> ledger = new ArrayList<>();

        @Override
        public void keep(Document doc) {
            kept.add(doc);
        }

        @Override
        public void drop(Document doc, Verdict why) {
            ledger.add("drop " + doc.source().path() + " " + why.rule() + " " + why.value());
        }

        @Override
        public void quarantine(Document doc, Verdict why) {
            ledger.add("quarantine " + doc.source().path());
        }

        @Override
        public void modified(Document changed, List<Verdict> whys) {
            ledger.add("modify " + changed.source().path() + " " + whys.get(0).rule() + " " + whys.get(0).value());
            kept.add(changed);
        }

        /** The sources of each derived document, by its id. */
        final Map<DocId, List<DocId>> sources = new java.util.LinkedHashMap<>();

        @Override
        public void emit(Document derived, List<DocId> from, Verdict why) {
            ledger.add("derive " + derived.source().path() + " " + why.rule() + " " + why.value() + " <- " + from.size());
            sources.put(derived.id(), List.copyOf(from));
            kept.add(derived);
        }

        @Override
        public void consume(Document doc, Verdict why) {
            ledger.add("consume " + doc.source().path() + " " + why.rule() + " " + why.value());
            details.add(why.detail());
        }

        /** Details of the consume calls, in order. */
        final List<String> details = new ArrayList<>();
    }

    private static Document doc(String repo, String path, String text) {
        return Document.ofText(DocId.of(repo + "/" + path), new SourceRef("src", repo, path), text, Annotations.EMPTY);
    }

    @Test
    void dependencyOrderCycleAndTies() {
        Map<String, List<String>> deps = new TreeMap<>();
        deps.put("main.py", List.of("b.py", "a.py"));
        deps.put("a.py", List.of("util.py"));
        deps.put("b.py", List.of("util.py", "c.py"));
        deps.put("c.py", List.of("b.py"));       // cycle b <-> c
        deps.put("util.py", List.of());
        deps.put("z.py", List.of());
        assertThat(DependencyOrder.dependencyOrder(deps))
                .containsExactly("util.py", "a.py", "z.py", "b.py", "c.py", "main.py");
    }

    @Test
    void oneSampleInDependencyOrderWithStarCoder2Format() {
        List<Document> docs = new ArrayList<>(List.of(
                doc("acme/shop", "shop/app.py", "from shop.cart import Cart\n"),
                doc("acme/shop", "shop/cart.py", "from .money import Money\nclass Cart: pass\n"),
                doc("acme/shop", "shop/money.py", "class Money: pass\n"),
                doc("acme/shop", "README.md", "# shop\n")));
        docs.sort((x, y) -> x.id().compareTo(y.id()));
        RepoSamplesStage stage = (RepoSamplesStage) new RepoSamplesStageFactory().create(Params.empty("repo_samples"));
        Collect out = new Collect();
        stage.processGroup(stage.key(docs.get(0)), docs, out);
        assertThat(out.kept).hasSize(1);
        Document s = out.kept.get(0);
        assertThat(s.text()).isEqualTo("<repo_name>acme/shop"
                + "<file_sep>README.md\n# shop\n"
                + "<file_sep>shop/money.py\nclass Money: pass\n"
                + "<file_sep>shop/cart.py\nfrom .money import Money\nclass Cart: pass\n"
                + "<file_sep>shop/app.py\nfrom shop.cart import Cart\n");
        assertThat(s.id()).isEqualTo(RepoSamplesStage.sampleId("acme/shop", 0));
        assertThat(s.get(RepoKeys.FILES)).containsExactly("README.md", "shop/money.py", "shop/cart.py", "shop/app.py");
        assertThat(s.get(RepoKeys.EDGES)).isEqualTo(2L);
        assertThat(s.get(RepoKeys.EDGES_BEFORE)).isEqualTo(2L);
        assertThat(s.get(Keys.LANGUAGE)).isEqualTo("Python");
        assertThat(s.get(RepoKeys.LANGUAGES)).containsExactly("Python");
        assertThat(s.get(Keys.NUM_TOKENS)).isEqualTo(stage.sampler().count(s.text()));
        // the sample is derived from its 4 files (in sample order), each consumed ("packed"), none dropped
        assertThat(out.ledger).containsExactly("derive repo_samples/0 repo_sample 4 <- 4",
                "consume README.md packed " + s.id().value(), "consume shop/money.py packed " + s.id().value(),
                "consume shop/cart.py packed " + s.id().value(), "consume shop/app.py packed " + s.id().value());
        assertThat(out.sources.get(s.id())).containsExactly(DocId.of("acme/shop/README.md"),
                DocId.of("acme/shop/shop/money.py"), DocId.of("acme/shop/shop/cart.py"), DocId.of("acme/shop/shop/app.py"));
    }

    @Test
    void largeRepositorySplitsIntoComponentsWithoutCuttingFiles() {
        // two independent packages of ~400 tokens each, budget 1024: one sample each, deps kept together
        String body = "x = 1\n".repeat(100);
        List<Document> docs = new ArrayList<>();
        for (String pkg : List.of("alpha", "beta")) {
            docs.add(doc("r", pkg + "/base.py", body));
            docs.add(doc("r", pkg + "/use.py", "from " + pkg + ".base import x\n" + body));
        }
        docs.sort((x, y) -> x.id().compareTo(y.id()));
        RepoSamplesStage stage = (RepoSamplesStage) new RepoSamplesStageFactory().create(
                new Params("repo_samples", Map.of("context_tokens", 1100), 7L));
        Collect out = new Collect();
        stage.processGroup("r", docs, out);
        List<List<String>> files = out.kept.stream().map(d -> d.get(RepoKeys.FILES)).toList();
        assertThat(files).containsExactly(List.of("alpha/base.py", "alpha/use.py"), List.of("beta/base.py", "beta/use.py"));
        assertThat(out.kept).allSatisfy(d -> assertThat(d.get(Keys.NUM_TOKENS)).isLessThanOrEqualTo(1100L));
        assertThat(out.kept).allSatisfy(d -> assertThat(d.get(RepoKeys.EDGES_BEFORE)).isEqualTo(1L));
        assertThat(out.kept.get(1).get(RepoKeys.SAMPLE_COUNT)).isEqualTo(2L);
        // sequential path order would put alpha/base, alpha/use | beta/base, beta/use too; random order mixes
        RepoSampler random = new RepoSampler(new RepoSampler.Options(1100, RepoSampler.Order.RANDOM, false,
                "<repo_name>", "<file_sep>", "cl100k_base", 7L));
        List<SourceFile> sf = docs.stream().map(d -> new SourceFile(d.source().path(), "Python", d.text())).toList();
        List<String> order = random.order("r", ImportGraph.build(sf));
        assertThat(new TreeSet<>(order)).hasSize(4);
    }

    @Test
    void perFileFimInsideSamplesRoundTrips() {
        List<Document> docs = new ArrayList<>(List.of(
                doc("r", "a.py", "def f(x):\n    return x + 1\n"),
                doc("r", "b.py", "from a import f\nprint(f(2))\n")));
        RepoSamplesStage stage = (RepoSamplesStage) new RepoSamplesStageFactory().create(
                new Params("repo_samples", Map.of("fim_rate", 1.0, "fim_spans", "syntax"), 3L));
        Collect out = new Collect();
        stage.processGroup("r", docs, out);
        Document s = out.kept.get(0);
        assertThat(s.get(RepoKeys.FIM_FILES)).isEqualTo(2L);
        FimTransform fim = FimTransform.defaults();
        String[] pieces = s.text().substring("<repo_name>r".length()).split("<file_sep>");
        assertThat(pieces).hasSize(3);
        assertThat(fim.reassemble(pieces[1].substring("a.py\n".length()))).isEqualTo(docs.get(0).text());
        assertThat(fim.reassemble(pieces[2].substring("b.py\n".length()))).isEqualTo(docs.get(1).text());
    }
}
