package dev.codemill.run;

import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Verdict;

/**
 * Length limits of a document's names as it enters a run (issue 14 §5): a repository name,
 * path, id or origin longer than its limit is not a real one (GitHub names are at most
 * 39 + 1 + 100 characters, Linux paths 4,096 bytes) and breaks what is keyed by it
 * (stats.json and manifest.json count documents per repository: JSON readers refuse object
 * keys over 50,000 characters, Jackson's {@code StreamReadConstraints}). Such a document is
 * quarantined at ingest with rule {@value #RULE}, and the over-long field is cut to its limit
 * (followed by {@value #CUT}) in every row that names it, so no output holds it whole.
 */
public final class MetadataLimits {
    /** The ledger rule. */
    public static final String RULE = "overlong_metadata";
    /** Appended where a field was cut. */
    public static final String CUT = "…";
    /** Characters of {@code repo_name}. */
    public static final int REPO_NAME = 1024;
    /** Characters of {@code path} (Linux PATH_MAX is 4,096 bytes). */
    public static final int PATH = 4096;
    /** Characters of a document id. */
    public static final int ID = 1024;
    /** Characters of an origin (an input file, {@code a.zip!inner/entry}, {@code dump.jsonl:LINE}). */
    public static final int ORIGIN = 8192;

    private MetadataLimits() {
    }

    /** The quarantine verdict for {@code d}'s first over-long field, or null when all fit. */
    public static Verdict check(Document d) {
        SourceRef s = d.source();
        if (s.repoName().length() > REPO_NAME) {
            return verdict("repo_name", s.repoName().length(), REPO_NAME);
        }
        if (s.path().length() > PATH) {
            return verdict("path", s.path().length(), PATH);
        }
        if (d.id().value().length() > ID) {
            return verdict("id", d.id().value().length(), ID);
        }
        if (s.origin().length() > ORIGIN) {
            return verdict("origin", s.origin().length(), ORIGIN);
        }
        return null;
    }

    private static Verdict verdict(String field, int length, int limit) {
        return Verdict.of(RULE, field + " is " + length + " characters, over the limit of " + limit
                + " (cut in the ledger)", length, limit);
    }

    /** {@code d} with every over-long field cut to its limit; the same instance when all fit. */
    public static Document cut(Document d) {
        if (check(d) == null) {
            return d;
        }
        SourceRef s = d.source();
        SourceRef src = new SourceRef(cut(s.origin(), ORIGIN), cut(s.repoName(), REPO_NAME), cut(s.path(), PATH));
        DocId id = new DocId(cut(d.id().value(), ID));
        return d.isDecoded() ? Document.ofText(id, src, d.text(), d.annotations())
                : Document.ofBytes(id, src, d.bytes(), d.annotations());
    }

    private static String cut(String v, int limit) {
        if (v.length() <= limit) {
            return v;
        }
        int end = Character.isHighSurrogate(v.charAt(limit - 1)) ? limit - 1 : limit;
        return v.substring(0, end) + CUT;
    }
}
