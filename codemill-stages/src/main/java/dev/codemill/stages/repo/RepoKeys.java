package dev.codemill.stages.repo;

import dev.codemill.model.Key;
import java.util.List;

/**
 * Annotation keys of repository samples (defined here rather than in core's {@code Keys}; the
 * sample's token count uses {@link dev.codemill.model.Keys#NUM_TOKENS} and its dominant language
 * {@link dev.codemill.model.Keys#LANGUAGE}).
 */
public final class RepoKeys {
    private RepoKeys() {
    }

    /** Paths of the files in the sample, in concatenation order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> FILES = (Key) Key.of("repo_files", List.class);
    /** Distinct languages of the sample's files, sorted. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> LANGUAGES = (Key) Key.of("repo_languages", List.class);
    /** File order used: {@code dependency}, {@code path} or {@code random}. */
    public static final Key<String> ORDER = Key.of("repo_order", String.class);
    /** 0-based index of the sample within its repository. */
    public static final Key<Long> SAMPLE_INDEX = Key.of("repo_sample_index", Long.class);
    /** Number of samples the repository was split into. */
    public static final Key<Long> SAMPLE_COUNT = Key.of("repo_sample_count", Long.class);
    /** Resolved import edges whose importing file is in this sample. */
    public static final Key<Long> EDGES = Key.of("repo_edges", Long.class);
    /** Of {@link #EDGES}, those whose imported file appears earlier in the same sample. */
    public static final Key<Long> EDGES_BEFORE = Key.of("repo_edges_before", Long.class);
    /** Whether the sample is one file larger than the token budget. */
    public static final Key<Boolean> OVERSIZE = Key.of("repo_oversize", Boolean.class);
    /** Files of the sample transformed by per-file FIM. */
    public static final Key<Long> FIM_FILES = Key.of("repo_fim_files", Long.class);
}
