package dev.codemill.stages.analysis.exec;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Text a program printed that another run would print differently, so a record holding it cannot be
 * checked by running the program again: an object address ({@code <Box object at 0x7f3a…>}: CPython's
 * {@code id()}, different per process), a fresh temporary file or folder name ({@code tempfile}'s
 * {@code tmp} + 8 random characters of {@code [a-z0-9_]}, or any name under {@code /tmp/} other than the
 * sandbox's working folder {@code /tmp/w/}, which exists only because the run made it), or a timing
 * ({@code 0.013s}). Shared by the stages that keep tool output as data (debug pairs, repair tasks).
 */
public final class UnstableText {
    /** Reason: an object address. */
    public static final String ADDRESS = "address_in_message";
    /** Reason: a temporary file or folder name. */
    public static final String TEMPORARY = "temporary_name_in_message";
    /** Reason: a time measured by the run. */
    public static final String TIMING = "timing_in_message";

    private static final Pattern ADDRESS_PATTERN = Pattern.compile(" at 0x[0-9a-fA-F]+|0x[0-9a-fA-F]{6,}");
    private static final Pattern TEMPORARY_PATTERN = Pattern.compile(
            "/tmp/(?!w/)[^\\s\"']*tmp|\\btmp[a-z0-9_]{8}\\b|/tmp/(?!w/)[^\\s\"'/]*[a-z0-9_]{8}(?![^\\s\"'/])");
    private static final Pattern TIMING_PATTERN = Pattern.compile("\\d+\\.\\d{3}s\\b");

    private UnstableText() {
    }

    /** Why {@code text} would not be printed again alike ({@link #ADDRESS}, {@link #TEMPORARY}, {@link #TIMING}), or empty. */
    public static Optional<String> why(String text) {
        if (ADDRESS_PATTERN.matcher(text).find()) {
            return Optional.of(ADDRESS);
        }
        if (TEMPORARY_PATTERN.matcher(text).find()) {
            return Optional.of(TEMPORARY);
        }
        return TIMING_PATTERN.matcher(text).find() ? Optional.of(TIMING) : Optional.empty();
    }

    /** True when {@code text} holds nothing {@link #why} names. */
    public static boolean reproducible(String text) {
        return why(text).isEmpty();
    }
}
