package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mojibake must not reach dedup (issue 12 §2): copies of one file in UTF-8 and in GBK, with and
 * without an encoding cookie, decode to the same text and are exact duplicates after the real
 * stages (decode, language, stats, exact_dedup) run by the CLI.
 */
class EncodingDedupTest {
    private static final String BODY = """
            # 读取配置文件，返回一个字典。
            # 如果文件不存在，就使用默认配置。
            import json
            import os


            def load_config(path):
                \"\"\"读取配置文件并检查每一项是否完整。\"\"\"
                if not os.path.exists(path):
                    return {"name": "默认", "retries": 3}
                with open(path, encoding="utf-8") as f:
                    data = json.load(f)
                for key in ("name", "retries"):
                    if key not in data:
                        raise KeyError("缺少配置项: " + key)
                return data
            """;
    /** After iconv the cookie is stale in the UTF-8 copy: a wrong declaration the decoder must overrule. */
    private static final String WITH_COOKIE = "# -*- coding: gbk -*-\n" + BODY;

    @TempDir
    Path tmp;

    @Test
    void utf8AndGbkCopiesAreExactDuplicatesAfterDecode() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("utf8.py"), BODY.getBytes(StandardCharsets.UTF_8));
        Files.write(in.resolve("gbk.py"), BODY.getBytes(Charset.forName("GBK")));
        Files.write(in.resolve("utf8_cookie.py"), WITH_COOKIE.getBytes(StandardCharsets.UTF_8));
        Files.write(in.resolve("gbk_cookie.py"), WITH_COOKIE.getBytes(Charset.forName("GBK")));
        Path out = tmp.resolve("out");
        // the default chain up to exact_dedup (near_dedup would also fold the cookie and plain texts)
        Path recipe = tmp.resolve("recipe.yaml");
        Files.writeString(recipe, """
                stages:
                  - {type: decode}
                  - {type: language}
                  - {type: stats}
                  - {type: exact_dedup}
                """);
        assertThat(Main.execute("run", "-o", out.toString(), "-q", "--format", "jsonl", "--recipe", recipe.toString(),
                in.toString())).isZero();

        Map<String, JsonNode> kept = new LinkedHashMap<>();
        for (JsonNode row : EndToEndTest.rows(out.resolve("data"))) {
            kept.put(row.get("path").asText(), row);
        }
        List<JsonNode> ledger = EndToEndTest.rows(out.resolve("ledger"));
        // one kept copy per text, the other copy an exact duplicate of it
        assertThat(kept).hasSize(2);
        assertThat(kept.values()).extracting(r -> r.get("content").asText()).containsExactlyInAnyOrder(BODY, WITH_COOKIE);
        assertThat(ledger).extracting(r -> r.get("rule").asText()).containsExactly("exact_duplicate", "exact_duplicate");
        Map<String, String> duplicateOf = new LinkedHashMap<>();
        ledger.forEach(r -> duplicateOf.put(r.get("path").asText(), r.get("kept_id").asText()));
        String keptPlain = kept.containsKey("gbk.py") ? "gbk.py" : "utf8.py";
        String keptCookie = kept.containsKey("gbk_cookie.py") ? "gbk_cookie.py" : "utf8_cookie.py";
        assertThat(duplicateOf).containsOnlyKeys(other(keptPlain), other(keptCookie));
        assertThat(duplicateOf.get(other(keptPlain))).isEqualTo(kept.get(keptPlain).get("id").asText());
        assertThat(duplicateOf.get(other(keptCookie))).isEqualTo(kept.get(keptCookie).get("id").asText());
        for (JsonNode r : kept.values()) {
            assertThat(r.get("content").asText()).doesNotContain("\uFFFD");
            String path = r.get("path").asText();
            assertThat(EndToEndTest.annotations(r).path("encoding_evidence").asText()).as(path)
                    .isEqualTo(path.equals("gbk_cookie.py") ? "declared:emacs" : path.startsWith("gbk") ? "detected" : "utf8");
            if (path.equals("utf8_cookie.py")) {
                assertThat(EndToEndTest.annotations(r).path("encoding_declared").asText())
                        .startsWith("emacs:gbk rejected: implausible as GBK (plausibility ");
            }
            String expected = r.get("path").asText().startsWith("gbk") ? "GB18030" : "UTF-8";
            assertThat(r.get("src_encoding").asText()).as(r.get("path").asText()).isEqualTo(
                    r.get("path").asText().equals("gbk_cookie.py") ? "GBK" : expected);
        }
    }

    private static String other(String path) {
        return path.startsWith("gbk") ? path.replaceFirst("^gbk", "utf8") : path.replaceFirst("^utf8", "gbk");
    }
}
