package dev.codemill.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Document;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The plan check every entry point uses: key paths in errors, decode first, the order rule, the branch hook. */
class PlanValidatorTest {
    /** Stages that only say what they may do; {@code max} is a checked parameter; {@code loadData} counts. */
    record Toy(String name, boolean mayDrop, boolean needsAll, AtomicInteger loads) implements StageFactory {
        @Override
        public String description() {
            return "toy " + name;
        }

        @Override
        public Stage create(Params params) {
            params.integer("max", 10, 1, 100);
            return new DocStage() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void process(Document doc, Emitter out) {
                    out.keep(doc);
                }

                @Override
                public boolean mayDropDocuments() {
                    return mayDrop;
                }

                @Override
                public boolean needsEveryDocument() {
                    return needsAll;
                }

                @Override
                public void loadData() {
                    loads.incrementAndGet();
                }
            };
        }
    }

    private final AtomicInteger loads = new AtomicInteger();
    private final PlanValidator validator = new PlanValidator(StageRegistry.of(List.of(
            new Toy("decode", false, false, loads), new Toy("filter", true, false, loads),
            new Toy("license", false, true, loads), new Toy("annotate", false, false, loads))));

    private static Recipe recipe(StageSpec... stages) {
        return new Recipe("t", 7, List.of(), IngestOptions.DEFAULTS, List.of(stages),
                new OutputSpec(OutputSpec.CONTENT_FORMATS, 1 << 20, 0), null);
    }

    private static StageSpec spec(String type, Map<String, Object> params) {
        return new StageSpec(type, params);
    }

    private static StageSpec spec(String type) {
        return new StageSpec(type, Map.of());
    }

    private RecipeException error(Recipe r) {
        try {
            validator.validate(r);
        } catch (RecipeException e) {
            return e;
        }
        throw new AssertionError("expected a RecipeException");
    }

    @Test
    void aValidPlanIsBuiltInOrderWithoutLoadingData() {
        List<Stage> stages = validator.validate(recipe(spec("decode"), spec("license"), spec("filter", Map.of("max", 5))));
        assertThat(stages).extracting(Stage::name).containsExactly("decode", "license", "filter");
        assertThat(loads).hasValue(0);
    }

    @Test
    void aBadValueIsNamedByItsKeyPath() {
        RecipeException e = error(recipe(spec("decode"), spec("annotate"), spec("filter", Map.of("max", 0))));
        assertThat(e.keyPath()).isEqualTo("stages[2].max");
        assertThat(e).hasMessage("stages[2].max: stage 'filter': key 'max' must be in [1, 100], got 0");
    }

    @Test
    void anUnknownKeyIsNamedByItsKeyPathWithASuggestion() {
        RecipeException e = error(recipe(spec("decode"), spec("filter", Map.of("mx", 3))));
        assertThat(e.keyPath()).isEqualTo("stages[1].mx");
        assertThat(e).hasMessage("stages[1].mx: unknown key 'mx' in stage 'filter' (did you mean 'max'?); known keys: [max]");
    }

    @Test
    void anUnknownTypeIsNamedByItsKeyPath() {
        RecipeException e = error(recipe(spec("decode"), spec("filtre")));
        assertThat(e.keyPath()).isEqualTo("stages[1].type");
        assertThat(e).hasMessageContaining("unknown key 'filtre' in the stage types (did you mean 'filter'?)");
    }

    @Test
    void theMainChainStartsWithDecodeAndIsNotEmpty() {
        RecipeException e = error(recipe(spec("annotate"), spec("decode")));
        assertThat(e.keyPath()).isEqualTo("stages[0].type");
        assertThat(e).hasMessage("stages[0].type: recipe 't': stage #1 is 'annotate', but the first stage must be 'decode' "
                + "(every other stage reads decoded text)");
        assertThat(error(recipe()).keyPath()).isEqualTo("stages");
    }

    @Test
    void aStageThatNeedsEveryDocumentMustComeBeforeEveryDroppingStage() {
        RecipeException e = error(recipe(spec("decode"), spec("filter"), spec("annotate"), spec("license")));
        assertThat(e.keyPath()).isEqualTo("stages[3]");
        assertThat(e).hasMessage("stages[3]: stage #4 'license' must see every file of a repository (LICENSE, manifests, "
                + "README), but stage #2 'filter' before it may drop files: move 'license' before 'filter'");
    }

    @Test
    void aBranchIsCheckedAsAChainFedByThePartOfTheMainChainBeforeIt() {
        PlanValidator.Chain main = validator.mainChain(recipe(spec("decode"), spec("filter"), spec("annotate")));
        assertThat(main.paths()).containsExactly("stages[0]", "stages[1]", "stages[2]");

        // Fed after decode: no dropping stage upstream, so licence detection may run in the branch.
        PlanValidator.Chain ok = validator.chain("branches.b.stages", List.of(spec("license"), spec("annotate")), 7,
                main.first(1));
        assertThat(ok.paths()).containsExactly("branches.b.stages[0]", "branches.b.stages[1]");

        // Fed after the filter: the order rule holds across the main chain and the branch.
        assertThatThrownBy(() -> validator.chain("branches.b.stages", List.of(spec("license")), 7, main.first(2)))
                .isInstanceOf(RecipeException.class)
                .hasMessage("branches.b.stages[0]: branches.b.stages[0] 'license' must see every file of a repository "
                        + "(LICENSE, manifests, README), but stage #2 'filter' before it may drop files: move 'license' "
                        + "before 'filter'");
        // Keys of a branch's stages are named by their path.
        assertThatThrownBy(() -> validator.chain("branches.b.stages", List.of(spec("annotate", Map.of("max", 200))), 7,
                main.first(1))).hasMessageStartingWith("branches.b.stages[0].max: ");
        // A branch fed by raw input (before decode) must decode first.
        assertThatThrownBy(() -> validator.chain("branches.b.stages", List.of(spec("annotate")), 7,
                PlanValidator.Chain.EMPTY)).hasMessageStartingWith("branches.b.stages[0].type: 'annotate' is fed by nothing");
        assertThat(loads).hasValue(0);
    }

    @Test
    void sectionErrorsNameTheirKeyPathToo() {
        RecipeException e = org.junit.jupiter.api.Assertions.assertThrows(RecipeException.class, () -> RecipeLoader.parse(
                new java.io.ByteArrayInputStream("ingest: {max_file_bytes: 0}\n".getBytes()), "r.yaml"));
        assertThat(e.keyPath()).isEqualTo("ingest.max_file_bytes");
        RecipeException u = org.junit.jupiter.api.Assertions.assertThrows(RecipeException.class, () -> RecipeLoader.parse(
                new java.io.ByteArrayInputStream("output: {formats: [jsonl], seq_lenght: 3}\n".getBytes()), "r.yaml"));
        assertThat(u.keyPath()).isEqualTo("output.seq_lenght");
        RecipeException t = org.junit.jupiter.api.Assertions.assertThrows(RecipeException.class, () -> RecipeLoader.parse(
                new java.io.ByteArrayInputStream("stages:\n  - {type: decode}\n  - {max: 3}\n".getBytes()), "r.yaml"));
        assertThat(t.keyPath()).isEqualTo("stages[1].type");
    }

    @Test
    void historyRecordsMustEndInTheMainChainAndHistoryBranchesBeFedBeforeThatPoint() {
        PlanValidator v = new PlanValidator(StageRegistry.of(List.of(new Toy("decode", false, false, loads),
                new Toy("redact", false, false, loads), new Toy("commit_changes", true, false, loads),
                new Toy("commit_pairs", true, false, loads))));
        OutputSpec out = new OutputSpec(OutputSpec.CONTENT_FORMATS, 1 << 20, 0);
        IngestOptions history = IngestOptions.DEFAULTS.withHistory(HistoryOptions.DEFAULTS);
        List<BranchSpec> pairs = List.of(new BranchSpec("commit_pairs", "redact", List.of(spec("commit_pairs"))));

        // Without commit_changes, commit records would reach data/ as files.
        RecipeException missing = org.junit.jupiter.api.Assertions.assertThrows(RecipeException.class, () -> v.validate(
                new Recipe("h", 7, List.of(), history, List.of(spec("decode"), spec("redact")), out, null, List.of())));
        assertThat(missing.keyPath()).isEqualTo("ingest.history");

        List<StageSpec> main = List.of(spec("decode"), spec("redact"), spec("commit_changes"));
        assertThat(v.validate(new Recipe("h", 7, List.of(), history, main, out, null, pairs))).hasSize(3);

        // Fed from the end (after commit_changes), the branch would get no record.
        RecipeException late = org.junit.jupiter.api.Assertions.assertThrows(RecipeException.class, () -> v.validate(
                new Recipe("h", 7, List.of(), history, main, out, null,
                        List.of(new BranchSpec("commit_pairs", "end", List.of(spec("commit_pairs")))))));
        assertThat(late.keyPath()).isEqualTo("branches.commit_pairs.from");
        assertThat(late.getMessage()).contains("fed from 'end', at or after the commit_changes stage (stages[2])");
    }
}
