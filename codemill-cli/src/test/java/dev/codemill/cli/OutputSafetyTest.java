package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI never writes into a folder it does not own, and content cannot break the report. */
class OutputSafetyTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    private Path corpus() throws Exception {
        Path repo = tmp.resolve("in/repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("page.py"), """
                # Renders a page; the template below holds markup that once broke HTML reports.
                TEMPLATE = "<!--<script>alert(1)</script>-->"
                FOOTER = "</script><script>document.title = 'x'</script>"


                def render(title):
                    \"\"\"Returns the page with its title filled in.\"\"\"
                    return TEMPLATE + title + FOOTER
                """);
        return tmp.resolve("in");
    }

    @Test
    void aFolderWithTheUsersDataIsRefusedUntouchedAndOverwriteWritesIt() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("data"));
        Files.writeString(out.resolve("data/notes.txt"), "mine");
        assertThat(Main.execute("run", corpus().toString(), "-o", out.toString(), "-q")).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("holds files Codemill did not write (data/)");
        assertThat(Files.readString(out.resolve("data/notes.txt"))).isEqualTo("mine");
        assertThat(out.resolve("stats.json")).doesNotExist();

        assertThat(Main.execute("run", corpus().toString(), "-o", out.toString(), "-q", "--overwrite")).isZero();
        assertThat(out.resolve("data/notes.txt")).doesNotExist();
        assertThat(out.resolve(".codemill-work")).doesNotExist();
        // Codemill's own folder from now on: a plain rerun is allowed.
        assertThat(Main.execute("run", corpus().toString(), "-o", out.toString(), "-q")).isZero();
    }

    @Test
    void anEmptyOutputPathIsAUsageError() throws Exception {
        assertThat(Main.execute("run", corpus().toString(), "-o", "", "-q")).isEqualTo(Main.USAGE);
        assertThat(console.stderr()).contains("the output folder is an empty path");
    }

    @Test
    void scriptBreakingContentStaysInsideTheReportsDataBlock() throws Exception {
        Path out = tmp.resolve("out");
        assertThat(Main.execute("run", corpus().toString(), "-o", out.toString(), "-q")).isZero();
        String html = Files.readString(out.resolve("report.html"));
        String open = "<script type=\"application/json\" id=\"report-data\">";
        int start = html.indexOf(open) + open.length();
        int end = html.indexOf("</script>", start);
        String json = html.substring(start, end);
        assertThat(json).doesNotContain("<").doesNotContain(">");
        JsonNode data = new ObjectMapper().readTree(json);
        assertThat(data.toString()).contains("<!--<script>alert(1)</script>-->");
    }

    @Test
    void scriptSafeKeepsTheParsedValue() throws Exception {
        String json = "{\"a\":\"<!--<script> & </script>\",\"b\":[1,2]}";
        String safe = dev.codemill.report.ReportPage.scriptSafe(json);
        assertThat(safe).isEqualTo("{\"a\":\"\\u003c!--\\u003cscript\\u003e \\u0026 \\u003c/script\\u003e\",\"b\":[1,2]}");
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(safe)).isEqualTo(m.readTree(json));
    }
}
