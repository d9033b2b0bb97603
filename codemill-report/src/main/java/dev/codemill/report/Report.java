package dev.codemill.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The report of a finished run, for library users and the CLI ({@code codemill report OUT}, and
 * {@code codemill run} at its end).
 *
 * <p>Reads (see {@link ReportInput}) {@code OUT/stats.json} (required), {@code OUT/manifest.json}
 * and {@code OUT/examples.json} (optional), and writes {@code OUT/report.html}: one
 * self-contained page (ECharts inlined, the data inlined as JSON, nothing fetched) with the run's
 * summary, its warnings, charts with the count on every bar (documents and bytes through each
 * stage, language mix, quality scores and tiers, near-duplicate cluster sizes, licences,
 * redactions, mixture), a table per stage and rule, examples of removed files per rule
 * (redacted), the largest near-duplicate clusters with paths and a gallery per quality tier.
 * Document texts can never break the page (escaped HTML, script-safe JSON).
 */
public final class Report {
    /** The report's file name in OUT. */
    public static final String FILE = ReportPage.FILE;

    private Report() {
    }

    /**
     * Builds {@code OUT/report.html} (through a temporary file and an atomic rename).
     *
     * @return the page's path
     * @throws java.nio.file.NoSuchFileException when OUT holds no stats.json
     * @throws IOException when a file cannot be read or written
     */
    public static Path write(Path out) throws IOException {
        return ReportPage.write(out);
    }

    /** The report's data (summary, chart options, tables), as inlined in the page; see {@link ReportData}. */
    public static ObjectNode data(Path out) throws IOException {
        return ReportData.build(out);
    }

    /** The page's HTML for already read files. */
    public static String html(ReportInput input) throws IOException {
        return ReportPage.html(ReportData.build(input));
    }
}
