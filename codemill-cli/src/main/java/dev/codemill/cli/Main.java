package dev.codemill.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code codemill} command. Exit codes: 0 ok, 2 bad usage or recipe, 3 bad data that stopped
 * the run or an input lost whole at ingest (unless {@code --tolerate-bad-inputs}), 4 internal error. A usage error prints one line and a hint to {@code --help}.
 */
@Command(name = "codemill", mixinStandardHelpOptions = true, version = "codemill 0.1.0",
        description = "Refines raw source code into training data for code language models.",
        subcommands = {RunCommand.class, ValidateCommand.class, RecipeCommand.class, ExplainCommand.class,
                ReportCommand.class, EvalCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int BAD_DATA = 3;
    public static final int INTERNAL = 4;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            int code = ExitCodes.of(ex);
            // Messages and traces may quote input (a path, a malformed line): secrets out first.
            dev.codemill.run.TextRedactor redactor = dev.codemill.run.TextRedactor.load();
            line.getErr().println(redactor.redact("codemill: " + ExitCodes.message(ex)));
            if (code == INTERNAL) {
                java.io.StringWriter trace = new java.io.StringWriter();
                ex.printStackTrace(new java.io.PrintWriter(trace));
                line.getErr().print(redactor.redact(trace.toString()));
            }
            return code;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("codemill: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors on: one line, exit 3, never a stack trace (issue 14 §5)
            System.err.println("codemill: " + ExitCodes.outOfMemoryMessage());
            return BAD_DATA;
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
