package dev.codemill.io.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.io.jsonl.JsonlZstFormat;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.run.ShardWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewFormatTest {
    private static final String CODE = "def parse(x):\n    try:\n        return int(x)\n    except:\n        pass\n";

    private static Document doc(String path, List<String> critiques) {
        Annotations a = Annotations.EMPTY.with(Keys.LANGUAGE, "Python").with(Keys.QUALITY_SCORE, 0.61)
                .with(Keys.QUALITY_TIER, "C");
        if (critiques != null) {
            a = a.with(Keys.QUALITY_CRITIQUES, critiques);
        }
        return Document.ofText(DocId.of(path), new SourceRef("", "repo", path), CODE, a);
    }

    @Test
    void aCritiquedDocumentBecomesACodeToReviewPair(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("review-00000.jsonl.zst");
        try (ShardWriter w = new ReviewFormat().openData(file)) {
            w.writeDocument(doc("p.py", List.of("rigorous:4:5: bare `except:` catches everything, including KeyboardInterrupt",
                    "documented:1:1: function `parse` has no docstring")));
            w.writeDocument(doc("clean.py", List.of()));
            w.writeDocument(doc("unscored.py", null));
        }
        List<Map<String, Object>> rows = JsonlZstFormat.readRows(file);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r).containsOnlyKeys("id", "repo_name", "path", "language", "quality_score", "quality_tier",
                    "content", "critiques", "review");
            assertThat(r.get("path")).isEqualTo("p.py");
            assertThat(r.get("content")).isEqualTo(CODE);
            assertThat(r.get("quality_tier")).isEqualTo("C");
            assertThat(r.get("critiques")).isEqualTo(List.of(
                    Map.of("principle", "rigorous", "line", 4L, "column", 5L,
                            "message", "bare `except:` catches everything, including KeyboardInterrupt"),
                    Map.of("principle", "documented", "line", 1L, "column", 1L,
                            "message", "function `parse` has no docstring")));
            assertThat(r.get("review")).isEqualTo("line 4, column 5: bare `except:` catches everything, including "
                    + "KeyboardInterrupt [rigorous]\nline 1, column 1: function `parse` has no docstring [documented]");
        });
    }

    @Test
    void aMalformedCritiqueIsAnError() {
        assertThatThrownBy(() -> ReviewFormat.row(doc("p.py", List.of("no anchor here"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no anchor here");
    }

    @Test
    void oneFileNamedAfterTheFormatAndNoLedger() {
        ReviewFormat f = new ReviewFormat();
        assertThat(f.partName(0)).isEqualTo("review-00000.jsonl.zst");
        assertThat(f.singleFile()).isTrue();
        assertThat(f.writesLedger()).isFalse();
    }
}
