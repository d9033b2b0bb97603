package dev.codemill.run;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one format's part files hold, as plain data that crosses JVMs (a Spark task's result):
 * per part its files (absolute path strings), rows (documents or ledger rows) and tokens, and
 * documents and tokens per language and repository. {@link PartCommit} merges the {@code Parts}
 * of every partition, in partition order, into {@code manifest.json}.
 */
public final class Parts implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Index of the format in the plan's format list ({@link RunPlan#formats()}). */
    final int format;
    /** Data parts (kept documents) or ledger parts. */
    final boolean data;
    final ArrayList<Shard> shards = new ArrayList<>();
    final TreeMap<String, long[]> byLanguage = new TreeMap<>();
    final TreeMap<String, long[]> byRepository = new TreeMap<>();
    /** False once a document of a text format lacked the {@code num_tokens} annotation. */
    boolean tokensKnown = true;

    Parts(int format, boolean data) {
        this.format = format;
        this.data = data;
    }

    /** Adds {@code other}'s per-language and per-repository counts and its token flag (not its shards). */
    void addCounts(Parts other) {
        add(byLanguage, other.byLanguage);
        add(byRepository, other.byRepository);
        tokensKnown &= other.tokensKnown;
    }

    private static void add(Map<String, long[]> into, Map<String, long[]> from) {
        from.forEach((k, v) -> {
            long[] c = into.computeIfAbsent(k, x -> new long[2]);
            c[0] += v[0];
            c[1] += v[1];
        });
    }

    /** One part: its files, rows (documents or ledger rows) and tokens. */
    static final class Shard implements Serializable {
        private static final long serialVersionUID = 1L;
        final ArrayList<String> files;
        long rows;
        long tokens;

        Shard(List<String> files) {
            this.files = new ArrayList<>(files);
        }
    }
}
