package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, resume: a run killed with SIGKILL at seeded random points and then run again with
 * {@code --resume} writes the same OUT as an uninterrupted run (every file, the branch folder
 * {@code OUT/fim/} and the mixture's token output included; stats.json but its timings;
 * report.html present), and redoes only unfinished work (the resumed run reports the splits and
 * phases the killed one had marked done, read from its marker log before the resume).
 *
 * <p>The default test run kills {@value #DEFAULT_KILLS} times (about a minute and a half here);
 * {@code -Dcodemill.resume.kills=N} kills N times (docs/reliability.md records a run of 12).
 */
class ResumeKillTest {
    static final int DEFAULT_KILLS = 3;

    @TempDir
    Path tmp;

    /**
     * A JSONL dump of {@code n} small Python files in 30 repositories, with exact and near
     * duplicates (the default recipe's group and cluster stages have work) and two malformed lines.
     */
    static Path dump(Path dir, int n) throws Exception {
        Random r = new Random(1414);
        ObjectMapper json = new ObjectMapper();
        StringBuilder b = new StringBuilder();
        String[] words = {"count", "total", "items", "value", "index", "name", "path", "size", "limit", "offset",
                "buffer", "record", "result", "parser", "token", "window", "score", "weight", "cache", "queue"};
        List<String> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String content;
            if (i % 10 == 7) {
                content = made.get(r.nextInt(made.size())); // exact duplicate
            } else if (i % 10 == 3 && !made.isEmpty()) {
                content = made.get(r.nextInt(made.size())) + "\n# note " + i + "\n"; // near duplicate
            } else {
                StringBuilder c = new StringBuilder("import os\nimport sys\n\n");
                int fns = 2 + r.nextInt(4);
                for (int f = 0; f < fns; f++) {
                    String a = words[r.nextInt(words.length)];
                    String w = words[r.nextInt(words.length)];
                    c.append("def ").append(a).append('_').append(w).append('_').append(i).append("(").append(a)
                            .append(", ").append(w).append("):\n");
                    c.append("    \"\"\"Return the ").append(w).append(" of ").append(a).append(".\"\"\"\n");
                    c.append("    ").append(w).append(" = ").append(a).append(" * ").append(r.nextInt(100)).append('\n');
                    c.append("    for k in range(").append(r.nextInt(50)).append("):\n");
                    c.append("        ").append(w).append(" += k % ").append(1 + r.nextInt(9)).append('\n');
                    c.append("    return ").append(w).append("\n\n");
                }
                content = c.toString();
                made.add(content);
            }
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("repo_name", "org" + (i % 30) + "/repo" + (i % 30));
            rec.put("path", "pkg/mod_" + i + ".py");
            rec.put("content", content);
            b.append(json.writeValueAsString(rec)).append('\n');
            if (i == n / 6 || i == 2 * n / 3) {
                b.append("{\"repo_name\": \"broken\", \"content\": \n");
            }
        }
        Path f = dir.resolve("dump.jsonl");
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        return f;
    }

    static Path dump(Path dir) throws Exception {
        return dump(dir, 600);
    }

    /** The default recipe with 8 KiB splits and a mixture plan (an aggregate stage; its budget needs repeats). */
    static Path recipe(Path dir) throws Exception {
        String text = SplitRunTest.recipe(8192) + """

                mix:
                  total_tokens: 150000
                  by: language
                  targets: {Python: 1.0}
                  max_epochs: 3
                """;
        Path f = dir.resolve("recipe.yaml");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    @Timeout(value = 1800, unit = TimeUnit.SECONDS)
    void killedAtSeededRandomPointsAndResumedTheOutputIsTheSameBytes() throws Exception {
        int kills = Integer.getInteger("codemill.resume.kills", DEFAULT_KILLS);
        Path input = dump(tmp, 300);
        Path recipe = recipe(tmp);
        Path ref = tmp.resolve("ref");
        Path refLog = tmp.resolve("ref.log");
        String[] common = {"run", input.toString(), "-q", "--threads", "2", "--recipe", recipe.toString(), "--fim"};
        Process p = Forked.start("512m", refLog, args(common, "-o", ref.toString()));
        // Kill points are progress events, not times (the machine's speed varies): how many marker
        // lines the uninterrupted run writes (header, one per split, one per phase and branch).
        int markers = 0;
        String refMarkers = "";
        while (p.isAlive()) {
            String now = complete(ref.resolve(LOG));
            if (now.length() > refMarkers.length()) {
                refMarkers = now;
                markers = (int) now.chars().filter(c -> c == '\n').count();
            }
            Thread.sleep(1);
        }
        assertThat(p.waitFor()).as(Files.readString(refLog)).isZero();
        assertThat(markers).isGreaterThan(10);
        int phases = (int) refMarkers.lines().filter(l -> l.startsWith("phase ")).count();
        int splits = (int) refMarkers.lines().filter(l -> l.startsWith("split ")).count();
        assertThat(phases).as("reading, 5 group/cluster stages in 4 spill rounds (licence and repository tests "
                + "share one), the fim branch").isEqualTo(6);
        Map<String, String> expected = Forked.output(ref);
        assertThat(expected).containsKeys("stats.json", "manifest.json", "report.html", "data/part-00000.parquet",
                "fim/data/part-00000.parquet", "fim/stats.json", "tokens/megatron-00000.bin");

        // Each killed run replaces an earlier run's OUT (another input): after the kill, a reader
        // never finds a new stats.json next to the earlier run's report.html (issue 14 §7).
        Path prevInput = tmp.resolve("prev.jsonl");
        Files.write(prevInput, Files.readAllLines(input).subList(0, 60));
        Path prev = tmp.resolve("prev");
        Process first = Forked.start("512m", tmp.resolve("prev.log"), "run", prevInput.toString(), "-q", "--recipe",
                recipe.toString(), "--fim", "-o", prev.toString());
        assertThat(first.waitFor()).as(Files.readString(tmp.resolve("prev.log"))).isZero();
        byte[] prevStats = Files.readAllBytes(prev.resolve("stats.json"));
        byte[] prevReport = Files.readAllBytes(prev.resolve("report.html"));

        Random rnd = new Random(14);
        List<String> where = new ArrayList<>();
        int skipped = 0;
        for (int k = 0; k < kills; k++) {
            Path out = tmp.resolve("o" + k);
            Path log = tmp.resolve("o" + k + ".log");
            copyTree(prev, out);
            Process killed = Forked.start("512m", log, args(common, "-o", out.toString()));
            // every third kill lands in the branch, writing or publishing (publish order, issue 14
            // §7): once staged output exists, once the main manifest is staged, or right after the
            // new stats.json; the others after a random number of marker lines or phase P's marker
            String point;
            boolean late = k % 3 == 2;
            if (late) {
                int anchor = rnd.nextInt(3);
                point = List.of("staging", "staged", "published").get(anchor);
                waitUntil(killed, () -> switch (anchor) {
                    case 0 -> Files.exists(out.resolve(STAGED));
                    case 1 -> Files.exists(out.resolve(STAGED).resolve("manifest.json"));
                    default -> Files.exists(out.resolve("stats.json"))
                            && !Arrays.equals(Files.readAllBytes(out.resolve("stats.json")), prevStats);
                });
            } else if (k % 3 == 1) {
                int phase = rnd.nextInt(phases - 1); // 0: reading … 5: near_dedup; the kill lands in the next one
                point = "phase " + phase + " marker";
                waitUntil(killed, () -> complete(out.resolve(LOG)).contains("\nphase " + phase + " "));
            } else {
                int n = 2 + rnd.nextInt(markers - 1);
                point = n + " marker lines";
                waitUntil(killed, () -> lines(out.resolve(LOG)) >= n);
            }
            long delay = rnd.nextInt(late ? 50 : 200);
            boolean exited = killed.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!exited) {
                killed.destroyForcibly(); // SIGKILL
                killed.waitFor();
            }
            String[] state = state(out, splits, phases);
            where.add(point + " + " + delay + " ms: " + (exited ? "finished" : state[0]));
            Path stats = out.resolve("stats.json");
            Path report = out.resolve("report.html");
            boolean newStats = Files.exists(stats) && !Arrays.equals(Files.readAllBytes(stats), prevStats);
            boolean oldReport = Files.exists(report) && Arrays.equals(Files.readAllBytes(report), prevReport);
            assertThat(newStats && oldReport).as("new stats.json next to the old report.html: " + where.get(k)).isFalse();

            Files.deleteIfExists(log);
            Process resumed = Forked.start("512m", log, args(common, "-o", out.toString(), "--resume"));
            assertThat(resumed.waitFor()).as(Files.readString(log)).isZero();
            Map<String, String> got = Forked.output(out);
            List<String> differ = new ArrayList<>();
            for (String key : new java.util.TreeSet<>(expected.keySet())) {
                if (!expected.get(key).equals(got.get(key))) {
                    differ.add(key);
                }
            }
            assertThat(differ).as("files that differ after kill %d at %s", k, where.get(k)).isEmpty();
            assertThat(got).as("kill %d at %s", k, where.get(k)).isEqualTo(expected);
            assertThat(out.resolve(".codemill-work")).doesNotExist();
            // only unfinished work was redone: the resumed run starts from the killed run's markers
            String said = Files.readString(log);
            if (state[1] != null) {
                assertThat(said).as(where.get(k)).contains("codemill: resumed: " + state[1]);
                skipped++;
            } else {
                assertThat(said).doesNotContain("codemill: resumed:");
            }
        }
        System.out.println("ResumeKillTest: " + markers + " marker lines; kills: " + where);
        assertThat(skipped).as("kills after a marker resume from it: " + where).isGreaterThanOrEqualTo(kills / 2);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static String[] args(String[] common, String... more) {
        List<String> a = new ArrayList<>(List.of(common));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static final String LOG = ".codemill-work/resume.log";
    private static final String STAGED = ".codemill-work/out";

    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits until {@code c} holds or the process ends. */
    private static void waitUntil(Process p, Check c) throws Exception {
        while (p.isAlive()) {
            try {
                if (c.holds()) {
                    return;
                }
            } catch (java.io.IOException e) {
                // a file replaced while read: look again
            }
            Thread.sleep(1);
        }
    }

    /** The complete lines of {@code f} (up to its last newline); empty when absent. */
    private static String complete(Path f) {
        try {
            String s = new String(Files.readAllBytes(f), StandardCharsets.US_ASCII);
            return s.substring(0, s.lastIndexOf('\n') + 1);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Complete lines of {@code f}; 0 when absent. */
    private static int lines(Path f) {
        return (int) complete(f).chars().filter(c -> c == '\n').count();
    }

    /**
     * What the killed run had finished, in words, and what the resumed run must say it found
     * ({@code Checkpoint.summary}; null when there is nothing to resume from).
     */
    private static String[] state(Path out, int totalSplits, int phases) throws Exception {
        String log = complete(out.resolve(LOG));
        String files = (Files.exists(out.resolve("stats.json")) ? ", stats.json" : "")
                + (Files.exists(out.resolve("report.html")) ? ", report.html" : "");
        if (log.isEmpty()) {
            return new String[] {"no work folder" + files, null};
        }
        int splits = 0;
        int phase = -1;
        int phaseLines = 0; // phase indices skip the group stages fused into one round
        for (String line : log.split("\n")) {
            if (line.startsWith("split ")) {
                splits++;
            } else if (line.startsWith("phase ")) {
                phase = Integer.parseInt(line.split(" ")[1]);
                phaseLines++;
            }
        }
        String words = splits + " splits, phase " + (phase < 0 ? "none" : phase) + files;
        if (splits == 0 && phase < 0) {
            return new String[] {words, null};
        }
        String expected = (phase >= 0 ? totalSplits : splits) + " of " + totalSplits + " splits and " + phaseLines
                + " of " + phases + " phases were done";
        return new String[] {words, expected};
    }
}
