package dev.codemill.spark.storage;

import dev.codemill.io.fs.DirectoryReader;
import dev.codemill.io.fs.DirectoryReader.Batch;
import dev.codemill.io.fs.DirectoryReader.Entry;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One split of the driver's listing as plain data, shipped in its read task (issue 18: inputs
 * listed once). A batch of a folder input (the local {@link DirectoryReader} or {@link RemoteTree}
 * walk: origin, repository, number, and per file its location, path, listed size and the refusal
 * of the walk, if any) is rebuilt on the executor by {@link DirectoryReader#batch} with the same
 * reading rules, without walking the folder again. Any other split comes from an input that is
 * one file (a dump, an archive, a plain file); the executor plans that one file again
 * ({@link Locations#fileSplits}: its byte ranges or row groups, from its size or footer), never a
 * folder. Either way the rebuilt split's name must be the driver's ({@link #open} checks it).
 */
public final class SplitRef implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The driver's name of the split. */
    public final String name;
    /** The input (a {@link Locations#absolute} string) the split was listed from. */
    final String input;
    /** The split's index among its input's splits. */
    final int index;
    /** A folder batch's data; null for a split of a file input. */
    private final String origin;
    private final String repo;
    private final int number;
    private final long bytes;
    /** Each file's location (an absolute path or a URI); null where it is {@code origin/repo/path}. */
    private final String[] files;
    private final String[] paths;
    private final long[] sizes;
    /** Each entry's refusal (rule, detail, value, limit, kept id) or null. */
    private final String[][] refusals;

    private SplitRef(String name, String input, int index, Batch<?> b) {
        this.name = name;
        this.input = input;
        this.index = index;
        if (b == null) {
            origin = repo = null;
            number = 0;
            bytes = 0;
            files = paths = null;
            sizes = null;
            refusals = null;
            return;
        }
        origin = b.origin();
        repo = b.repo();
        number = b.number();
        bytes = b.bytes();
        int n = b.entries().size();
        files = new String[n];
        paths = new String[n];
        sizes = new long[n];
        refusals = new String[n][];
        for (int i = 0; i < n; i++) {
            Entry<?> e = b.entries().get(i);
            if (!e.repo().equals(repo)) {
                throw new IllegalStateException("batch " + name + " holds an entry of repository '" + e.repo() + "'");
            }
            String file = e.file() instanceof Path p ? p.toUri().toString() : e.file().toString();
            files[i] = file.equals(implied(e.path())) ? null : file;
            paths[i] = e.path();
            sizes[i] = e.size();
            Verdict v = e.refusal();
            refusals[i] = v == null ? null : new String[] {v.rule(), v.detail(), v.value(), v.limit(), v.keptId()};
        }
    }

    /** The {@code index}-th split of {@code input} as plain data. */
    public static SplitRef of(String input, int index, Split split) {
        return new SplitRef(split.name(), input, index, DirectoryReader.describe(split));
    }

    /** Whether this is a batch of a folder input (rebuilt without any listing). */
    public boolean batch() {
        return origin != null;
    }

    /** The input this split was listed from. */
    public String input() {
        return input;
    }

    private String implied(String path) {
        return origin + "/" + (repo.isEmpty() ? "" : repo + "/") + path;
    }

    /**
     * The split itself: a batch rebuilt from its data; otherwise split {@link #index} of
     * {@code fileSplits}, the executor's planning of the one file {@link #input} (cached by the caller).
     *
     * @param conf the Hadoop configuration, asked for only by a batch of a URI input
     *
     * @throws IllegalStateException when the split's name is not the driver's (the input changed)
     */
    public Split open(IngestOptions opts, Supplier<Configuration> conf, List<Split> fileSplits) throws IOException {
        Split s;
        if (batch()) {
            s = HadoopFs.isUri(input) ? rebuild(opts, new FsOpener(HadoopFs.of(new Path(input), conf.get())), f -> new Path(URI.create(f)))
                    : rebuild(opts, DirectoryReader.localFiles(), java.nio.file.Path::of);
        } else {
            s = index < fileSplits.size() ? fileSplits.get(index) : null;
        }
        if (s == null || !s.name().equals(name)) {
            throw new IllegalStateException("the inputs changed since the driver listed them: split " + index + " of "
                    + input + " is " + (s == null ? "missing" : s.name()) + " here, " + name + " on the driver");
        }
        return s;
    }

    private <F> Split rebuild(IngestOptions opts, DirectoryReader.FileOpener<F> opener,
                              java.util.function.Function<String, F> file) {
        List<Entry<F>> entries = new ArrayList<>(paths.length);
        for (int i = 0; i < paths.length; i++) {
            String[] r = refusals[i];
            entries.add(new Entry<>(file.apply(files[i] == null ? implied(paths[i]) : files[i]), repo, paths[i], sizes[i],
                    r == null ? null : new Verdict(r[0], r[1], r[2], r[3], r[4])));
        }
        return DirectoryReader.batch(new Batch<>(origin, repo, number, entries, bytes), opts.maxFileBytes(), opener);
    }
}
