package dev.codemill.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputTallyTest {
    @Test
    void anInputIsLostWholeOnlyWhenEveryDocumentWasQuarantinedAtIngest() {
        RunStats a = new RunStats();
        a.inputOutcome("/d/ok.jsonl", null);
        a.inputOutcome("/d/ok.jsonl", "malformed_json");
        a.inputOutcome("/d/bad.jsonl.gz", "corrupt_input");
        RunStats b = new RunStats(); // another task's share of the same inputs
        b.inputOutcome("/d/bad.jsonl.gz", "malformed_json");
        b.inputOutcome("/d/bad.jsonl.gz", "malformed_json");
        a.merge(b);
        assertThat(a.inputsLost()).containsExactly(Map.of("input", "/d/bad.jsonl.gz", "documents", 3L,
                "rules", Map.of("corrupt_input", 1L, "malformed_json", 2L)));
        assertThat(new String(a.toJson(1, 1, Map.of()), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"inputs_lost\" : [ {\n    \"input\" : \"/d/bad.jsonl.gz\",\n    \"documents\" : 3,");
    }

    @Test
    void driftNamesFieldsFilesAndTypesAndNullFitsAnyType() {
        RunStats s = new RunStats();
        s.inputSchema("/d/a.jsonl", Map.of("content", "string", "stars", "number", "lic", "null"));
        s.inputSchema("/d/b.jsonl", Map.of("content", "string", "stars", "number|null", "lic", "string"));
        s.inputSchema("/d/c.jsonl", Map.of("text", "string", "stars", "string", "lic", "string"));
        // A Parquet file is compared with Parquet files only.
        s.inputSchema("/d/p.parquet", Map.of("content", "binary (STRING)"));
        assertThat(s.ingestWarnings()).containsExactly(
                "schema drift across dump files: field 'content' is (absent) in /d/c.jsonl; string in /d/a.jsonl, /d/b.jsonl",
                "schema drift across dump files: field 'stars' is number in /d/a.jsonl, /d/b.jsonl; string in /d/c.jsonl",
                "schema drift across dump files: field 'text' is (absent) in /d/a.jsonl, /d/b.jsonl; string in /d/c.jsonl");
        RunStats same = new RunStats();
        same.inputSchema("/d/x.jsonl", Map.of("content", "string"));
        same.inputSchema("/d/y.jsonl", Map.of("content", "string|null"));
        assertThat(same.ingestWarnings()).isEmpty();
        assertThat(List.copyOf(same.inputsLost())).isEmpty();
    }
}
