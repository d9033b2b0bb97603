package dev.codemill.stages.redact;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Case C17: exactly the must-redact spans are replaced, every must-not span is untouched. */
class RedactC17CaseTest {
    static final Path CASE = SharedData.path("cases", "C17_pii_false_positives");
    /** The case uses 203.0.113.0/24 for a real public address: documentation ranges not kept (its rule 5). */
    final Redactor redactor = new Redactor(new Redactor.Options(Set.copyOf(Redactor.TYPES), false, false, 3.0, 12, 0L));

    record Span(String file, int line, String text) {
    }

    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(CASE.resolve("expected_redactions.json").toFile());
    }

    /** (file, 1-based line, matched text) of every applied finding. */
    List<Span> found(String file) throws IOException {
        String text = Files.readString(CASE.resolve(file), StandardCharsets.UTF_8);
        List<Span> out = new ArrayList<>();
        for (Finding f : redactor.find(text)) {
            int line = 1 + (int) text.substring(0, f.start()).chars().filter(c -> c == '\n').count();
            out.add(new Span(file, line, text.substring(f.start(), f.end())));
        }
        return out;
    }

    @Test
    @NeedsShared("cases/C17_pii_false_positives")
    void exactlyTheMustRedactSpansAreFound() throws IOException {
        List<Span> want = new ArrayList<>();
        for (JsonNode n : expected().get("must_redact")) {
            want.add(new Span(n.get("file").asText(), n.get("line").asInt(), n.get("text").asText()));
        }
        List<Span> got = new ArrayList<>(found("settings.py"));
        got.addAll(found("CHANGELOG.md"));
        assertThat(want).hasSize(5);
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    @NeedsShared("cases/C17_pii_false_positives")
    void mustNotSpansAndEveryOtherByteAreUntouched() throws IOException {
        JsonNode mustNot = expected().get("must_not_redact");
        assertThat(mustNot).hasSize(14);
        for (String file : List.of("settings.py", "CHANGELOG.md")) {
            String text = Files.readString(CASE.resolve(file), StandardCharsets.UTF_8);
            String[] before = text.split("\n", -1);
            String[] after = redactor.redact(text).text().split("\n", -1);
            assertThat(after).hasSameSizeAs(before);
            for (JsonNode n : mustNot) {
                if (n.get("file").asText().equals(file)) {
                    int line = n.get("line").asInt();
                    assertThat(after[line - 1]).as(file + ":" + line).contains(n.get("text").asText());
                }
            }
        }
    }

    @Test
    @NeedsShared("cases/C17_pii_false_positives")
    void redactedFilesAreExactlyAsExpected() throws IOException {
        String settings = Files.readString(CASE.resolve("settings.py"), StandardCharsets.UTF_8);
        Redactor.Result r = redactor.redact(settings);
        String ip45 = r.findings().stream().filter(f -> f.type().equals("ipv4")).findFirst().orElseThrow().replacement();
        assertThat(ip45).isEqualTo(redactor.redact("UPSTREAM_HOST = \"203.0.113.45\"").findings().get(0).replacement());
        assertThat(r.text()).isEqualTo(settings
                .replace("dana.whitfield@example.com", "<EMAIL>")
                .replace("oncall-team@example.org", "<EMAIL>")
                .replace("\"203.0.113.45\"", "\"" + ip45 + "\"")
                .replace("203.0.113.0/24", r.findings().get(3).replacement() + "/24"));
        assertThat(r.detail()).isEqualTo("email=2 ipv4=2");
        String changelog = Files.readString(CASE.resolve("CHANGELOG.md"), StandardCharsets.UTF_8);
        assertThat(redactor.redact(changelog).text()).isEqualTo(changelog.replace("dana.whitfield@example.com", "<EMAIL>"));
    }
}
