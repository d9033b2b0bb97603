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
    /**
     * Set by {@code exact_dedup} on the kept copy: every occurrence of the content (the kept one
     * included), sorted by repository and path, each a JSON object
     * {@code {"repo_name":…,"path":…,"license_type":…,"detected_licenses":[…]}} (licence fields
     * absent when not annotated); so the repositories and licences a file was found under survive
     * dedup (BigCode's provenance table for The Stack).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> DUPLICATE_SOURCES = (Key) Key.of("duplicate_sources", List.class);
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
    /** GitHub's licence id of the repository as a dump carries it (The Stack v2, from GH Archive), e.g. {@code MIT}, {@code NOASSERTION}. */
    public static final Key<String> GHA_LICENSE_ID = Key.of("gha_license_id", String.class);
    /**
     * The SPDX expression the {@code license} stage reconciled for the file, canonical form, e.g.
     * {@code MIT OR Apache-2.0}, {@code GPL-2.0-only WITH Classpath-exception-2.0}; absent when none.
     */
    public static final Key<String> LICENSE_EXPRESSION = Key.of("license_expression", String.class);
    /**
     * Every source the {@code license} stage read for the file, winner first, each
     * {@code source:where EXPRESSION detail} and, after the first, {@code [agrees]} /
     * {@code [disagrees]} / {@code [disagrees, stricter]}, joined by {@code "; "}, e.g.
     * {@code file:LICENSE MIT 0.981; manifest:package.json MIT [agrees]; dump:gha_license_id MIT [agrees]};
     * {@code none} when nothing was found (docs/license.md).
     */
    public static final Key<String> LICENSE_EVIDENCE = Key.of("license_evidence", String.class);
    /** True for vendored third-party code (vendor/, node_modules/, .gitattributes linguist-vendored, ...). */
    public static final Key<Boolean> IS_VENDOR = Key.of("is_vendor", Boolean.class);
    /**
     * True for code a tool wrote (generator markers such as Go's {@code // Code generated ... DO NOT EDIT.},
     * lock files, {@code *.pb.go}, .gitattributes {@code linguist-generated} or {@code -diff}); The Stack v2's name.
     */
    public static final Key<Boolean> IS_GENERATED = Key.of("is_generated", Boolean.class);
    /**
     * What decided {@link #IS_VENDOR} (set by the {@code vendor} stage when a rule spoke, for or against),
     * e.g. {@code path:node_modules}, {@code gitattributes:-linguist-vendored (.gitattributes:3 jquery.js -linguist-vendored)};
     * absent when no rule matched.
     */
    public static final Key<String> VENDOR_EVIDENCE = Key.of("vendor_evidence", String.class);
    /**
     * What decided {@link #IS_GENERATED}, e.g. {@code header:Code generated .*DO NOT EDIT (line 32)},
     * {@code file_name:*.pb.go}, {@code gitattributes:linguist-generated (gen/.gitattributes:1 *.go linguist-generated)};
     * absent when no rule matched.
     */
    public static final Key<String> GENERATED_EVIDENCE = Key.of("generated_evidence", String.class);

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
    /**
     * Where the sentinels a stage inserted lie in the document's text ({@link dev.codemill.stage.Sentinels}):
     * {@code start-end} pairs of UTF-16 char offsets (start inclusive, end exclusive), comma-separated,
     * in text order, e.g. {@code 0-12,40-52,75-87}. The token formats encode these spans as the
     * tokenizer's special ids and everything else as ordinary text. Absent when the stage inserted none.
     */
    public static final Key<String> FIM_SENTINELS = Key.of("fim_sentinels", String.class);

    // derived documents (Emitter.emit)
    /**
     * Set by the runner on every document a stage {@linkplain dev.codemill.stage.Emitter#emit emitted}:
     * the recipe type of that stage, e.g. {@code repo_samples}. Absent on input documents. Run
     * statistics count a document that carries it under {@code derived}, apart from the inputs.
     */
    public static final Key<String> DERIVED_BY = Key.of("derived_by", String.class);
}
