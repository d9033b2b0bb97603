package dev.codemill.stages.analysis.lex;

import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link LineLexer#classify}: how many lines are code, comment or blank, how
 * many code points are comment text ({@link #commentChars()}), which lines hold Python
 * docstrings, and each line's kind.
 *
 * <p>Rule (case C14): a line with any code on it is code, also when a comment follows; a line
 * whose only non-blank content is comment is a comment line; a line of string or heredoc body
 * is code; a line holding only whitespace (space, tab, form feed, {@code \r}, Unicode spaces, a
 * BOM) is blank wherever it is, also inside a comment or a string (as cloc and tokei count it).
 * Python docstrings (PEP 257) count as comment (case C16).
 */
public final class LineCounts {
    /** Kind of one line. */
    public enum Kind { CODE, COMMENT, BLANK }

    /**
     * One docstring: char offsets into the text ({@code end} exclusive, prefix and quotes
     * included) and 1-based first/last line.
     */
    public record Span(int start, int end, int firstLine, int lastLine) {
    }

    private final long code;
    private final long comment;
    private final long blank;
    private final long commentChars;
    private final boolean exact;
    private final byte[] kinds;
    private final int[] docstringLines;
    private final List<Span> docstrings;

    LineCounts(long code, long comment, long blank, long commentChars, boolean exact, byte[] kinds, int[] docstringLines,
               List<Span> docstrings) {
        this.code = code;
        this.comment = comment;
        this.blank = blank;
        this.commentChars = commentChars;
        this.exact = exact;
        this.kinds = kinds;
        this.docstringLines = docstringLines;
        this.docstrings = List.copyOf(docstrings);
    }

    public long code() {
        return code;
    }

    public long comment() {
        return comment;
    }

    public long blank() {
        return blank;
    }

    /**
     * Code points inside comments, the comment markers included: a line comment from its marker
     * up to (not including) the line terminator ({@code \n} or {@code \r\n}); a block comment
     * from its opener through its closer, line breaks and nested levels included (an unclosed one
     * up to the end of the text); Ruby {@code =begin}…{@code =end} and Perl POD blocks from the
     * first through the last line, less the last terminator; a Python docstring (PEP 257) from its
     * prefix and opening quotes through its closing quotes. String literals, heredocs, regex
     * literals and char literals never count, whatever they contain. This is the numerator of
     * BigCode's comment ratio (SantaCoder, Allal et al. 2023: comment characters from Python's
     * tokenizer plus docstrings from {@code ast}; from pygments for Java/JavaScript). 0 when
     * {@link #exact()} is false. Unit: Unicode code points (a surrogate pair counts once).
     */
    public long commentChars() {
        return commentChars;
    }

    /** code + comment + blank, equal to {@link dev.codemill.stages.analysis.text.LineStats#numLines()} of the same text. */
    public long lines() {
        return code + comment + blank;
    }

    /**
     * True when the language had a syntax entry; false when only blank vs non-blank was told
     * apart (every non-blank line counted as code).
     */
    public boolean exact() {
        return exact;
    }

    /** Kind of line {@code lineNumber} (1-based). */
    public Kind kind(int lineNumber) {
        byte f = kinds[lineNumber - 1];
        return (f & LineLexer.CODE) != 0 ? Kind.CODE : (f & LineLexer.COMMENT) != 0 ? Kind.COMMENT : Kind.BLANK;
    }

    /**
     * 1-based numbers of the lines a Python docstring spans (sorted; blank lines inside a
     * docstring are included here although they count as blank). Empty for other languages.
     */
    public int[] docstringLines() {
        return docstringLines.clone();
    }

    /** The docstrings found, in text order (Python only). */
    public List<Span> docstrings() {
        return docstrings;
    }

    @Override
    public String toString() {
        return "LineCounts[code=" + code + ", comment=" + comment + ", blank=" + blank + ", commentChars=" + commentChars
                + ", exact=" + exact
                + ", docstringLines=" + Arrays.toString(docstringLines) + "]";
    }
}
