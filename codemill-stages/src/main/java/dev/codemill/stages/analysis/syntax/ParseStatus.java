package dev.codemill.stages.analysis.syntax;

/** How a parse ended (see {@link Parsers#parseWithin}). */
public enum ParseStatus {
    /** The whole tree was exported. */
    COMPLETE,
    /** The tree has more nodes than allowed; the first nodes in pre-order were exported. */
    TRUNCATED,
    /** The parse used up its CPU-time budget and was abandoned: no tree. */
    TIMED_OUT,
    /** tree-sitter returned no tree for another reason. */
    FAILED,
    /** No grammar for the language here. */
    UNSUPPORTED,
    /** {@link Parsers#parseBounded}: the text has more UTF-8 bytes than the budget; not parsed. */
    TOO_LARGE,
    /** {@link Parsers#parseBounded}: the tree is deeper than the budget; no tree. */
    TOO_DEEP
}
