package dev.codemill.model;

import java.util.List;

/**
 * Annotation keys of a commit-change record: one changed file of one commit, read from a git
 * repository's history ({@code ingest.history}, {@code docs/history.md}). The record's text is
 * the file after the commit ({@code ""} when deleted); its path is the path after the commit
 * (before it, when deleted). Names follow CommitPackFT's columns where one exists
 * ({@code old_contents} there is {@link #OLD_CONTENT} here; {@code subject}, {@code message}).
 */
public final class HistoryKeys {
    private HistoryKeys() {
    }

    /** Value of {@link #RECORD} on a commit-change record. */
    public static final String COMMIT_CHANGE = "commit_change";

    /** What a document is when it is not a file of a snapshot: {@value #COMMIT_CHANGE}. Absent on files. */
    public static final Key<String> RECORD = Key.of("record", String.class);
    /** Full hex id of the commit (40 characters for SHA-1 repositories). */
    public static final Key<String> COMMIT = Key.of("commit", String.class);
    /** Hex ids of the commit's parents, in git's order (first parent first); empty for a root commit. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> PARENTS = (Key) Key.of("parents", List.class);
    /** Author time, seconds since the Unix epoch (UTC). */
    public static final Key<Long> AUTHOR_TIME = Key.of("author_time", Long.class);
    /** First line of the commit message (git's subject: the first paragraph joined by spaces). */
    public static final Key<String> SUBJECT = Key.of("subject", String.class);
    /** The rest of the commit message after the subject and its blank line; may be empty. */
    public static final Key<String> BODY = Key.of("body", String.class);
    /** How the file changed: {@code added}, {@code modified}, {@code deleted}, {@code renamed} or {@code copied}. */
    public static final Key<String> CHANGE = Key.of("change", String.class);
    /** Path before the commit (differs from the path only for {@code renamed} and {@code copied}); empty when added. */
    public static final Key<String> OLD_PATH = Key.of("old_path", String.class);
    /** The file before the commit (CommitPackFT's {@code old_contents}); {@code ""} when added. */
    public static final Key<String> OLD_CONTENT = Key.of("old_content", String.class);
    /** Number of files the commit changed (after path filters, rename detection and, for merges, the combined-diff rule). */
    public static final Key<Long> COMMIT_FILES = Key.of("commit_files", Long.class);
}
