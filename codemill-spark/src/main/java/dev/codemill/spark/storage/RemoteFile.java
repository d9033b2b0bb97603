package dev.codemill.spark.storage;

import dev.codemill.io.Compression;
import dev.codemill.io.IngestRules;
import dev.codemill.io.Inputs;
import dev.codemill.io.Limited;
import dev.codemill.io.archive.EntryNames;
import dev.codemill.io.jsonl.JsonlReader;
import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file given as an input on a Hadoop {@link FileSystem}: one split.
 * <ul>
 *   <li>a dump or archive the local readers read ({@code .jsonl}/{@code .ndjson} plain or compressed,
 *       {@code .parquet}, {@code .zip .jar .tar*}): copied whole to a private temporary folder of the
 *       executor under its own name and read there by {@link Inputs} (the same reader, so the same
 *       ids: {@code FILE:LINE}, {@code archive!entry}), each document's origin set back to the URI;
 *       one split per file (no byte-range or row-group splitting on a Hadoop file system);</li>
 *   <li>any other file: one document read through the file system (decompressed by its name,
 *       {@link Compression}) with the id key {@code file:URI}; {@code too_large},
 *       {@code unreadable}, {@code corrupt_input} and {@code unsupported_input} as locally.</li>
 * </ul>
 */
final class RemoteFile implements Split {
    private final FileSystem fs;
    private final Path file;
    private final String origin;
    private final long size;
    private final IngestOptions opts;

    RemoteFile(FileSystem fs, Path file, String origin, long size, IngestOptions opts) {
        this.fs = fs;
        this.file = file;
        this.origin = origin;
        this.size = size;
        this.opts = opts;
    }

    /** Whether a local reader of {@link Inputs} reads {@code name} as a dump or an archive (a file copied to read). */
    static boolean localized(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EntryNames.kindOf(name) != null || JsonlReader.isJsonl(name)
                || (lower.endsWith(".parquet") && Compression.of(name) == Compression.NONE);
    }

    @Override
    public String name() {
        return origin;
    }

    @Override
    public long sizeBytes() {
        return size;
    }

    @Override
    public void read(Emitter out) throws IOException {
        String name = file.getName();
        if (localized(name)) {
            readCopy(name, out);
            return;
        }
        Compression codec = Compression.of(name);
        SourceRef src = new SourceRef(origin, "", codec == Compression.NONE ? name : Compression.inner(name));
        String key = "file:" + origin;
        if (Compression.unsupportedArchive(name) || codec.unsupported() || Compression.inner(name).toLowerCase(Locale.ROOT)
                .endsWith(".parquet")) {
            IngestRules.quarantine(out, key, src, size, Verdict.of(IngestRules.UNSUPPORTED_INPUT,
                    name + " is not read by codemill (a random-access archive, a compressed Parquet file or brotli); "
                            + "extract or decompress it and give the result"));
            return;
        }
        if (codec == Compression.NONE && size > opts.maxFileBytes()) {
            IngestRules.quarantine(out, key, src, size, RemoteTree.tooLarge(size, opts.maxFileBytes()));
            return;
        }
        byte[] data;
        try (InputStream in = codec.open(new BufferedInputStream(fs.open(file), 1 << 16))) {
            data = Limited.readAtMost(in, opts.maxFileBytes());
        } catch (IOException | RuntimeException e) {
            IngestRules.quarantine(out, key, src, size, Verdict.of(codec == Compression.NONE ? IngestRules.UNREADABLE
                    : IngestRules.CORRUPT_INPUT, e.getClass().getSimpleName() + ": " + e.getMessage()));
            return;
        }
        if (data.length > opts.maxFileBytes()) {
            IngestRules.quarantine(out, key, src, data.length, RemoteTree.tooLarge(data.length, opts.maxFileBytes()));
            return;
        }
        out.keep(IngestRules.bytesDocument(key, src, data));
    }

    /** Copies the file into a private temporary folder, reads it there with the local reader, removes the copy. */
    private void readCopy(String name, Emitter out) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("codemill-input-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        java.nio.file.Path local = dir.resolve(name);
        try {
            fs.copyToLocalFile(false, file, new Path(local.toUri()), true);
            IngestOptions whole = opts.withSplitBytes(0); // the whole file is this split: one reading of it
            Emitter relocated = new Relocating(out, local.toString(), origin);
            for (Split s : Inputs.splits(List.of(local), whole)) {
                s.read(relocated);
            }
        } finally {
            dev.codemill.spark.storage.LocalTrees.deleteQuietly(dir);
        }
    }

    /** Passes documents on with {@link SourceRef#origin()} {@code from} replaced by {@code to}. */
    static final class Relocating implements Emitter {
        private final Emitter out;
        private final String from;
        private final String to;

        Relocating(Emitter out, String from, String to) {
            this.out = out;
            this.from = from;
            this.to = to;
        }

        private String origin(String o) {
            return o.startsWith(from) ? to + o.substring(from.length()) : o;
        }

        private Document relocate(Document d) {
            SourceRef s = d.source();
            String o = origin(s.origin());
            if (o.equals(s.origin())) {
                return d;
            }
            SourceRef moved = new SourceRef(o, s.repoName(), s.path());
            DocId id = d.id();
            Annotations a = d.annotations();
            Document copy = d.isDecoded() ? Document.ofText(id, moved, d.text(), a) : Document.ofBytes(id, moved, d.bytes(), a);
            return d.tokens() == null ? copy : copy.withTokens(d.tokens());
        }

        @Override
        public void keep(Document doc) {
            out.keep(relocate(doc));
        }

        @Override
        public void drop(Document doc, Verdict why) {
            out.drop(relocate(doc), why);
        }

        @Override
        public void quarantine(Document doc, Verdict why) {
            out.quarantine(relocate(doc), why);
        }

        @Override
        public void modified(Document changed, List<Verdict> whys) {
            out.modified(relocate(changed), whys);
        }

        @Override
        public void count(String metric, long delta) {
            out.count(metric, delta);
        }

        @Override
        public void inputSchema(String input, Map<String, String> fieldTypes) {
            out.inputSchema(origin(input), fieldTypes);
        }
    }
}
