package dev.codemill.io.packed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.io.Formats;
import dev.codemill.io.parquet.ParquetFormat;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.OutputSpec;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackedFormatTest {
    @TempDir
    Path tmp;

    private static Document doc(String id, String text) {
        return Document.ofText(new DocId(id), new SourceRef("", "r", id), text, Annotations.EMPTY);
    }

    private Path write(String name) throws Exception {
        OutputFormat f = Formats.byName("packed", new OutputSpec(List.of("parquet", "packed"), 1, 0, "cl100k_base", 8));
        Path file = tmp.resolve(name);
        try (ShardWriter w = f.openData(file)) {
            // cl100k: "hello world" = 15339 1917; "int x = 1;" = 396 865 284 220 16 26; "print(42)" = 1374 7 2983 8
            w.writeDocument(doc("d1", "hello world"));
            w.writeDocument(doc("d2", "int x = 1;"));
            w.writeDocument(doc("d3", "print(42)"));
            assertThat(((OutputFormat.TokenCounter) w).tokensWritten()).isEqualTo(15);
        }
        return file;
    }

    @Test
    void rowsAreExactAndTheFileIsDeterministic() throws Exception {
        Path file = write("a.parquet");
        List<Map<String, Object>> rows = ParquetFormat.readRows(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("input_ids")).isEqualTo(List.of(15339, 1917, 100257, 396, 865, 284, 220, 16));
        assertThat(rows.get(0).get("doc_starts")).isEqualTo(List.of(0, 3));
        assertThat(rows.get(0).get("doc_offsets")).isEqualTo(List.of(0, 0));
        assertThat(rows.get(0).get("doc_ids")).isEqualTo(List.of("d1", "d2"));
        assertThat(rows.get(1).get("input_ids")).isEqualTo(List.of(26, 100257, 1374, 7, 2983, 8, 100257));
        assertThat(rows.get(1).get("doc_starts")).isEqualTo(List.of(0, 2));
        assertThat(rows.get(1).get("doc_offsets")).isEqualTo(List.of(5, 0));
        assertThat(rows.get(1).get("doc_ids")).isEqualTo(List.of("d2", "d3"));
        assertThat(Files.readAllBytes(write("b.parquet"))).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void describesItselfForTheManifest() {
        OutputFormat f = Formats.byName("packed");
        assertThat(f.describe()).containsEntry("seq_length", 4096).containsEntry("eos_id", 100257)
                .containsEntry("tokenizer", "cl100k_base");
        assertThat(f.partName(0)).isEqualTo("packed-00000.parquet");
        assertThat(f.writesLedger()).isFalse();
        assertThat(f.singleFile()).isTrue();
    }
}
