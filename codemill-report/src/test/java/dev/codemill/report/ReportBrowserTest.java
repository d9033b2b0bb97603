package dev.codemill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html drawn by headless Chromium (Debian {@code chromium}, as {@code report-check.sh}
 * uses it), network blocked: every chart drew its data (data items, SVG shapes) and no text of a
 * chart (bar count, axis label or name, legend entry) lies outside its box. Skipped, saying so,
 * where Chromium is not installed; a screenshot goes to {@code target/report-browser.png}.
 */
class ReportBrowserTest {
    @TempDir
    Path tmp;

    static Optional<Path> chromium() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(n -> Path.of(dir, n)))
                .filter(Files::isExecutable).findFirst();
    }

    private static List<String> flags(Path chrome, Path profile) {
        return List.of(chrome.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--virtual-time-budget=10000", "--window-size=1300,4800");
    }

    @Test
    void everyChartDrawsItsDataAndNoTextIsCut() throws Exception {
        Optional<Path> chrome = chromium();
        Assumptions.assumeTrue(chrome.isPresent(), "chromium is not installed (apt-get install chromium): "
                + "the report is not checked in a browser here");
        Files.writeString(tmp.resolve("stats.json"), ReportDataTest.STATS);
        Files.writeString(tmp.resolve("manifest.json"), ReportDataTest.MANIFEST);
        Files.writeString(tmp.resolve("examples.json"), ReportDataTest.EXAMPLES);
        Path page = Report.write(tmp);
        List<String> dump = new java.util.ArrayList<>(flags(chrome.get(), tmp.resolve("profile")));
        dump.addAll(List.of("--dump-dom", page.toUri().toString()));
        Path dom = tmp.resolve("dom.html");
        Process p = new ProcessBuilder(dump).redirectOutput(dom.toFile()).redirectError(tmp.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        Document d = Jsoup.parse(Files.readString(dom));
        assertThat(d.body().attr("data-rendered")).as("the page's script ran to its end").isEqualTo("true");
        for (String id : ReportData.CHARTS) {
            Element chart = d.getElementById("chart-" + id);
            assertThat(Integer.parseInt(chart.attr("data-items"))).as(id + " data items").isPositive();
            assertThat(Integer.parseInt(chart.attr("data-shapes"))).as(id + " svg shapes").isGreaterThanOrEqualTo(3);
            assertThat(chart.attr("data-clipped")).as(id + " texts outside the chart").isEqualTo("0");
        }
        // The cluster bar of the single 1,680-file cluster is labelled on the page.
        assertThat(d.getElementById("chart-near_duplicates").select("text").eachText()).contains("1", "1,682");
        List<String> shot = new java.util.ArrayList<>(flags(chrome.get(), tmp.resolve("profile2")));
        Path png = Path.of("target", "report-browser.png").toAbsolutePath();
        shot.addAll(List.of("--screenshot=" + png, page.toUri().toString()));
        Process s = new ProcessBuilder(shot).redirectErrorStream(true).redirectOutput(tmp.resolve("shot.log").toFile()).start();
        assertThat(s.waitFor(90, TimeUnit.SECONDS)).isTrue();
    }
}
