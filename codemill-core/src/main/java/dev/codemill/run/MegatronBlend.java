package dev.codemill.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code megatron} shards of one output folder (one {@code .bin}/{@code .idx} pair per
 * non-empty hash partition, {@code docs/output.md}) as one weighted blend, written from the
 * shards' metadata after they are committed (no token is read): {@code tokens/megatron-data-args.txt},
 * the file Megatron-LM's {@code --data-args-path} takes instead of a long {@code --data-path}.
 * Megatron-LM splits the file's text on whitespace into "weight prefix weight prefix …"
 * ({@code get_blend_from_list}), so each line is one shard in shard order: its token count (EOS
 * included, as in {@code manifest.json}) and its prefix relative to the output folder (run the
 * trainer from OUT, or prepend OUT to each prefix). Weights proportional to the shards' tokens make
 * Megatron's blend draw every shard in proportion to its size: about one pass over each per pass
 * over the whole output, which is what the shards concatenated would give.
 */
final class MegatronBlend {
    private MegatronBlend() {
    }

    /** The output format whose shards this blends ({@code dev.codemill.io.megatron.MegatronFormat}). */
    static final String FORMAT = "megatron";
    /** The blend's file name, in the shards' folder. */
    static final String FILE = "megatron-data-args.txt";
    /**
     * The most datasets one Megatron-LM blend takes: {@code BlendedDataset} asserts
     * {@code len(datasets) < 32767} (its dataset index is int16). Inputs beyond about 7.8 TiB get more
     * hash partitions than that ({@link Partitioning#partitions}), hence more shards.
     */
    static final int MAX_DATASETS = 32766;

    /**
     * Writes the blend of {@code shards} (the {@value #FORMAT} format's committed data parts) beside
     * their {@code .bin} files.
     *
     * @return the blend's path relative to {@code root} ('/'-separated), or null when no shard holds a
     *         token (nothing kept: {@link PartCommit} still writes an empty part 0; a blend never names a
     *         shard of weight 0, which draws nothing and, alone, makes Megatron-LM's normalized weights
     *         NaN); no file then
     * @throws IllegalStateException when a shard has no {@code .bin} file
     */
    static String write(Path root, Parts shards) throws IOException {
        Path base = root.toAbsolutePath();
        StringBuilder text = new StringBuilder();
        Path folder = null;
        for (Parts.Shard s : shards.shards) {
            if (s.tokens == 0) {
                continue; // the empty part 0 of a folder without kept documents
            }
            Path bin = s.files.stream().filter(f -> f.endsWith(".bin")).map(Path::of).findFirst()
                    .orElseThrow(() -> new IllegalStateException("a megatron shard without a .bin file: " + s.files));
            folder = folder == null ? bin.getParent() : folder;
            String prefix = base.relativize(bin.toAbsolutePath()).toString().replace('\\', '/');
            text.append(s.tokens).append(' ').append(prefix, 0, prefix.length() - ".bin".length()).append('\n');
        }
        if (folder == null) {
            return null;
        }
        Path file = folder.resolve(FILE);
        OutFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
        return base.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }
}
