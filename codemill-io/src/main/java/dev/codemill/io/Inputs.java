package dev.codemill.io;

import dev.codemill.io.archive.ArchiveReader;
import dev.codemill.io.archive.EntryNames;
import dev.codemill.io.fs.DirectoryReader;
import dev.codemill.io.git.GitRepositories;
import dev.codemill.io.jsonl.JsonlReader;
import dev.codemill.io.parquet.ParquetDumpReader;
import dev.codemill.model.SourceRef;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of the readers: turns input paths into {@link Split}s.
 *
 * <p>The kind of each input comes from what it is and its name: a directory
 * ({@link DirectoryReader}), and with {@code ingest.history} also the history of each git repository in it,
 * a bare repository read from git alone ({@link GitRepositories}); {@code .zip .jar}, {@code .tar} with any {@link Compression}
 * ({@link ArchiveReader}); {@code .jsonl .ndjson} with any compression, and a compressed
 * {@code .json} ({@link JsonlReader}); {@code .parquet} ({@link ParquetDumpReader}); what is known
 * but not read ({@code .parquet.gz} and other compressed Parquet, brotli, {@code .7z}, {@code .rar})
 * is one {@code unsupported_input} quarantine; any other compressed file ({@code x.py.gz}) is one
 * document of its decompressed bytes with the inner name as path; a plain {@code .jsonl} or {@code .parquet} file larger than
 * {@link IngestOptions#splitBytes()} becomes several splits (byte ranges, groups of row groups); any other file is one document with {@code repo_name ""},
 * {@code path} its file name and id {@code DocId.of("file:" + the path as given, normalised)}, so two
 * files of one name in different folders get different ids (too large: {@code too_large};
 * unreadable: {@code unreadable}); an input that is neither a directory nor a regular file (FIFO,
 * device, socket) is never opened and is one {@code special_file} quarantine. Splits come in input order, each input's splits in its
 * reader's deterministic order.
 */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Plans the splits of {@code inputs}.
     *
     * @throws NoSuchFileException naming the first input path that does not exist, before any input is read
     * @throws IOException         when a directory cannot be listed
     */
    public static List<Split> splits(List<Path> inputs, IngestOptions opts) throws IOException {
        return splits(inputs, opts, 1);
    }

    /**
     * {@link #splits(List, IngestOptions)} with each directory's folders listed on
     * {@code listingThreads} threads ({@link DirectoryReader#plan(Path, IngestOptions, int)}): the
     * same splits in the same order.
     *
     * @param listingThreads threads per directory walk; 1 or less: the calling thread only
     */
    public static List<Split> splits(List<Path> inputs, IngestOptions opts, int listingThreads) throws IOException {
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString(), null, "input does not exist");
            }
        }
        List<Split> out = new ArrayList<>();
        for (Path p : inputs) {
            String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (Files.isDirectory(p) && opts.history() != null && GitRepositories.isBare(p)) {
                out.addAll(GitRepositories.bareSplits(p, opts));
            } else if (Files.isDirectory(p)) {
                out.addAll(DirectoryReader.plan(p, opts, listingThreads));
                out.addAll(GitRepositories.historySplits(p, opts));
            } else if (!Files.isRegularFile(p)) {
                out.add(specialFile(p, name));
            } else if (EntryNames.kindOf(name) != null) {
                out.add(ArchiveReader.split(p, opts));
            } else if (Compression.unsupportedArchive(name) || Compression.of(name).unsupported()) {
                out.add(refused(p, name, IngestRules.UNSUPPORTED_INPUT, (Compression.of(name).unsupported()
                        ? "brotli-compressed input" : "random-access archive (" + lower.substring(lower.lastIndexOf('.'))
                        + ")") + " is not read by codemill; extract or decompress it and give the result"));
            } else if (JsonlReader.isJsonl(name)) {
                out.addAll(JsonlReader.splits(p, opts));
            } else if (Compression.inner(name).toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                if (Compression.of(name) != Compression.NONE) {
                    out.add(refused(p, name, IngestRules.UNSUPPORTED_INPUT, "compressed Parquet file ("
                            + Compression.of(name).name().toLowerCase(Locale.ROOT) + "): Parquet compresses its own pages "
                            + "and is read with random access; decompress it and give the .parquet file"));
                } else {
                    out.addAll(ParquetDumpReader.splits(p, opts));
                }
            } else {
                out.add(plainFile(p, name, opts));
            }
        }
        return out;
    }

    /**
     * An input that is neither a directory nor a regular file (FIFO, device, socket, even behind a
     * symlink the user named): never opened, since a FIFO would block the run and a device never
     * ends; one {@code special_file} quarantine with the plain-file id.
     */
    private static Split specialFile(Path p, String name) {
        return refused(p, name, IngestRules.SPECIAL_FILE, "not a regular file (FIFO, device or socket); not opened");
    }

    /** An input refused whole without being opened: one quarantine with the plain-file id. */
    private static Split refused(Path p, String name, String rule, String detail) {
        return new Split() {
            @Override
            public String name() {
                return p.toString();
            }

            @Override
            public long sizeBytes() {
                return 0;
            }

            @Override
            public void read(Emitter out) {
                IngestRules.quarantine(out, plainFileKey(p), new SourceRef(p.toString(), "", name), -1,
                        Verdict.of(rule, detail));
            }
        };
    }

    /** The id key of a file given as an input: {@code file:} and its path as given, normalised. */
    private static String plainFileKey(Path file) {
        return "file:" + file.normalize();
    }

    private static Split plainFile(Path p, String name, IngestOptions opts) {
        return new FileSplit(p, (file, out) -> readPlainFile(file, name, opts, out));
    }

    private static void readPlainFile(Path file, String name, IngestOptions opts, Emitter out) {
        Compression codec = Compression.of(name);
        SourceRef src = new SourceRef(file.toString(), "", codec == Compression.NONE ? name : Compression.inner(name));
        String key = plainFileKey(file);
        long size = new FileSplit(file, null).sizeBytes();
        if (codec != Compression.NONE) {
            readCompressedFile(file, codec, src, key, size, opts, out);
            return;
        }
        if (size > opts.maxFileBytes()) {
            IngestRules.quarantine(out, key, src, size, Verdict.of(IngestRules.TOO_LARGE,
                    "file of " + size + " bytes exceeds max_file_bytes", size, opts.maxFileBytes()));
            return;
        }
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = Limited.readAtMost(in, opts.maxFileBytes());
        } catch (IOException e) {
            IngestRules.quarantine(out, key, src, size, Verdict.of(IngestRules.UNREADABLE,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            return;
        }
        if (data.length > opts.maxFileBytes()) {
            IngestRules.quarantine(out, key, src, data.length, Verdict.of(IngestRules.TOO_LARGE,
                    "file grew past max_file_bytes while read", data.length, opts.maxFileBytes()));
            return;
        }
        out.keep(IngestRules.bytesDocument(key, src, data));
    }

    /**
     * A single compressed file ({@code x.py.gz}): its decompressed bytes are the document, path the
     * name without the compression extension; more than {@code maxFileBytes} decompressed is
     * {@code too_large}, a stream that does not decompress {@code corrupt_input}.
     */
    private static void readCompressedFile(Path file, Compression codec, SourceRef src, String key, long size,
                                           IngestOptions opts, Emitter out) {
        byte[] data;
        try (InputStream in = codec.open(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            data = Limited.readAtMost(in, opts.maxFileBytes());
        } catch (IOException | RuntimeException e) {
            IngestRules.quarantine(out, key, src, size, Verdict.of(IngestRules.CORRUPT_INPUT, src.path() + " ("
                    + codec.name().toLowerCase(Locale.ROOT) + "): " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            return;
        }
        if (data.length > opts.maxFileBytes()) {
            IngestRules.quarantine(out, key, src, data.length, Verdict.of(IngestRules.TOO_LARGE,
                    "file decompresses to more than max_file_bytes", data.length, opts.maxFileBytes()));
            return;
        }
        out.keep(IngestRules.bytesDocument(key, src, data));
    }
}
