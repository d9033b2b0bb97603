package dev.codemill.io.megatron;

import dev.codemill.io.tokenize.TokenFormat;
import dev.codemill.tokenize.Tokenizer;
import dev.codemill.model.Document;
import dev.codemill.run.ShardWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Output format {@code megatron}: the kept documents as token ids in one Megatron-LM indexed
 * dataset, {@code OUT/tokens/megatron-00000.bin} + {@code .idx} (layout in {@link MegatronLayout};
 * one pair per non-empty hash partition; {@code OUT/tokens/megatron-data-args.txt}, written with the
 * manifest, is all of them for Megatron's {@code --data-args-path}).
 *
 * <p>Each kept document, in output order (partitions in order, each sorted by id, as every
 * format), becomes one Megatron document of one sequence: the token ids of its content
 * ({@link dev.codemill.tokenize.SentinelEncoder#ids}: those the {@code tokens} stage computed in
 * the parallel chain and the document carries, else {@link Tokenizer#encode} here) followed by the EOS id, as Megatron-LM's {@code tools/preprocess_data.py
 * --append-eod} writes it (without {@code --split-sentences}). Token dtype from the vocabulary
 * size ({@link MegatronLayout#dtypeFor}: int32 for cl100k and o200k). One file for the whole
 * run (no roll-over at {@code part_bytes}): Megatron blends several prefixes only by explicit
 * weights, so one prefix is what a trainer wants. The same documents give the same bytes,
 * whatever the thread count. Holds no ledger.
 */
public final class MegatronFormat extends TokenFormat {

    /** @param tokenizer the tokenizer whose ids are written (recipe {@code output.tokenizer}) */
    public MegatronFormat(Tokenizer tokenizer) {
        super(tokenizer);
    }

    @Override
    public String name() {
        return "megatron";
    }

    @Override
    public String extension() {
        return MegatronLayout.BIN_SUFFIX;
    }

    @Override
    public List<Path> partFiles(Path file) {
        Path prefix = prefix(file);
        return List.of(MegatronLayout.binPath(prefix), MegatronLayout.idxPath(prefix));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = super.describe();
        m.put("dtype", MegatronLayout.dtypeFor(tokenizer.vocabSize()).name().toLowerCase(java.util.Locale.ROOT));
        m.put("append_eod", true);
        return m;
    }

    private static Path prefix(Path file) {
        String n = file.getFileName().toString();
        if (!n.endsWith(MegatronLayout.BIN_SUFFIX)) {
            throw new IllegalArgumentException("a Megatron part file ends in .bin: " + file);
        }
        return file.resolveSibling(n.substring(0, n.length() - MegatronLayout.BIN_SUFFIX.length()));
    }

    @Override
    public ShardWriter openData(Path file) throws IOException {
        return new Writer(MegatronWriter.open(prefix(file), tokenizer.vocabSize()), tokenizer);
    }

    private static final class Writer extends TokenWriter {
        private final MegatronWriter out;
        private final Tokenizer tokenizer;

        Writer(MegatronWriter out, Tokenizer tokenizer) {
            this.out = out;
            this.tokenizer = tokenizer;
        }

        @Override
        public void writeDocument(Document doc) throws IOException {
            int[] ids = dev.codemill.tokenize.SentinelEncoder.ids(tokenizer, doc);
            int[] withEos = Arrays.copyOf(ids, ids.length + 1);
            withEos[ids.length] = tokenizer.eosId();
            out.add(withEos);
            out.endDocument();
        }

        @Override
        public long tokensWritten() {
            return out.tokenCount();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
