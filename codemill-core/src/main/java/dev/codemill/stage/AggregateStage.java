package dev.codemill.stage;

import dev.codemill.model.Document;
import java.util.Map;

/**
 * A stage that sees every document that reaches it, as a mergeable summary, and then decides
 * once for the whole run (a token budget, a mixture). Written as a fold so that any runner can
 * compute it where the documents are:
 * <ol>
 *   <li>{@link #zero} per worker (a thread of the local runner, a Spark partition), then
 *       {@link #add} of each document, in any order;</li>
 *   <li>{@link #encode}/{@link #decode} to ship a worker's summary (Spark sends it to the driver);</li>
 *   <li>{@link #merge} of the workers' summaries, in any order;</li>
 *   <li>{@link #finish} on the merged summary: a {@link Decision} the writer applies.</li>
 * </ol>
 * Results must not depend on how the documents were split among workers or in which order the
 * summaries were merged: {@link #finish} of any merge tree of the same documents gives the same
 * decision ({@code add} and {@code merge} commutative and associative in their effect on it).
 *
 * <p>Runners run aggregate stages after every other stage of the recipe (a recipe that puts a
 * stage after one is refused); the recipe's {@code mix} section is one
 * ({@code dev.codemill.run.mix.MixStage}).
 *
 * @param <S> the summary: mutable, owned by one worker at a time
 */
public non-sealed interface AggregateStage<S> extends Stage {
    /** An empty summary. */
    S zero();

    /** {@code summary} with {@code doc} counted (may be {@code summary} itself, changed). */
    S add(S summary, Document doc);

    /** The union of two summaries (may be {@code a} itself, changed; {@code b} is not used afterwards). */
    S merge(S a, S b);

    /** The summary as bytes, to be {@link #decode decoded} in another JVM (same stage, same recipe). */
    byte[] encode(S summary);

    /** A summary {@link #encode encoded} by this stage. */
    S decode(byte[] bytes);

    /** The decision about the whole run, from the summary of all documents. */
    Decision finish(S merged);

    /** An aggregate never drops a document itself (its decision may leave documents out of token outputs). */
    @Override
    default boolean mayDropDocuments() {
        return false;
    }

    /**
     * What the writer applies after an aggregate stage: how many copies of each kept document go
     * to the token outputs (data formats always get each kept document once), and what it
     * reports in {@code stats.json} and {@code manifest.json} under {@link #reportKey()}.
     */
    interface Decision {
        /** Copies of {@code doc} in the token outputs: 0 (left out) to {@link #maxCopies()}. Default 1. */
        default int copies(Document doc) {
            return 1;
        }

        /** The most copies {@link #copies} gives any document (the writer's passes over the data). */
        default int maxCopies() {
            return 1;
        }

        /** The key of {@link #report()} in stats.json and manifest.json (e.g. {@code mixture}). */
        String reportKey();

        /** What the decision was and why, as JSON-ready maps, lists, strings and numbers. */
        Map<String, Object> report();
    }
}
