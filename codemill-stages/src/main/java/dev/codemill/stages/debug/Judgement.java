package dev.codemill.stages.debug;

import java.util.Objects;

/**
 * What a real toolchain said about a mutant: the first error, exactly as the tool printed it.
 *
 * @param errorKind   {@code compile} (the compiler refused it), {@code runtime} (running it raised)
 *                    or {@code test} (a doctest or unit test that passed on the original failed)
 * @param message     the error message as printed (javac: the diagnostic's text, its detail lines
 *                    included; Python and Node: the exception line, e.g. {@code NameError: name 'x'
 *                    is not defined}; a doctest: its failure report from {@code Failed example:} on)
 * @param file        the file name the tool named
 * @param line        1-based line the tool named (0 when it named none)
 * @param tool        {@code javac}, {@code python3} or {@code node}
 * @param toolVersion the tool's version, e.g. {@code 17.0.15}, {@code 3.11.7}, {@code v20.20.2}
 * @param command     the command line that prints the error again, run in a folder holding the file
 *                    under {@code file} (e.g. {@code python3 -m doctest add.py})
 */
public record Judgement(String errorKind, String message, String file, int line, String tool, String toolVersion,
                        String command) {
    public static final String COMPILE = "compile";
    public static final String RUNTIME = "runtime";
    public static final String TEST = "test";

    public Judgement {
        Objects.requireNonNull(errorKind, "errorKind");
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a judgement needs a non-empty message");
        }
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(command, "command");
    }
}
