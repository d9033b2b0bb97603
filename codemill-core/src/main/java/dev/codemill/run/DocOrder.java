package dev.codemill.run;

import dev.codemill.model.Document;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of documents in a group, a cluster unit and a data partition, on every runner: by
 * id, then (ids need not be unique: a dump's {@code blob_id}, one file reached twice) by origin,
 * repository, path and content (text after raw bytes), so that ties never fall back on the
 * order in which threads or tasks produced them.
 */
public final class DocOrder {
    private DocOrder() {
    }

    public static final Comparator<Document> ORDER = Comparator.comparing(Document::id)
            .thenComparing(d -> d.source().origin()).thenComparing(d -> d.source().repoName())
            .thenComparing(d -> d.source().path()).thenComparing(DocOrder::compareContent);

    private static int compareContent(Document a, Document b) {
        if (a.isDecoded() && b.isDecoded()) {
            return a.text().compareTo(b.text());
        }
        if (a.isDecoded() != b.isDecoded()) {
            return a.isDecoded() ? 1 : -1;
        }
        return Arrays.compare(a.bytes(), b.bytes());
    }
}
