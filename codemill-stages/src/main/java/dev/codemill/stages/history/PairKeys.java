package dev.codemill.stages.history;

import dev.codemill.model.Key;
import java.util.List;

/** Annotation keys of the documents the history branches derive (commit pairs, revisions). */
public final class PairKeys {
    private PairKeys() {
    }

    /** The file after the commit (CommitPackFT's {@code new_contents}); a pair's text is its diff. */
    public static final Key<String> NEW_CONTENT = Key.of("new_content", String.class);
    /** Lines only in the file after the commit. */
    public static final Key<Long> LINES_ADDED = Key.of("lines_added", Long.class);
    /** Lines only in the file before the commit. */
    public static final Key<Long> LINES_REMOVED = Key.of("lines_removed", Long.class);
    /** Whether the commit is tagged a bug fix: its message names a fault and its diff is small. */
    public static final Key<Boolean> BUG_FIX = Key.of("bug_fix", Boolean.class);
    /** Critique ids of the quality constitution present before and gone after ({@code PRINCIPLE:KIND}), sorted, with repeats. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> CRITIQUES_RESOLVED = (Key) Key.of("critiques_resolved", List.class);
    /** The resolved critiques' messages as the constitution words them (before the change), in line order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> CRITIQUES = (Key) Key.of("critiques", List.class);
}
