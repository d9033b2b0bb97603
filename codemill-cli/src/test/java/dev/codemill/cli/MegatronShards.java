package dev.codemill.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Megatron prefixes of a run, {@code OUT/tokens/megatron-00000} … in order (one per non-empty hash partition). */
final class MegatronShards {
    private MegatronShards() {
    }

    static List<Path> of(Path out) {
        List<Path> prefixes = new ArrayList<>();
        for (int i = 0; Files.exists(out.resolve(String.format("tokens/megatron-%05d.bin", i))); i++) {
            prefixes.add(out.resolve(String.format("tokens/megatron-%05d", i)));
        }
        return prefixes;
    }
}
