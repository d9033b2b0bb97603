package dev.codemill.io.archive;

import dev.codemill.io.Compression;
import dev.codemill.io.FileSplit;
import dev.codemill.io.IngestRules;
import dev.codemill.io.Limited;
import dev.codemill.io.StreamCheck;
import dev.codemill.io.archive.EntryNames.ArchiveKind;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads {@code .zip}, {@code .jar} and {@code .tar} archives, tars plain or with any stream
 * compression of {@link dev.codemill.io.Compression} ({@code .tar.gz .tgz .tar.xz .tar.bz2 .tar.zst
 * .tar.lz4 …}), entry by entry straight into documents: nothing is ever extracted to disk, and no link is
 * ever followed.
 *
 * <p><b>Names and repositories.</b> An archive is one repository; its {@code repo_name} is the
 * archive's file name without the extension ({@code repo_snapshot.tar} → {@code repo_snapshot}),
 * and a document's {@code path} is the full normalised entry name ({@code proj/src/ok.py}); a
 * shared top folder is kept, because a streamed tar cannot know that all entries share it before
 * its end. The id is {@code DocId.of(archiveFileName + "!" + entryName)}. An entry of a nested
 * archive has the path {@code outer/path/inner.zip!/entry} and the id key
 * {@code archive.zip!outer/path/inner.zip!entry}.
 *
 * <p><b>Refusals</b> (each entry is quarantined with a reason and reading goes on; rules in
 * {@link IngestRules}): names as in {@link EntryNames#normalise} ({@code absolute_path},
 * {@code path_traversal}, {@code bad_name}); symlinks ({@code symlink} if the target stays
 * inside the archive root, else {@code symlink_outside_root}; zip symlinks are found through
 * their Unix mode); an entry below an earlier symlink entry is {@code write_through_symlink};
 * tar hard links are {@code hardlink}; devices and FIFOs {@code special_file}; encrypted or
 * unsupported zip entries {@code unsupported_entry}; a zip entry whose CRC-32 or size differs from
 * the central directory or whose data cannot be inflated, and a tar entry whose header checksum
 * fails, {@code corrupt_entry} ({@link EntryCheck}); entries over
 * {@link IngestOptions#maxFileBytes()} {@code too_large} (by declared size, and while reading,
 * which never takes more than the limit + 1 bytes, whatever the header says).
 *
 * <p><b>Zip-bomb guard</b> (after the "expansion ratio" checks of zip-bomb scanners; the
 * default 100 is {@link IngestOptions#DEFAULTS}): an archive may expand to at most
 * {@code maxExpansionRatio × its compressed size} bytes. For a zip, the uncompressed bytes are
 * those read from entries; once past the budget the entry being read and every later entry are
 * quarantined {@code zip_bomb} (the central directory lists them without decompressing). For a
 * tar (plain or gzip), every decompressed byte counts, including skipped ones; once past the
 * budget the stream is abandoned: the entry being read is quarantined {@code zip_bomb}, and one
 * more {@code zip_bomb} document for the archive (its path, id key {@code archive!#rest}) stands for the unread
 * rest.
 *
 * <p><b>Nesting</b>: an entry that is itself an archive (by name) is opened from memory (read
 * with the same caps) when its depth is at most {@link IngestOptions#maxArchiveDepth()} (the
 * top archive has depth 0), else quarantined {@code archive_depth}. A corrupt archive (top or
 * nested) yields one {@code bad_archive} document and the run goes on; documents already read
 * from it stay. A compressed tar (top or nested) is first decompressed whole within its budget
 * ({@link StreamCheck}): when its stream fails its check (gzip CRC trailer, truncation, xz/bzip2
 * block CRC), every entry it yields is quarantined {@code corrupt_input} instead of kept.
 */
public final class ArchiveReader {
    /** Zip symlink targets longer than this are refused unread. */
    static final int MAX_LINK_TARGET = 4096;
    /** {@code zipCrc} of a tar entry (a zip's unknown CRC is -1). */
    private static final long NOT_ZIP = Long.MIN_VALUE;

    private ArchiveReader() {
    }

    /** One split per archive file: the archive is read start to end by one thread. */
    public static Split split(Path file, IngestOptions opts) {
        return new FileSplit(file, (f, out) -> readFile(f, opts, out));
    }

    /** Reads one archive file, sending documents and refusals to {@code out}. */
    public static void readFile(Path file, IngestOptions opts, Emitter out) {
        String fileName = file.getFileName().toString();
        ArchiveKind kind = EntryNames.kindOf(fileName);
        String repo = EntryNames.baseName(fileName);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            new Ctx(out, opts, file.toString(), repo, fileName, "", 0)
                    .archiveLevel(IngestRules.UNREADABLE, -1, e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        long budget = budget(size, opts.maxExpansionRatio());
        Emitter checked = kind == ArchiveKind.ZIP ? out : StreamCheck.guard(out, Compression.of(fileName),
                () -> new BufferedInputStream(Files.newInputStream(file), 1 << 16), budget, fileName);
        Ctx ctx = new Ctx(checked, opts, file.toString(), repo, fileName, "", 0);
        ctx.budget = budget;
        try {
            if (kind == ArchiveKind.ZIP) {
                try (ZipFile zf = ZipFile.builder().setPath(file).get()) {
                    readZip(zf, ctx);
                }
            } else {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    readTar(in, Compression.of(fileName), ctx);
                }
            }
        } catch (IOException | RuntimeException e) {
            ctx.archiveLevel(IngestRules.BAD_ARCHIVE, size, "cannot read archive " + fileName + " after "
                    + ctx.entries + " entries: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static long budget(long size, double ratio) {
        double b = Math.max(1, size) * ratio;
        return b >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) b;
    }

    /** State of one archive being read. */
    private static final class Ctx {
        final Emitter out;
        final IngestOptions opts;
        final String origin;
        final String repo;
        /** id key of the archive: {@code archive.zip} or {@code archive.zip!inner.tar}. */
        final String key;
        /** path prefix of entries: {@code ""} or {@code inner.tar!/}. */
        final String pathPrefix;
        final int depth;
        final Set<String> symlinks = new HashSet<>();
        long budget;
        long used;
        boolean bombed;
        int entries;

        Ctx(Emitter out, IngestOptions opts, String origin, String repo, String key, String pathPrefix, int depth) {
            this.out = out;
            this.opts = opts;
            this.origin = origin;
            this.repo = repo;
            this.key = key;
            this.pathPrefix = pathPrefix;
            this.depth = depth;
        }

        SourceRef src(String path) {
            return new SourceRef(origin, repo, pathPrefix + path);
        }

        void refuse(String rawName, long size, Verdict v) {
            IngestRules.quarantine(out, key + "!" + rawName, src(rawName.replace('\\', '/')), size, v);
        }

        /** A document standing for the archive itself (bad archive, unread rest of a bomb). */
        void archiveLevel(String rule, long size, String detail) {
            String path = pathPrefix.isEmpty() ? key : pathPrefix.substring(0, pathPrefix.length() - 2);
            String suffix = rule.equals(IngestRules.ZIP_BOMB) ? "!#rest" : "!";
            IngestRules.quarantine(out, key + suffix, new SourceRef(origin, repo, path), size, Verdict.of(rule, detail));
        }

        Verdict bomb() {
            return Verdict.of(IngestRules.ZIP_BOMB, "archive " + key + " expanded past max_expansion_ratio × its size",
                    used, budget);
        }
    }

    enum Kind { FILE, DIR, SYMLINK, HARDLINK, SPECIAL }

    /** Source of an entry's bytes. */
    interface Data {
        InputStream open() throws IOException;
    }

    // ---------------------------------------------------------------- zip

    private static void readZip(ZipFile zf, Ctx ctx) throws IOException {
        List<ZipArchiveEntry> all = new ArrayList<>();
        for (Enumeration<ZipArchiveEntry> en = zf.getEntries(); en.hasMoreElements(); ) {
            all.add(en.nextElement());
        }
        for (ZipArchiveEntry e : all) {
            ctx.entries++;
            Kind kind = e.isDirectory() ? Kind.DIR : e.isUnixSymlink() ? Kind.SYMLINK : Kind.FILE;
            String target = null;
            if (kind == Kind.SYMLINK && !ctx.bombed) {
                try (InputStream in = zf.getInputStream(e)) {
                    byte[] t = Limited.readAtMost(in, MAX_LINK_TARGET);
                    ctx.used += t.length;
                    target = t.length > MAX_LINK_TARGET ? "" : new String(t, StandardCharsets.UTF_8);
                }
            }
            if (kind == Kind.FILE && !ctx.bombed && !zf.canReadEntryData(e)) {
                ctx.refuse(e.getName(), e.getSize(), Verdict.of(IngestRules.UNSUPPORTED_ENTRY,
                        "zip entry data cannot be read (encrypted or unsupported method " + e.getMethod() + ")"));
                continue;
            }
            entry(ctx, e.getName(), kind, target, e.getSize(), () -> zf.getInputStream(e), e.getCrc());
        }
    }

    // ---------------------------------------------------------------- tar

    /** Thrown by {@link Budget} once an archive's stream passes its expansion budget. */
    static final class ExpansionExceeded extends IOException {
        ExpansionExceeded() {
            super("expansion budget exceeded");
        }
    }

    /** Counts decompressed bytes and fails once they pass the budget. */
    private static final class Budget extends FilterInputStream {
        private final Ctx ctx;

        Budget(InputStream in, Ctx ctx) {
            super(in);
            this.ctx = ctx;
        }

        private int count(int n) throws IOException {
            if (n > 0) {
                ctx.used += n;
                if (ctx.used > ctx.budget) {
                    ctx.bombed = true;
                    throw new ExpansionExceeded();
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return count(in.read(b, off, len));
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            int r = read(buf, 0, buf.length);
            return Math.max(r, 0);
        }
    }

    private static void readTar(InputStream raw, Compression codec, Ctx ctx) throws IOException {
        InputStream decompressed = codec.open(raw);
        TarArchiveInputStream tar = new TarArchiveInputStream(new Budget(decompressed, ctx));
        TarArchiveEntry e = null;
        try {
            while ((e = tar.getNextEntry()) != null) {
                ctx.entries++;
                Kind kind = e.isDirectory() ? Kind.DIR
                        : e.isSymbolicLink() ? Kind.SYMLINK
                        : e.isLink() ? Kind.HARDLINK
                        : e.isFile() ? Kind.FILE : Kind.SPECIAL;
                if (!e.isCheckSumOK()) {
                    ctx.refuse(e.getName(), e.getSize(), EntryCheck.tarHeader(ctx.key, e.getName(), ctx.entries));
                    continue;
                }
                entry(ctx, e.getName(), kind, e.getLinkName(), e.getSize(), () -> nonClosing(tar), NOT_ZIP);
            }
        } catch (ExpansionExceeded bomb) {
            if (e != null) {
                ctx.refuse(e.getName(), e.getSize(), ctx.bomb());
            }
            ctx.archiveLevel(IngestRules.ZIP_BOMB, -1, "archive " + ctx.key + " expanded past "
                    + ctx.budget + " bytes (max_expansion_ratio × size) after " + ctx.entries
                    + " entries; the rest is not read");
        }
    }

    // ---------------------------------------------------------------- entries

    /**
     * Handles one entry.
     *
     * @param zipCrc the zip entry's CRC-32 from the central directory (-1 when unknown), or
     *               {@link #NOT_ZIP} for a tar entry. Zip bytes are counted per entry against the
     *               budget and checked by {@link EntryCheck#zip}; tar streams are counted by
     *               {@link Budget} underneath
     */
    private static void entry(Ctx ctx, String rawName, Kind kind, String linkTarget, long declaredSize, Data data,
                              long zipCrc) throws IOException {
        boolean zip = zipCrc != NOT_ZIP;
        if (kind == Kind.DIR) {
            return;
        }
        long size = Math.max(declaredSize, -1);
        EntryNames.Result name = EntryNames.normalise(rawName);
        if (!name.ok()) {
            ctx.refuse(rawName, size, Verdict.of(name.rule(), name.detail()));
            return;
        }
        String path = name.path();
        if (ctx.bombed) {
            ctx.refuse(path, size, ctx.bomb());
            return;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            if (ctx.symlinks.contains(parent)) {
                ctx.refuse(path, size, Verdict.of(IngestRules.WRITE_THROUGH_SYMLINK,
                        "entry lies below the symlink entry " + parent + "; not read"));
                return;
            }
        }
        switch (kind) {
            case SYMLINK -> {
                ctx.symlinks.add(path);
                String t = linkTarget == null ? "" : linkTarget;
                boolean inside = EntryNames.targetStaysInside(path, t);
                ctx.refuse(path, size, inside
                        ? Verdict.of(IngestRules.SYMLINK, "symlink to " + t + " (inside the archive); not followed")
                        : Verdict.of(IngestRules.SYMLINK_OUTSIDE_ROOT, "symlink to " + t + " leaves the archive root; not followed"));
                return;
            }
            case HARDLINK -> {
                ctx.refuse(path, size, Verdict.of(IngestRules.HARDLINK, "hard link to " + linkTarget + "; not followed"));
                return;
            }
            case SPECIAL -> {
                ctx.refuse(path, size, Verdict.of(IngestRules.SPECIAL_FILE, "device, FIFO or other special entry"));
                return;
            }
            default -> {
            }
        }
        long max = ctx.opts.maxFileBytes();
        if (declaredSize > max) {
            ctx.refuse(path, declaredSize, tooLarge(declaredSize, max));
            return;
        }
        byte[] bytes;
        long left = ctx.budget - ctx.used;
        try (InputStream in = data.open()) {
            bytes = Limited.readAtMost(in, zip ? Math.min(max, Math.max(left, 0)) : max);
        } catch (IOException e) {
            if (!zip) {
                throw e; // the tar stream itself is broken: the archive ends here
            }
            ctx.refuse(path, size, EntryCheck.unreadableZipData(ctx.key, path, e));
            return;
        }
        if (zip) {
            ctx.used += bytes.length;
            if (ctx.used > ctx.budget) {
                ctx.bombed = true;
                ctx.refuse(path, bytes.length, ctx.bomb());
                return;
            }
        }
        if (bytes.length > max) {
            ctx.refuse(path, Math.max(declaredSize, bytes.length), tooLarge(bytes.length, max));
            return;
        }
        if (zip) {
            Verdict corrupt = EntryCheck.zip(ctx.key, path, bytes, zipCrc, declaredSize);
            if (corrupt != null) {
                ctx.refuse(path, bytes.length, corrupt);
                return;
            }
        }
        ArchiveKind nested = EntryNames.kindOf(path);
        if (nested != null) {
            int depth = ctx.depth + 1;
            if (depth > ctx.opts.maxArchiveDepth()) {
                ctx.refuse(path, bytes.length, Verdict.of(IngestRules.ARCHIVE_DEPTH,
                        "nested archive at depth " + depth + " exceeds max_archive_depth", depth, ctx.opts.maxArchiveDepth()));
                return;
            }
            readNested(ctx, path, nested, bytes, depth);
            return;
        }
        ctx.out.keep(IngestRules.bytesDocument(ctx.key + "!" + path, ctx.src(path), bytes));
    }

    private static void readNested(Ctx outer, String path, ArchiveKind kind, byte[] bytes, int depth) {
        long budget = budget(bytes.length, outer.opts.maxExpansionRatio());
        Emitter checked = kind == ArchiveKind.ZIP ? outer.out : StreamCheck.guard(outer.out, Compression.of(path),
                () -> new ByteArrayInputStream(bytes), budget, outer.key + "!" + path);
        Ctx ctx = new Ctx(checked, outer.opts, outer.origin, outer.repo, outer.key + "!" + path,
                outer.pathPrefix + path + "!/", depth);
        ctx.budget = budget;
        try {
            if (kind == ArchiveKind.ZIP) {
                SeekableByteChannel ch = new SeekableInMemoryByteChannel(bytes);
                try (ZipFile zf = ZipFile.builder().setSeekableByteChannel(ch).get()) {
                    readZip(zf, ctx);
                }
            } else {
                readTar(new ByteArrayInputStream(bytes), Compression.of(path), ctx);
            }
        } catch (IOException | RuntimeException e) {
            outer.refuse(path, bytes.length, Verdict.of(IngestRules.BAD_ARCHIVE, "cannot read nested archive after "
                    + ctx.entries + " entries: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the tar stream stays open for the next entry
            }
        };
    }

    static Verdict tooLarge(long size, long max) {
        return Verdict.of(IngestRules.TOO_LARGE, "entry of " + size + " bytes exceeds max_file_bytes", size, max);
    }
}
