package dev.codemill.stages.repo;

import dev.codemill.model.Key;
import java.util.List;

/**
 * Annotation keys of cross-file completion tasks ({@link CrossFileTasksStage}); defined here
 * rather than in core's {@code Keys}.
 */
public final class CrossFileKeys {
    private CrossFileKeys() {
    }

    /** Paths of the context files included in the task's content, in rank order (graph distance, then path). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> CONTEXT_FILES = (Key) Key.of("context_files", List.class);
    /** The file's text up to (not including) the target line. */
    public static final Key<String> PREFIX = Key.of("prefix", String.class);
    /** The expected line, without its line break. */
    public static final Key<String> TARGET = Key.of("target", String.class);
    /** The name used on the target line that another file of the repository defines. */
    public static final Key<String> TARGET_SYMBOL = Key.of("target_symbol", String.class);
    /** Path of the imported file that defines {@link #TARGET_SYMBOL}. */
    public static final Key<String> DEFINED_IN = Key.of("defined_in", String.class);
    /** {@code train} or {@code eval}, by a hash of the repository name (whole repositories). */
    public static final Key<String> SPLIT = Key.of("split", String.class);
    /** 1-based line number of the target in its file. */
    public static final Key<Long> TARGET_LINE = Key.of("target_line", Long.class);
    /** Tokens of the context part of the content (the files before the task's own file). */
    public static final Key<Long> CONTEXT_TOKENS = Key.of("context_tokens", Long.class);
}
