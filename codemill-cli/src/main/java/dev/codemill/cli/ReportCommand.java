package dev.codemill.cli;

import dev.codemill.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code codemill report OUT}: rebuilds OUT/report.html ({@link Report}). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild OUT/report.html (self-contained charts and examples) from a finished run's files.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "OUT", description = "output directory of a finished codemill run")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(out.resolve("stats.json"))) {
            throw new ExitCodes.UsageException(out + " holds no stats.json: not the output of a finished codemill run");
        }
        Path file = Report.write(out);
        System.err.println("codemill: wrote " + file);
        return Main.OK;
    }
}
