package dev.codemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs {@code codemill} in a forked JVM (the test's class path), for tests that signal or kill it. */
final class Forked {
    private Forked() {
    }

    /** Starts {@code codemill ARGS} in a new JVM with {@code -Xmx<heap>}; stdout and stderr go to {@code log}. */
    static Process start(String heap, Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Sends {@code signal} (e.g. "INT", "TERM") to {@code p} with kill(1). */
    static void signal(Process p, String signal) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        if (k.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + p.pid() + " failed");
        }
    }

    /**
     * Every file under OUT as hex bytes by relative path, but the parts that hold timings:
     * every stats.json (OUT's and each branch folder's) without {@code run.wall_seconds}, {@code mb_per_second}, {@code files_per_second},
     * {@code phase_seconds}; report.html only as present (it embeds them).
     */
    static Map<String, String> output(Path out) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(p).toString();
                if (rel.equals("report.html")) {
                    m.put(rel, "present");
                } else if (p.getFileName().toString().equals("stats.json")) { // a branch folder's too
                    ObjectNode stats = (ObjectNode) new ObjectMapper().readTree(p.toFile());
                    JsonNode run = stats.get("run");
                    if (run instanceof ObjectNode o) {
                        o.remove(List.of("wall_seconds", "mb_per_second", "files_per_second", "phase_seconds"));
                    }
                    m.put(rel, stats.toPrettyString());
                } else {
                    m.put(rel, HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }
}
