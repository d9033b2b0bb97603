package dev.codemill.stages.dedup;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Verdict;
import java.util.List;

/**
 * Exact deduplication: documents with the same {@link ContentHash} form a group; the
 * {@link KeepRule} picks one to keep, the others are dropped with rule {@code exact_duplicate},
 * the kept copy's id in {@code kept_id}, the number of copies as value and 1 as limit. The kept
 * document carries the hash in {@code content_hash} and, when there were several copies, every
 * occurrence with its repository and licence in {@code duplicate_sources} ({@link Provenance}).
 */
public final class ExactDedupStage implements GroupStage {
    public static final String NAME = "exact_dedup";
    public static final String RULE = "exact_duplicate";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String key(Document doc) {
        if (!doc.isDecoded()) {
            return NOT_DECODED_KEY + doc.id().value(); // alone in its group, quarantined there
        }
        String cached = doc.get(Keys.CONTENT_HASH);
        return cached != null ? cached : ContentHash.of(doc.text());
    }

    /** Key prefix of a document without decoded text (never a content hash, which is hex). */
    private static final String NOT_DECODED_KEY = "not_decoded:";

    @Override
    public void processGroup(String key, List<Document> docs, Emitter out) {
        if (key.startsWith(NOT_DECODED_KEY)) {
            for (Document d : docs) {
                out.quarantine(d, Verdict.of("not_decoded", "exact_dedup needs decoded text; run the decode stage first"));
            }
            return;
        }
        Document kept = docs.stream().min(KeepRule.ORDER).orElseThrow();
        Document k = kept.with(Keys.CONTENT_HASH, key);
        out.keep(docs.size() > 1 ? k.with(Keys.DUPLICATE_SOURCES, Provenance.of(docs)) : k);
        for (Document d : docs) {
            if (d != kept) {
                String where = kept.source().repoName() + "/" + kept.source().path();
                out.drop(d, new Verdict(RULE, "same content (after dedup normalisation) as " + where
                        + "; value = copies of this content, limit = 1 kept; content hash " + key, Integer.toString(docs.size()), "1", kept.id().value()));
            }
        }
    }
}
