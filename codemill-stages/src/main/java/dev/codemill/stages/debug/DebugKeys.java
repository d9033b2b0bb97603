package dev.codemill.stages.debug;

import dev.codemill.model.Key;

/**
 * Annotation keys of debug pairs and repair tasks ({@link DebugPairsStage}, {@link RepairTasksStage});
 * a record's {@code content} is the mutant (the buggy file).
 */
public final class DebugKeys {
    private DebugKeys() {
    }

    /** The seed purpose of a document's mutant draw ({@code Seeds.rngFor(recipe seed, PURPOSE, id)}). */
    public static final String SEED_PURPOSE = "debug_pairs";
    /** The file before the mutation (the fix). */
    public static final Key<String> ORIGINAL = Key.of("original", String.class);
    /** Unified diff original → mutant. */
    public static final Key<String> DIFF = Key.of("diff", String.class);
    /** The {@link Operator#label()} that made the mutant. */
    public static final Key<String> OPERATOR = Key.of("operator", String.class);
    /** What the operator changed, e.g. {@code '<' -> '>='}. */
    public static final Key<String> MUTATION = Key.of("mutation", String.class);
    /** {@code compile}, {@code runtime} or {@code test}. */
    public static final Key<String> ERROR_KIND = Key.of("error_kind", String.class);
    /** The error as the tool printed it. */
    public static final Key<String> ERROR_MESSAGE = Key.of("error_message", String.class);
    /** 1-based line the tool named (0: none). */
    public static final Key<Long> ERROR_LINE = Key.of("error_line", Long.class);
    /** The file name the tool saw. */
    public static final Key<String> ERROR_FILE = Key.of("error_file", String.class);
    /** {@code javac}, {@code python3}, {@code node}. */
    public static final Key<String> TOOL = Key.of("tool", String.class);
    /** The tool's version. */
    public static final Key<String> TOOL_VERSION = Key.of("tool_version", String.class);
    /** The command line that prints the error again, run in a folder holding the file at {@link #ERROR_FILE}. */
    public static final Key<String> TOOL_COMMAND = Key.of("tool_command", String.class);
    /** Id of the source document the mutant was made from. */
    public static final Key<String> SOURCE_ID = Key.of("source_id", String.class);
    /** Repair tasks: the mutated function's qualified name. */
    public static final Key<String> FUNCTION = Key.of("function", String.class);
    /** Repair tasks: the test module run ({@code test.test_textwrap}). */
    public static final Key<String> TEST_MODULE = Key.of("test_module", String.class);
    /** Repair tasks: ids of the tests that passed on the original and fail on the mutant. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<java.util.List<String>> FAILING_TESTS = (Key) Key.of("failing_tests", java.util.List.class);
}
