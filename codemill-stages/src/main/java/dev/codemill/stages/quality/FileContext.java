package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.text.TextShape;
import dev.codemill.stages.analysis.syntax.LanguageRules;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import dev.codemill.stages.analysis.lex.LineCounts;
import dev.codemill.stages.analysis.lex.LineLexer;
import java.util.ArrayList;
import java.util.List;

/**
 * One file as the checkers see it: text, path, language, its lines, the line classification of
 * {@link LineLexer} (code/comment/blank), {@link TextShape} (computed once, on demand) and the
 * syntax tree when the language has a grammar and parsing is on.
 *
 * <p>Lines are {@code \n}-separated (a {@code \r} before the {@code \n} is dropped); an empty text
 * has no line. Not thread-safe (lazy fields); one per document.
 */
public final class FileContext {
    private final String text;
    private final String path;
    private final String language;
    private final SyntaxTree tree;
    private final LanguageRules rules;
    private final List<String> lines;
    private LineCounts counts;
    private TextShape shape;
    private StructureScan scan;
    private Boolean repoHasTests;
    private String testedBy;

    public FileContext(String text, String path, String language, SyntaxTree tree) {
        this.text = text;
        this.path = path == null ? "" : path;
        this.language = language;
        this.tree = tree;
        this.rules = tree == null ? null : LanguageRules.of(language);
        this.lines = split(text);
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int e = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(text.substring(start, e));
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return out;
    }

    public String text() {
        return text;
    }

    /** Path inside the repository or archive, {@code /}-separated (may be empty). */
    public String path() {
        return path;
    }

    /** File name without directories. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /**
     * Sets what the {@code repo_tests} stage found (both may be null: not known).
     *
     * @return this
     */
    public FileContext repository(Boolean repoHasTests, String testedBy) {
        this.repoHasTests = repoHasTests;
        this.testedBy = testedBy;
        return this;
    }

    /** Whether the repository has tests; null when no {@code repo_tests} stage ran. */
    public Boolean repoHasTests() {
        return repoHasTests;
    }

    /** A test of the same repository covering this file, or null. */
    public String testedBy() {
        return testedBy;
    }

    /** linguist language name, or null. */
    public String language() {
        return language;
    }

    /** The syntax tree, or null (no grammar, parsing off, or too big). */
    public SyntaxTree tree() {
        return tree;
    }

    /** Node-type rules of the grammar, null exactly when {@link #tree()} is. */
    public LanguageRules rules() {
        return rules;
    }

    /** The lines (without terminators). */
    public List<String> lines() {
        return lines;
    }

    public LineCounts lineCounts() {
        if (counts == null) {
            counts = LineLexer.classify(text, language);
        }
        return counts;
    }

    public TextShape shape() {
        if (shape == null) {
            shape = TextShape.measure(text);
        }
        return shape;
    }

    /** The lexer-level structure (functions, declared names) for checkers without a tree. */
    StructureScan scan() {
        if (scan == null) {
            scan = StructureScan.of(this);
        }
        return scan;
    }

    /** 1-based code-point column of char index {@code charIndex} in line {@code line} (1-based). */
    public int column(int line, int charIndex) {
        String l = lines.get(line - 1);
        return l.codePointCount(0, Math.min(charIndex, l.length())) + 1;
    }
}
