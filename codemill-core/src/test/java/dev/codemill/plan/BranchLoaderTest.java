package dev.codemill.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.stage.RecipeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code branches} section is checked at load time, before any data is read. */
class BranchLoaderTest {
    private static Recipe parse(String yaml) throws Exception {
        return RecipeLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "r.yaml");
    }

    private static final String STAGES = "stages: [{type: decode}, {type: basic_filters}, {type: tokens}, {type: basic_filters}]\n";

    @Test
    void branchesParseWithTheirFeedingPoint() throws Exception {
        Recipe r = parse(STAGES + """
                branches:
                  - {name: fim, stages: [{type: fim, rate: 0.5}]}
                  - {name: early-2, from: 'basic_filters#2', stages: [{type: repo_samples}]}
                  - {name: tok, from: tokens, stages: [{type: fim}]}
                """);
        assertThat(r.branches()).extracting(BranchSpec::name).containsExactly("fim", "early-2", "tok");
        assertThat(r.branches()).extracting(b -> b.fromIndex(r.stages())).containsExactly(-1, 3, 2);
        assertThat(r.branches().get(0).stages().get(0).params()).containsEntry("rate", 0.5);
        assertThat(r.branches().get(0).asRecipeEntry()).containsEntry("from", "end");
    }

    @Test
    void aRecipeWithoutBranchesHasNone() throws Exception {
        assertThat(parse(STAGES).branches()).isEmpty();
    }

    @Test
    void badBranchesAreRefusedWithWhereAndWhy() {
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: fim, stages: [{type: fim}], form: end}]"))
                .isInstanceOf(RecipeException.class).hasMessageContaining("r.yaml branch #1").hasMessageContaining("form");
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: ../x, stages: [{type: fim}]}]"))
                .hasMessageContaining("key 'name' must be a folder name");
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: data, stages: [{type: fim}]}]"))
                .hasMessageContaining("name 'data' is taken by the main output");
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: a, stages: [{type: fim}]}, {name: a, stages: [{type: fim}]}]"))
                .hasMessage("r.yaml branch #2: branch name 'a' is given twice");
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: a, stages: []}]"))
                .hasMessageContaining("key 'stages' needs a list of at least one stage");
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: a, stages: [{rate: 1}]}]"))
                .hasMessage("r.yaml branch #1 ('a') stage #1: missing key 'type'");
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: a, from: near_dedup, stages: [{type: fim}]}]"))
                .hasMessage("branch 'a': key 'from': the main chain has no stage 'near_dedup'; use 'end' or one of "
                        + "[decode, basic_filters, tokens]");
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: a, from: basic_filters, stages: [{type: fim}]}]"))
                .hasMessage("branch 'a': key 'from': the main chain has 2 stages 'basic_filters'; say which with "
                        + "'basic_filters#N'");
        assertThatThrownBy(() -> parse(STAGES + "branches: [{name: a, from: 'basic_filters#3', stages: [{type: fim}]}]"))
                .hasMessageContaining("the main chain has no stage 'basic_filters#3'");
        assertThatThrownBy(() -> parse(STAGES + "branches: {name: a}")).hasMessageContaining("key 'branches' expects a list");
    }

    @Test
    void branchesStayOutOfTheCanonicalRecipeWhenAbsent() {
        Recipe r = new Recipe("n", 1, List.of(), IngestOptions.DEFAULTS, List.of(), new OutputSpec(List.of("jsonl"), 1, 0));
        assertThat(r.branches()).isEmpty();
        assertThat(r.withBranches(List.of(new BranchSpec("fim", null, List.of(new StageSpec("fim", java.util.Map.of())))))
                .branches().get(0).from()).isEqualTo("end");
    }
}
