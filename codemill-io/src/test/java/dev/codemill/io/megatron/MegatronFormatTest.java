package dev.codemill.io.megatron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.io.Formats;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.OutputSpec;
import dev.codemill.run.OutputFormat;
import dev.codemill.run.ShardWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MegatronFormatTest {
    @TempDir
    Path tmp;

    private static Document doc(String id, String text) {
        return Document.ofText(new DocId(id), new SourceRef("", "r", id), text, Annotations.EMPTY);
    }

    @Test
    void eachDocumentIsOneSequenceOfItsTokensAndEos() throws Exception {
        for (String tok : List.of("cl100k_base", "o200k_base")) {
            OutputFormat f = Formats.byName("megatron", new OutputSpec(List.of("parquet", "megatron"), 1, 0, tok, 4096));
            Path file = tmp.resolve(tok).resolve(f.partName(0));
            java.nio.file.Files.createDirectories(file.getParent());
            try (ShardWriter w = f.openData(file)) {
                w.writeDocument(doc("a", "hello world"));
                w.writeDocument(doc("b", ""));
                w.writeDocument(doc("c", "print(42)"));
                assertThat(((OutputFormat.TokenCounter) w).tokensWritten()).isEqualTo(9);
            }
            assertThat(f.partFiles(file)).extracting(p -> p.getFileName().toString())
                    .containsExactly("megatron-00000.bin", "megatron-00000.idx");
            try (MegatronReader r = MegatronReader.open(tmp.resolve(tok).resolve("megatron-00000"))) {
                assertThat(r.dtype()).isEqualTo(MegatronLayout.DType.INT32);
                assertThat(r.documentCount()).isEqualTo(3);
                assertThat(r.sequenceCount()).isEqualTo(3);
                if (tok.equals("cl100k_base")) {
                    assertThat(r.document(0)).containsExactly(15339, 1917, 100257);
                    assertThat(r.document(1)).containsExactly(100257);
                    assertThat(r.document(2)).containsExactly(1374, 7, 2983, 8, 100257);
                } else {
                    assertThat(r.document(0)).containsExactly(24912, 2375, 199999);
                    assertThat(r.document(1)).containsExactly(199999);
                    assertThat(r.document(2)).containsExactly(1598, 7, 4689, 8, 199999);
                }
            }
            assertThat(f.describe()).containsEntry("dtype", "int32").containsEntry("tokenizer", tok);
        }
    }
}
