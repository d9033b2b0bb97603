package dev.codemill.run;

import dev.codemill.metrics.RunStats;
import java.nio.file.Path;

/** What a finished run left: its statistics and where it wrote. */
public record RunResult(RunStats stats, double wallSeconds, Path outDir) {
}
