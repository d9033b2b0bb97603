package dev.codemill.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.Tokenizers;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizer speed and id-for-id agreement on the kept documents of a run.
 *
 * <pre>java -cp codemill-bench.jar dev.codemill.bench.TokenizerSpeed DOCS.bin [REFERENCE_IDS.bin] [PASSES]</pre>
 *
 * DOCS.bin: 4-byte big-endian length + UTF-8 bytes per document ({@code scripts/tokenizer_docs.py});
 * REFERENCE_IDS.bin: per document a 4-byte count + int32 ids, Python tiktoken's
 * {@code encode_ordinary} ({@code scripts/tokenizer_peers.py}), or {@code -} for none. Prints, per
 * pass, MB (UTF-8) per CPU-second of this thread, first for jtokkit 1.1.0 alone
 * ({@code encodeOrdinary}), then for Codemill's tokenizer ({@code Tokenizers.byName}: its own
 * pre-tokenizer, piece cache and rank table), alternating so that both see the same machine: pass 0
 * is what a run sees (one pass over the kept documents, the JIT still compiling), later passes
 * the steady state; then how many documents' ids differ from jtokkit's and from the reference.
 */
public final class TokenizerSpeed {
    private TokenizerSpeed() {
    }

    public static void main(String[] args) throws IOException {
        List<String> docs = new ArrayList<>();
        long bytes = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 20))) {
            while (in.available() > 0) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                bytes += b.length;
                docs.add(new String(b, StandardCharsets.UTF_8));
            }
        }
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Tokenizer t = Tokenizers.byName(Tokenizers.DEFAULT);
        Encoding jtokkit = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        t.encode("warm the ranks");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<int[]> ids = new ArrayList<>(docs.size());
        int differJtokkit = 0;
        for (int p = 0; p < passes; p++) {
            for (boolean alone : new boolean[] {true, false}) {
                List<int[]> mine = new ArrayList<>(docs.size());
                long cpu0 = mx.getCurrentThreadCpuTime();
                long tokens = 0;
                for (String d : docs) {
                    int[] e = alone ? jtokkit.encodeOrdinary(d).toArray() : t.encode(d);
                    tokens += e.length;
                    mine.add(e);
                }
                double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
                System.out.printf("%-16s pass %d: %d documents, %.1f MB, %d tokens, %.2f CPU s, %.2f MB per CPU-second%n",
                        alone ? "jtokkit 1.1.0" : "codemill " + t.name(), p, docs.size(), bytes / 1e6, tokens, cpu, bytes / 1e6 / cpu);
                if (p == 0 && !alone) {
                    for (int i = 0; i < docs.size(); i++) {
                        differJtokkit += Arrays.equals(ids.get(i), mine.get(i)) ? 0 : 1;
                    }
                }
                ids = mine;
            }
        }
        System.out.printf("codemill ids differ from jtokkit's in %d of %d documents%n", differJtokkit, ids.size());
        if (args.length > 1 && !args[1].equals("-")) {
            int differ = 0;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[1])), 1 << 20))) {
                for (int[] mine : ids) {
                    int[] ref = new int[in.readInt()];
                    for (int i = 0; i < ref.length; i++) {
                        ref[i] = in.readInt();
                    }
                    differ += Arrays.equals(mine, ref) ? 0 : 1;
                }
            }
            System.out.printf("codemill ids differ from the reference in %d of %d documents%n", differ, ids.size());
        }
    }
}
