package dev.codemill.model;

import java.util.List;

/**
 * The annotation keys every stage agrees on. Names follow The Stack v2's columns where one
 * exists, so the output loads into tools built for it.
 */
public final class Keys {
    private Keys() {
    }

    // detect
    /** Encoding the bytes were decoded from, e.g. {@code UTF-8}, {@code UTF-8 (BOM)}, {@code UTF-16LE}, {@code windows-1252}. */
    public static final Key<String> ENCODING = Key.of("encoding", String.class);
    /** Language name in linguist's spelling, e.g. {@code Python}, {@code C++}, {@code Objective-C}. */
    public static final Key<String> LANGUAGE = Key.of("language", String.class);
    /** How the language was found: {@code filename}, {@code extension}, {@code shebang}, {@code modeline}, {@code content:RULE}, {@code notebook}. */
    public static final Key<String> LANGUAGE_EVIDENCE = Key.of("language_evidence", String.class);
    /** linguist type of the language: {@code programming}, {@code markup}, {@code data} or {@code prose}. */
    public static final Key<String> LANGUAGE_TYPE = Key.of("language_type", String.class);
    /** A finer kind inside a language, e.g. {@code Qt translation source} for a {@code .ts} XML file, {@code notebook}. */
    public static final Key<String> SUBTYPE = Key.of("subtype", String.class);

    // stats (per file)
    /** Size of the original file in bytes (before decoding). */
    public static final Key<Long> LENGTH_BYTES = Key.of("length_bytes", Long.class);
    /** Number of lines: {@code \n}-separated, a final line without {@code \n} counts, an empty text has 0. */
    public static final Key<Long> NUM_LINES = Key.of("num_lines", Long.class);
    /** Longest line in code points. */
    public static final Key<Long> MAX_LINE_LENGTH = Key.of("max_line_length", Long.class);
    /** Mean line length in code points (line terminators excluded). */
    public static final Key<Double> AVG_LINE_LENGTH = Key.of("avg_line_length", Double.class);
    /** Share (0..1) of code points that are Unicode letters or digits ({@link Character#isLetterOrDigit(int)}). */
    public static final Key<Double> ALPHANUM_FRACTION = Key.of("alphanum_fraction", Double.class);
    public static final Key<Long> CODE_LINES = Key.of("code_lines", Long.class);
    public static final Key<Long> COMMENT_LINES = Key.of("comment_lines", Long.class);
    public static final Key<Long> BLANK_LINES = Key.of("blank_lines", Long.class);
    /**
     * Code points inside comments, comment markers included, Python docstrings counted as comment,
     * string literals never (BigCode's comment-ratio numerator, SantaCoder, Allal et al. 2023). Set
     * by the {@code stats} stage only when the language has an exact lexer entry.
     */
    public static final Key<Long> COMMENT_CHARS = Key.of("comment_chars", Long.class);

    // dedup and tokens
    /** Hex content hash after line-ending normalisation (exact dedup key). */
    public static final Key<String> CONTENT_HASH = Key.of("content_hash", String.class);
    public static final Key<Long> NUM_TOKENS = Key.of("num_tokens", Long.class);

    // redact
    /** Number of PII/secret spans the {@code redact} stage replaced in the text (0 when none). */
    public static final Key<Long> REDACTIONS = Key.of("redactions", Long.class);
    /** Detector types that fired, sorted, distinct, e.g. {@code [email, ipv4]}; empty when nothing was redacted. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> REDACTION_TYPES = (Key) Key.of("redaction_types", List.class);

    // metadata carried by dumps (The Stack v2 names)
    /**
     * The Stack v2's {@code blob_id} (Software Heritage content hash) of a dump record: a content
     * id shared by every copy of one file, kept as metadata, never the document id.
     */
    public static final Key<String> BLOB_ID = Key.of("blob_id", String.class);
    /** Dump field the content was read from, set only when it is an alias ({@code text}, {@code code}), not the content field. */
    public static final Key<String> CONTENT_FIELD = Key.of("content_field", String.class);
    public static final Key<Long> STARS = Key.of("star_events_count", Long.class);
    public static final Key<Long> FORKS = Key.of("fork_events_count", Long.class);
    public static final Key<String> LICENSE_TYPE = Key.of("license_type", String.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> DETECTED_LICENSES = (Key) Key.of("detected_licenses", List.class);
    /**
     * What decided {@link #DETECTED_LICENSES} (set by the {@code license} stage), e.g.
     * {@code spdx_header}, {@code file LICENSE MIT 0.981} (licence file, id, similarity),
     * {@code metadata package.json}, {@code none}.
     */
    public static final Key<String> LICENSE_EVIDENCE = Key.of("license_evidence", String.class);

    // quality (constitution); per-principle sub-scores are quality_<principle id> (Double)
    /** Weighted mean of the constitution's principle sub-scores, in [0, 1]. */
    public static final Key<Double> QUALITY_SCORE = Key.of("quality_score", Double.class);
    /** Tier of {@link #QUALITY_SCORE}: {@code A}, {@code B}, {@code C} or {@code D} (cut points in the constitution). */
    public static final Key<String> QUALITY_TIER = Key.of("quality_tier", String.class);
    /** Line-anchored critiques, each {@code principle:line:column: message}, in line order, capped. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> QUALITY_CRITIQUES = (Key) Key.of("quality_critiques", List.class);
    /** Whether a syntax tree was used (false: text-level principles only). */
    public static final Key<Boolean> QUALITY_PARSED = Key.of("quality_parsed", Boolean.class);
    /** Whether the document's repository holds at least one test file (set by the {@code repo_tests} stage). */
    public static final Key<Boolean> REPO_HAS_TESTS = Key.of("repo_has_tests", Boolean.class);
    /** Path of a test file of the same repository that covers this (non-test) file, by name or import; absent when none. */
    public static final Key<String> TESTED_BY = Key.of("tested_by", String.class);

    // fill-in-the-middle (fim stage)
    /** FIM layout of a transformed document: {@code psm} or {@code spm}; absent when not transformed. */
    public static final Key<String> FIM_MODE = Key.of("fim_mode", String.class);
    /** Start of the FIM middle, in code points of the original text (prefix = [0, start)). */
    public static final Key<Long> FIM_MIDDLE_START = Key.of("fim_middle_start", Long.class);
    /** End (exclusive) of the FIM middle, in code points of the original text (suffix = [end, n)). */
    public static final Key<Long> FIM_MIDDLE_END = Key.of("fim_middle_end", Long.class);
}
