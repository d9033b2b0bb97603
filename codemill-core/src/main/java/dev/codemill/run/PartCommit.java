package dev.codemill.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The job-level commit of one output folder: the part files of every partition
 * ({@link PartitionWrite}, each in its task attempt's folder) are renamed, partitions in
 * order and each partition's parts in order, to {@code FOLDER/part-00000…} of each format (a
 * metadata operation per file, no bytes copied), and their {@link Parts} merged for
 * {@code manifest.json}. Only the attempts handed in are committed: files of failed or
 * duplicate attempts stay in the work folder and go with it. A format without any row still
 * gets one empty part 0.
 */
final class PartCommit {
    private PartCommit() {
    }

    /** The merged parts of a folder: per format the data parts; per ledger-holding format the ledger parts. */
    record Committed(List<Parts> data, List<Parts> ledger) {
    }

    /**
     * @param root    the staged output folder ({@code work/out} or {@code work/out/NAME})
     * @param written the partitions' results in partition order
     */
    static Committed commit(Path root, List<OutputFormat> formats, long partBytes, List<PartitionWrite.Written> written)
            throws IOException {
        List<Parts> data = new ArrayList<>();
        for (int i = 0; i < formats.size(); i++) {
            List<Parts> pieces = new ArrayList<>();
            for (PartitionWrite.Written w : written) {
                pieces.add(w.data().get(i));
            }
            data.add(merge(root.resolve(formats.get(i).folder()), i, formats.get(i), true, partBytes, pieces));
        }
        List<Parts> ledger = new ArrayList<>();
        int l = 0;
        for (int i = 0; i < formats.size(); i++) {
            if (!formats.get(i).writesLedger()) {
                continue;
            }
            List<Parts> pieces = new ArrayList<>();
            for (PartitionWrite.Written w : written) {
                pieces.add(w.ledger().get(l));
            }
            ledger.add(merge(root.resolve(OutputFormat.LEDGER), i, formats.get(i), false, partBytes, pieces));
            l++;
        }
        return new Committed(data, ledger);
    }

    private static Parts merge(Path dir, int index, OutputFormat format, boolean data, long partBytes, List<Parts> pieces)
            throws IOException {
        Files.createDirectories(dir);
        Parts merged = new Parts(index, data);
        int next = 0;
        for (Parts p : pieces) {
            if (p.format != index || p.data != data) {
                throw new IllegalStateException("parts of format " + p.format + " handed in for format " + index);
            }
            for (Parts.Shard s : p.shards) {
                List<Path> finals = format.partFiles(dir.resolve(format.partName(next++)));
                if (finals.size() != s.files.size()) {
                    throw new IllegalStateException("a part of " + format.name() + " has " + s.files.size()
                            + " files, expected " + finals.size());
                }
                List<String> names = new ArrayList<>();
                for (int k = 0; k < finals.size(); k++) {
                    Files.move(Path.of(s.files.get(k)), finals.get(k), StandardCopyOption.ATOMIC_MOVE);
                    names.add(finals.get(k).toAbsolutePath().toString());
                }
                Parts.Shard shard = new Parts.Shard(names);
                shard.rows = s.rows;
                shard.tokens = s.tokens;
                merged.shards.add(shard);
            }
            merged.addCounts(p);
        }
        if (merged.shards.isEmpty()) {
            PartWriter empty = new PartWriter(dir, index, format, data, partBytes);
            empty.openEmpty();
            empty.close();
            merged.shards.addAll(empty.parts.shards);
        }
        return merged;
    }
}
