package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The branch shorthands change the recipe itself; branch stage keys are checked like stage keys. */
class BranchFlagsTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    @Test
    void recipePrintsTheBranchesTheFlagsAdd() throws Exception {
        Files.writeString(tmp.resolve("r.yaml"), "stages: [{type: decode}]\n");
        assertThat(Main.execute("recipe", "--recipe", tmp.resolve("r.yaml").toString(), "--fim", "--cross-file-tasks",
                "--context-tokens", "2048")).isZero();
        assertThat(console.stdout()).isEqualTo("""
                stages:
                - type: "decode"
                branches:
                - name: "fim"
                  stages:
                  - type: "fim"
                - name: "cross_file"
                  stages:
                  - type: "cross_file_tasks"
                    context_tokens: 2048
                """);
    }

    @Test
    void aFlagNamingABranchTheRecipeHasIsAUsageError() throws Exception {
        Files.writeString(tmp.resolve("r.yaml"), "stages: [{type: decode}]\nbranches: [{name: fim, stages: [{type: fim}]}]\n");
        assertThat(Main.execute("recipe", "--recipe", tmp.resolve("r.yaml").toString(), "--fim")).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("the recipe already has a branch named 'fim'");
    }

    @Test
    void contextTokensAloneIsAUsageError() throws Exception {
        assertThat(Main.execute("recipe", "--context-tokens", "2048")).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("--context-tokens needs --repo-samples or --cross-file-tasks");
    }

    @Test
    void anUnknownKeyOfABranchStageIsRefusedBeforeAnyData() throws Exception {
        Files.writeString(tmp.resolve("r.yaml"), "stages: [{type: decode}]\nbranches: [{name: fim, stages: [{type: fim, "
                + "rat: 0.5}]}]\n");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.py"), "print(1)\n");
        assertThat(Main.execute("run", in.toString(), "-o", tmp.resolve("out").toString(), "-q", "--recipe",
                tmp.resolve("r.yaml").toString())).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("branches.fim.stages[0].rat: unknown key 'rat'");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
