package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An input inside what a URI run replaces, or OUT inside an input, is refused before the run. */
class UriLocationsTest {
    private static final List<String> PARTS = RunCommand.replacedParts(List.of("debug_pairs"));

    @Test
    void inputsInsideReplacedFoldersOfAUriOutAreRefused() {
        assertThatThrownBy(() -> UriLocations.check(List.of("hdfs://nn/p/data"), "hdfs://nn/p", PARTS))
                .hasMessage("input hdfs://nn/p/data lies inside hdfs://nn/p/data, which the run replaces");
        assertThatThrownBy(() -> UriLocations.check(List.of("hdfs://nn/p/debug_pairs/data/x.jsonl"), "hdfs://nn/p/", PARTS))
                .hasMessageContaining("lies inside hdfs://nn/p/debug_pairs,");
        assertThatThrownBy(() -> UriLocations.check(List.of("file:///tmp/o/./ledger"), "/tmp/o", PARTS))
                .hasMessageContaining("which the run replaces");
        assertThatThrownBy(() -> UriLocations.check(List.of("hdfs://nn/p"), "hdfs://nn/p/out", PARTS))
                .hasMessage("OUT hdfs://nn/p/out lies inside input hdfs://nn/p (a later run would read this run's output as input)");
    }

    @Test
    void neighboursAndOtherFileSystemsPass() {
        UriLocations.check(List.of("hdfs://nn/p/database", "hdfs://other/p/data", "hdfs://nn/q"), "hdfs://nn/p", PARTS);
        assertThat(UriLocations.norm("HDFS://nn/a/b/../c/")).isEqualTo("hdfs://nn/a/c");
        assertThat(UriLocations.norm("/tmp/x/")).isEqualTo("file:///tmp/x");
        assertThat(UriLocations.norm("file:///tmp/x")).isEqualTo("file:///tmp/x");
    }
}
