package dev.codemill.stages.debug;

import dev.codemill.stage.Params;

import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Recipe type {@code debug_pairs}. Parameters:
 * <ul>
 *   <li>{@code operators} — labels of the {@link Operator}s to use (default all twelve);</li>
 *   <li>{@code mutants_per_operator} — sites drawn per operator and file, 1..20 (default 1);</li>
 *   <li>{@code execute} — also run the files in the sandbox (Python doctests or script, Node
 *       script) to find runtime and test errors, not only compile them (default true);</li>
 *   <li>{@code max_bytes} — larger files are not mutated (default 100000);</li>
 *   <li>{@code timeout_seconds} — CPU limit of one run of a version of a file (default 10; wall
 *       time twice that; a traced test-module baseline three times that).</li>
 * </ul>
 * Draws come from the recipe seed and the document id.
 */
public final class DebugPairsStageFactory implements StageFactory {
    @Override
    public String name() {
        return DebugPairsStage.NAME;
    }

    @Override
    public String description() {
        return "error -> fix pairs: mutated Python/Java/JavaScript files judged by javac, python3 and node (sandboxed)";
    }

    @Override
    public Stage create(Params params) {
        Set<Operator> ops = operators(params);
        int per = (int) params.integer("mutants_per_operator", 1, 1, 20);
        boolean execute = params.bool("execute", true);
        int maxBytes = (int) params.integer("max_bytes", 100_000, 1, 10_000_000);
        long timeout = params.integer("timeout_seconds", 10, 1, 600);
        return new DebugPairsStage(new Mutator(ops), SandboxHolder.judges(execute, timeout), params.seed(), per, maxBytes);
    }

    static Set<Operator> operators(Params params) {
        List<String> labels = params.strings("operators", List.of());
        if (labels.isEmpty()) {
            return EnumSet.allOf(Operator.class);
        }
        Set<Operator> ops = EnumSet.noneOf(Operator.class);
        for (String l : labels) {
            try {
                ops.add(Operator.of(l));
            } catch (IllegalArgumentException e) {
                throw params.error("operators", e.getMessage());
            }
        }
        return ops;
    }

}
