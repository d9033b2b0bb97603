package dev.codemill.stages.analysis.syntax;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Parsers#parseWithin} and {@link Parsers#parseBounded} give: the tree (present when
 * {@code status} is {@link ParseStatus#COMPLETE}, and for {@link ParseStatus#TRUNCATED} from
 * {@code parseWithin}) and how the parse ended.
 *
 * @param tree      the tree or null
 * @param status    how the parse ended
 * @param nativeWalk whether the tree was exported by the native walk ({@link NativeTrees}) rather
 *                  than the pure-Java one (both give the same nodes)
 * @param detail    why there is no tree, for people ({@code "4,312 levels deep > max depth 400"}),
 *                  or empty
 */
public record ParseResult(SyntaxTree tree, ParseStatus status, boolean nativeWalk, String detail) {
    public ParseResult(SyntaxTree tree, ParseStatus status, boolean nativeWalk) {
        this(tree, status, nativeWalk, "");
    }

    public ParseResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (tree != null ? status != ParseStatus.COMPLETE && status != ParseStatus.TRUNCATED : status == ParseStatus.COMPLETE) {
            throw new IllegalArgumentException("a tree only when the status is COMPLETE or TRUNCATED, always when COMPLETE: " + status);
        }
    }

    public Optional<SyntaxTree> optionalTree() {
        return Optional.ofNullable(tree);
    }
}
