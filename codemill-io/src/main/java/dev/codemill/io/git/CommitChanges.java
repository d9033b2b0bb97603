package dev.codemill.io.git;

import dev.codemill.io.IngestRules;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.HistoryOptions;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Turns one commit into commit-change records ({@link HistoryKeys}): one document per changed
 * file, in the order of JGit's tree diff (path order), renames and copies paired by git's
 * similarity rule (60 %, {@code DiffFormatter.setDetectRenames}).
 *
 * <p>What is compared: a root commit against the empty tree; an ordinary commit against its
 * parent; a merge against its first parent, keeping only the files whose result differs from
 * <em>every</em> parent (git's combined diff, {@code git show --cc}: the conflict resolutions and
 * evil changes, not the merged branch's own commits again).
 *
 * <p>The record's id is {@code DocId.of("git:" + repo_name + "@" + commit + ":" + path)} (path after
 * the commit; before it, for a deletion). Outcomes at ingest (ledger stage {@code ingest}):
 * <ul>
 *   <li>kept: a text change, its text the file after the commit, {@link HistoryKeys#OLD_CONTENT}
 *       the file before it ({@code ""} for an added or deleted side);</li>
 *   <li>{@code too_large} (quarantine): a side larger than {@code max_file_bytes} (value = its size,
 *       limit = the maximum; never read);</li>
 *   <li>{@code binary} (drop): a side with a NUL byte in its first 8,000 bytes (git's own test,
 *       {@link RawText#isBinary(byte[])});</li>
 *   <li>{@code not_utf8} (drop): a side that is not valid UTF-8 (never decoded to U+FFFD);</li>
 *   <li>{@code submodule}, {@code symlink} (drop): a gitlink or a symbolic link on either side.</li>
 * </ul>
 */
final class CommitChanges implements AutoCloseable {
    /** Ingest drop rules of commit changes that are not text. */
    static final String BINARY = "binary";
    static final String NOT_UTF8 = "not_utf8";
    static final String SUBMODULE = "submodule";
    static final String SYMLINK = "symlink";

    private final Repository repo;
    private final String origin;
    private final String repoName;
    private final long maxFileBytes;
    private final DiffFormatter diff;
    private final ObjectReader reader;

    CommitChanges(Repository repo, String origin, String repoName, long maxFileBytes, HistoryOptions h) {
        this.repo = repo;
        this.origin = origin;
        this.repoName = repoName;
        this.maxFileBytes = maxFileBytes;
        this.reader = repo.newObjectReader();
        this.diff = new DiffFormatter(DisabledOutputStream.INSTANCE);
        diff.setRepository(repo);
        diff.setDetectRenames(h.renames());
        if (!h.paths().isEmpty()) {
            diff.setPathFilter(PathFilterGroup.createFromStrings(h.paths()));
        }
    }

    @Override
    public void close() {
        diff.close();
        reader.close();
    }

    /** Sends every changed file of {@code c} (a commit of {@code walk}) to {@code out}. */
    void send(RevWalk walk, RevCommit c, Emitter out) throws IOException {
        List<RevCommit> parents = new ArrayList<>();
        for (RevCommit p : c.getParents()) {
            parents.add(walk.parseCommit(p));
        }
        ObjectId before = parents.isEmpty() ? null : parents.get(0).getTree();
        List<DiffEntry> entries = diff.scan(before, c.getTree());
        if (parents.size() > 1) {
            entries = combined(entries, parents);
        }
        List<String> parentIds = parents.stream().map(p -> p.getId().name()).toList();
        String full = c.getFullMessage();
        Annotations commit = Annotations.EMPTY
                .with(HistoryKeys.RECORD, HistoryKeys.COMMIT_CHANGE)
                .with(HistoryKeys.COMMIT, c.getId().name())
                .with(HistoryKeys.PARENTS, parentIds)
                .with(HistoryKeys.AUTHOR_TIME, c.getAuthorIdent().getWhenAsInstant().getEpochSecond())
                .with(HistoryKeys.SUBJECT, c.getShortMessage())
                .with(HistoryKeys.BODY, body(full))
                .with(HistoryKeys.COMMIT_FILES, (long) entries.size());
        for (DiffEntry e : entries) {
            sendOne(c, e, commit, out);
        }
    }

    /** The message after its first paragraph (git's body), blank lines around it removed. */
    static String body(String message) {
        String m = message.replace("\r\n", "\n");
        int i = m.indexOf("\n\n");
        if (i < 0) {
            return "";
        }
        return m.substring(i + 2).strip();
    }

    /** Of a merge's entries against its first parent, those whose result differs from every other parent too. */
    private List<DiffEntry> combined(List<DiffEntry> entries, List<RevCommit> parents) throws IOException {
        List<DiffEntry> out = new ArrayList<>();
        for (DiffEntry e : entries) {
            boolean differsFromAll = true;
            String path = e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
            ObjectId result = e.getChangeType() == DiffEntry.ChangeType.DELETE ? ObjectId.zeroId() : e.getNewId().toObjectId();
            for (int i = 1; i < parents.size() && differsFromAll; i++) {
                try (TreeWalk tw = TreeWalk.forPath(reader, path, parents.get(i).getTree())) {
                    ObjectId there = tw == null ? ObjectId.zeroId() : tw.getObjectId(0);
                    differsFromAll = !there.equals(result);
                }
            }
            if (differsFromAll) {
                out.add(e);
            }
        }
        return out;
    }

    private void sendOne(RevCommit c, DiffEntry e, Annotations commit, Emitter out) throws IOException {
        DiffEntry.ChangeType t = e.getChangeType();
        String path = t == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
        String oldPath = t == DiffEntry.ChangeType.ADD ? "" : e.getOldPath();
        SourceRef src = new SourceRef(origin, repoName, path);
        String key = "git:" + repoName + "@" + c.getId().name() + ":" + path;
        Annotations ann = commit.with(HistoryKeys.CHANGE, change(t)).with(HistoryKeys.OLD_PATH, oldPath);
        if (isLink(e, FileMode.GITLINK)) {
            drop(out, key, src, ann, Verdict.of(SUBMODULE, "a submodule (gitlink) changed; its files are in another repository"));
            return;
        }
        if (isLink(e, FileMode.SYMLINK)) {
            drop(out, key, src, ann, Verdict.of(SYMLINK, "a symbolic link on one side of the change; links are not followed"));
            return;
        }
        long oldSize = size(t != DiffEntry.ChangeType.ADD, e.getOldId().toObjectId());
        long newSize = size(t != DiffEntry.ChangeType.DELETE, e.getNewId().toObjectId());
        long larger = Math.max(oldSize, newSize);
        if (larger > maxFileBytes) {
            IngestRules.quarantine(out, key, src, larger, Verdict.of(IngestRules.TOO_LARGE, (oldSize > maxFileBytes ? "file before"
                    : "file after") + " the commit has " + larger + " bytes, over max_file_bytes", larger, maxFileBytes));
            return;
        }
        byte[] oldBytes = bytes(t != DiffEntry.ChangeType.ADD, e.getOldId().toObjectId());
        byte[] newBytes = bytes(t != DiffEntry.ChangeType.DELETE, e.getNewId().toObjectId());
        ann = ann.with(Keys.LENGTH_BYTES, (long) newBytes.length);
        if (RawText.isBinary(oldBytes) || RawText.isBinary(newBytes)) {
            drop(out, key, src, ann, Verdict.of(BINARY, "binary content (a NUL byte in the first 8,000 bytes) "
                    + (RawText.isBinary(newBytes) ? "after" : "before") + " the commit"));
            return;
        }
        String oldText = utf8(oldBytes);
        String newText = utf8(newBytes);
        if (oldText == null || newText == null) {
            drop(out, key, src, ann, Verdict.of(NOT_UTF8, "the file " + (newText == null ? "after" : "before")
                    + " the commit is not valid UTF-8"));
            return;
        }
        out.keep(Document.ofText(DocId.of(key), src, newText, ann.with(HistoryKeys.OLD_CONTENT, oldText)));
    }

    private static boolean isLink(DiffEntry e, FileMode mode) {
        return e.getOldMode() == mode || e.getNewMode() == mode;
    }

    private static void drop(Emitter out, String key, SourceRef src, Annotations ann, Verdict why) {
        out.drop(Document.ofText(DocId.of(key), src, "", ann), why);
    }

    private long size(boolean present, ObjectId id) throws IOException {
        return present ? reader.getObjectSize(id, Constants.OBJ_BLOB) : 0;
    }

    private byte[] bytes(boolean present, ObjectId id) throws IOException {
        return present ? reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE - 16) : new byte[0];
    }

    /**
     * Strict UTF-8, or null when the bytes are not UTF-8. A byte-order mark stays (as U+FEFF), so
     * that the text is exactly what {@code git show} prints.
     */
    static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }

    static String change(DiffEntry.ChangeType t) {
        return switch (t) {
            case ADD -> "added";
            case MODIFY -> "modified";
            case DELETE -> "deleted";
            case RENAME -> "renamed";
            case COPY -> "copied";
        };
    }
}
