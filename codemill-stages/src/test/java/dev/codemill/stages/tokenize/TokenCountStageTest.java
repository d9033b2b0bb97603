package dev.codemill.stages.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.testkit.RecordingEmitter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenCountStageTest {
    /** Expected counts are js-tiktoken's (which ships the same ranks), encode(text, [], []): no special tokens. */
    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "cl100k_base#def add(a, b):\\n    return a + b\\n#12",
        "cl100k_base#x = '<|endoftext|>'\\n#9",
        "cl100k_base#汇总(订单) 🙂#7",
        "o200k_base#def add(a, b):\\n    return a + b\\n#12",
        "o200k_base#x = '<|endoftext|>'\\n#9",
        "o200k_base#汇总(订单) 🙂#6",
    })
    void countsMatchTheReferenceTokenizer(String encoding, String escaped, long expected) {
        String text = escaped.replace("\\n", "\n");
        RecordingEmitter out = RecordingEmitter.create();
        new TokenCountStage(encoding).process(Document.ofText(DocId.of("t"), new SourceRef("", "r", "a.py"), text,
                Annotations.EMPTY), out);
        assertThat(out.kept()).singleElement().extracting(d -> d.get(Keys.NUM_TOKENS)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void theIdsThemselvesRideAlongForTheTokenFormats() {
        RecordingEmitter out = RecordingEmitter.create();
        String text = "def add(a, b):\n    return a + b\n";
        new TokenCountStage("cl100k_base").process(Document.ofText(DocId.of("t"), new SourceRef("", "r", "a.py"), text,
                Annotations.EMPTY), out);
        Document kept = out.kept().get(0);
        assertThat(kept.tokens().tokenizer()).isEqualTo("cl100k_base");
        assertThat(kept.tokens().sentinels()).isNull();
        // js-tiktoken cl100k_base ids of the text
        assertThat(kept.tokens().ids()).containsExactly(755, 923, 2948, 11, 293, 997, 262, 471, 264, 489, 293, 198);
        assertThat(kept.get(Keys.NUM_TOKENS)).isEqualTo(12L);
    }
}
