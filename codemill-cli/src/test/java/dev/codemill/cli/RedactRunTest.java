package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codemill run} with the default recipe on a small settings file: the redact stage's
 * ledger rows (one per span), its counters in stats.json, and the warning of the decontaminate
 * stage without benchmarks (stats.json and stderr).
 */
class RedactRunTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    static final String SETTINGS = """
            # Site settings for the staging deployment.
            import os

            ADMINS = ["alice@example.org", "bob.smith@corp-mail.com"]
            DNS_SERVER = "81.2.69.160"


            def admin_addresses():
                \"\"\"Return the addresses that receive error reports.\"\"\"
                return [a.lower() for a in ADMINS if a]
            """;

    @Test
    void ledgerHasOneRowPerSpanAndStatsHaveCountersAndTheWarning(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("settings.py"), SETTINGS);
        Path out = tmp.resolve("out");
        int rc = Main.execute("run", in.toString(), "-o", out.toString(), "--threads", "1", "-q", "--format", "jsonl");
        assertThat(rc).as(console.stderr()).isZero();

        List<JsonNode> ledger = EndToEndTest.rows(out.resolve("ledger"));
        // The recipe seed (1234) picks the IP replacement.
        assertThat(ledger).extracting(r -> String.join("|", r.get("stage").asText(), r.get("rule").asText(),
                        r.get("action").asText(), r.get("value").asText(), r.get("limit").asText(), r.get("detail").asText()))
                .containsExactly(
                        "redact|redact_email|modify|66-83|null|<EMAIL>", // no limit: JSON null
                        "redact|redact_email|modify|87-110|null|<EMAIL>",
                        "redact|redact_ipv4|modify|127-138|null|203.0.113.90");
        assertThat(SETTINGS.substring(66, 83)).isEqualTo("alice@example.org");
        assertThat(SETTINGS.substring(87, 110)).isEqualTo("bob.smith@corp-mail.com");
        assertThat(SETTINGS.substring(127, 138)).isEqualTo("81.2.69.160");
        List<JsonNode> data = EndToEndTest.rows(out.resolve("data"));
        assertThat(data).hasSize(1);
        assertThat(data.get(0).get("content").asText()).contains("ADMINS = [\"<EMAIL>\", \"<EMAIL>\"]")
                .contains("DNS_SERVER = \"203.0.113.90\"");

        JsonNode stats = EndToEndTest.JSON.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.at("/documents/in").asLong()).isEqualTo(1);
        assertThat(stats.at("/documents/kept").asLong()).isEqualTo(1);
        assertThat(stats.get("conservation_holds").asBoolean()).isTrue();
        // Documents per rule, not rows: one document with two e-mail spans counts 1.
        assertThat(stats.at("/decisions/redact").toString()).isEqualTo("{\"modify:redact_email\":{\"documents\":1,\"bytes\":"
                + SETTINGS.length() + "},\"modify:redact_ipv4\":{\"documents\":1,\"bytes\":" + SETTINGS.length() + "}}");
        assertThat(stats.at("/metrics/redact").toString()).isEqualTo("{\"spans.email\":2,\"spans.ipv4\":1}");
        assertThat(stats.get("warnings").toString()).isEqualTo("[{\"stage\":\"decontaminate\",\"message\":\""
                + dev.codemill.stages.decont.DecontaminateStage.WARNING_NO_BENCHMARKS + "\"}]");
        assertThat(console.stderr()).containsOnlyOnce(
                "codemill: warning: decontaminate: " + dev.codemill.stages.decont.DecontaminateStage.WARNING_NO_BENCHMARKS);
    }
}
