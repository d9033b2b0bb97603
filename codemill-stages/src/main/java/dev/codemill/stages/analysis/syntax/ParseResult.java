package dev.codemill.stages.analysis.syntax;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Parsers#parseWithin} gives: the tree (present when {@code status} is
 * {@link ParseStatus#COMPLETE} or {@link ParseStatus#TRUNCATED}) and how the parse ended.
 *
 * @param tree      the tree or null
 * @param status    how the parse ended
 * @param nativeWalk whether the tree was exported by the native walk ({@link NativeTrees}) rather
 *                  than the pure-Java one (both give the same nodes)
 */
public record ParseResult(SyntaxTree tree, ParseStatus status, boolean nativeWalk) {
    public ParseResult {
        Objects.requireNonNull(status, "status");
        if ((tree != null) != (status == ParseStatus.COMPLETE || status == ParseStatus.TRUNCATED)) {
            throw new IllegalArgumentException("a tree exactly when the status is COMPLETE or TRUNCATED: " + status);
        }
    }

    public Optional<SyntaxTree> optionalTree() {
        return Optional.ofNullable(tree);
    }
}
