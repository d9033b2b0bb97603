package dev.codemill.stages.dedup;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import java.util.Comparator;

/**
 * Which copy of a duplicate group is kept: the first document in this order (BigCode's keep
 * rule for The Stack v2, restricted to the fields an input carries):
 * <ol>
 *   <li>{@code license_type} {@code permissive} before anything else (when annotated);</li>
 *   <li>more {@code star_events_count};</li>
 *   <li>more {@code fork_events_count};</li>
 *   <li>smaller document id, then smaller {@code repo_name}, then smaller path (a stable
 *       tie-break that does not depend on input order, also where copies share an id such as a
 *       dump's content-hash {@code blob_id}).</li>
 * </ol>
 * So with the {@code license} stage before dedup, a permissive policy (keeping
 * {@code license_type} permissive afterwards) keeps a permissively licensed copy whenever one
 * exists, and always the same one.
 * Missing fields count as "not permissive" and 0.
 */
public final class KeepRule {
    public static final Comparator<Document> ORDER = Comparator
            .comparing((Document d) -> "permissive".equals(d.get(Keys.LICENSE_TYPE)) ? 0 : 1)
            .thenComparing(d -> -d.annotations().getOr(Keys.STARS, 0L))
            .thenComparing(d -> -d.annotations().getOr(Keys.FORKS, 0L))
            .thenComparing(Document::id)
            .thenComparing(d -> d.source().repoName())
            .thenComparing(d -> d.source().path());

    private KeepRule() {
    }
}
