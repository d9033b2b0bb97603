package dev.codemill.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The shorthands {@code --repo-samples}, {@code --fim} and {@code --cross-file-tasks}: each adds
 * a branch to the recipe (before it is checked), so that {@code codemill recipe} prints it and the
 * manifest records it, and one run writes it beside the main output:
 * <ul>
 *   <li>{@code --repo-samples}: {@code {name: repo_samples, stages: [{type: repo_samples}]}};</li>
 *   <li>{@code --fim}: {@code {name: fim, stages: [{type: fim}]}};</li>
 *   <li>{@code --cross-file-tasks}: {@code {name: cross_file, stages: [{type: cross_file_tasks}]}};</li>
 *   <li>{@code --exec-tasks}: {@code {name: exec_tasks, stages: [{type: exec_tasks}]}} (Python doctests run in the sandbox);</li>
 *   <li>{@code --debug-pairs}: {@code {name: debug_pairs, stages: [{type: debug_pairs}]}};</li>
 *   <li>{@code --repair-tasks}: {@code {name: repair_tasks, stages: [{type: repair_tasks}]}};</li>
 * </ul>
 * each fed from the end of the main chain (its kept documents, every annotation on them);
 * {@code --context-tokens N} sets {@code context_tokens} of the repository and cross-file stages.
 * A recipe that already has a branch of that name is a usage error.
 */
final class BranchFlags {
    @Option(names = "--repo-samples", description = "add the branch {name: repo_samples, stages: [{type: repo_samples}]}: "
            + "repository samples (dependency-ordered, StarCoder2 format) of the kept files in OUT/repo_samples/ "
            + "(docs/repo-samples.md)")
    boolean repoSamples;

    @Option(names = "--context-tokens", paramLabel = "N", description = "token budget of --repo-samples samples "
            + "(default 8192) and of --cross-file-tasks context (default 4096)")
    Integer contextTokens;

    @Option(names = "--fim", description = "add the branch {name: fim, stages: [{type: fim}]}: fill-in-the-middle "
            + "samples of the kept files in OUT/fim/")
    boolean fim;

    @Option(names = "--cross-file-tasks", description = "add the branch {name: cross_file, stages: [{type: "
            + "cross_file_tasks}]}: cross-file completion tasks of the kept files in OUT/cross_file/")
    boolean crossFileTasks;

    @Option(names = "--exec-tasks", description = "add the branch {name: exec_tasks, stages: [{type: exec_tasks}]}: "
            + "execution-prediction records from Python doctests run in the bubblewrap sandbox, in OUT/exec_tasks/")
    boolean execTasks;

    @Option(names = "--debug-pairs", description = "add the branch {name: debug_pairs, stages: [{type: debug_pairs}]}: "
            + "error -> fix pairs (mutants judged by javac, python3, node in the sandbox) in OUT/debug_pairs/ (docs/tasks.md)")
    boolean debugPairs;

    @Option(names = "--repair-tasks", description = "add the branch {name: repair_tasks, stages: [{type: repair_tasks}]}: "
            + "test-breaking mutants of CPython standard-library modules in OUT/repair_tasks/ (docs/tasks.md)")
    boolean repairTasks;

    boolean any() {
        return repoSamples || fim || crossFileTasks || execTasks || debugPairs || repairTasks || contextTokens != null;
    }

    /** The branch entries the flags add, in the order repo_samples, fim, cross_file, exec_tasks, debug_pairs, repair_tasks. */
    List<Map<String, Object>> entries() {
        if (contextTokens != null && !repoSamples && !crossFileTasks) {
            throw new ExitCodes.UsageException("--context-tokens needs --repo-samples or --cross-file-tasks");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (repoSamples) {
            out.add(entry("repo_samples", "repo_samples", true));
        }
        if (fim) {
            out.add(entry("fim", "fim", false));
        }
        if (crossFileTasks) {
            out.add(entry("cross_file", "cross_file_tasks", true));
        }
        if (execTasks) {
            out.add(entry("exec_tasks", "exec_tasks", false));
        }
        if (debugPairs) {
            out.add(entry("debug_pairs", "debug_pairs", false));
        }
        if (repairTasks) {
            out.add(entry("repair_tasks", "repair_tasks", false));
        }
        return out;
    }

    private Map<String, Object> entry(String name, String type, boolean context) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("type", type);
        if (context && contextTokens != null) {
            stage.put("context_tokens", contextTokens.longValue());
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("stages", List.of(stage));
        return b;
    }

    /** Adds the entries to a recipe tree's {@code branches} list. */
    @SuppressWarnings("unchecked")
    void addTo(Map<String, Object> tree) {
        List<Map<String, Object>> add = entries();
        if (add.isEmpty()) {
            return;
        }
        Object existing = tree.get("branches");
        List<Object> branches = new ArrayList<>(existing instanceof List<?> l ? (List<Object>) l : List.of());
        for (Map<String, Object> b : add) {
            for (Object o : branches) {
                if (o instanceof Map<?, ?> m && b.get("name").equals(m.get("name"))) {
                    throw new ExitCodes.UsageException("the recipe already has a branch named '" + b.get("name")
                            + "'; drop the flag or the branch");
                }
            }
            branches.add(b);
        }
        tree.put("branches", branches);
    }
}
