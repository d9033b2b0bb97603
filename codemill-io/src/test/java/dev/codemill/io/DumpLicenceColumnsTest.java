package dev.codemill.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.codemill.model.Document;
import dev.codemill.plan.IngestOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Stack v2's licence columns reach the {@code license} stage through {@link DumpFields}
 * (the one record-to-document path of the JSONL and Parquet readers): {@code detected_licenses},
 * {@code license_type} and {@code gha_license_id}.
 */
class DumpLicenceColumnsTest {
    @Test
    void licenceColumnsAreKept() {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("content", "x = 1\n");
        rec.put("path", "a.py");
        rec.put("repo_name", "o/r");
        rec.put("detected_licenses", List.of("Apache-2.0", "MIT"));
        rec.put("license_type", "permissive");
        rec.put("gha_license_id", "Apache-2.0");
        Recorder r = new Recorder();
        DumpFields.emit(rec, "dump.jsonl", 1, "dump.jsonl", IngestOptions.DEFAULTS, r);
        Document d = r.kept.get(0);
        assertThat(d.annotations().asMap()).containsOnly(entry("detected_licenses", List.of("Apache-2.0", "MIT")),
                entry("gha_license_id", "Apache-2.0"), entry("length_bytes", 6L), entry("license_type", "permissive"));
        // a null or blank gha_license_id (most repositories in GH Archive have none) is left out
        rec.put("gha_license_id", " ");
        Recorder r2 = new Recorder();
        DumpFields.emit(rec, "dump.jsonl", 2, "dump.jsonl", IngestOptions.DEFAULTS, r2);
        assertThat(r2.kept.get(0).annotations().asMap()).doesNotContainKey("gha_license_id");
    }
}
