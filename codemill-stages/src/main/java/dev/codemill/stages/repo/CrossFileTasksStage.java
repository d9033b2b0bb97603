package dev.codemill.stages.repo;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cross-file completion tasks ({@link CrossFileTasks}): groups documents by {@code repo_name}
 * and turns each repository's files into task records. Meant for a branch
 * ({@code --cross-file-tasks} adds {@code {name: cross_file, stages: [{type: cross_file_tasks}]}}),
 * whose {@code data/} then holds the tasks, one per row (column {@code content}: the context
 * files and the prefix; the rest in annotations).
 *
 * <p>Outcomes: files are visited in path order; every task of a file is
 * {@link Emitter#emit emitted} (none is cut) with the id {@link #taskId}, ledger action
 * {@code derive}, rule {@value #RULE}, value = {@code PATH:LINE}, limit = {@code context_tokens},
 * sources = the ids of the target file, the file defining the symbol and the context files. Every
 * decoded file is then {@link Emitter#consume consumed} (it was read as material: target, definition
 * or context) with rule {@value #SOURCE}, value = the number of tasks it is the target of, and for
 * 0 a detail naming why ({@code no_grammar}, {@code no_imports} or {@code no_cross_file_use}). A
 * document without text is dropped with rule {@value #NOT_DECODED}; documents with an empty
 * {@code repo_name} are each their own repository.
 *
 * <p>Annotations of a task: {@link CrossFileKeys#CONTEXT_FILES}, {@link CrossFileKeys#PREFIX},
 * {@link CrossFileKeys#TARGET}, {@link CrossFileKeys#TARGET_SYMBOL}, {@link CrossFileKeys#DEFINED_IN},
 * {@link CrossFileKeys#SPLIT}, {@link CrossFileKeys#TARGET_LINE}, {@link CrossFileKeys#CONTEXT_TOKENS},
 * {@link Keys#LANGUAGE} and the file's licence/star annotations. Metrics: {@code repositories},
 * {@code files}, {@code files_with_tasks}, {@code tasks}, {@code eval_tasks}.
 */
public final class CrossFileTasksStage implements GroupStage {
    public static final String NAME = "cross_file_tasks";
    public static final String RULE = "cross_file_task";
    /** Ledger rule of a consumed file. */
    public static final String SOURCE = "cross_file_source";
    public static final String NOT_DECODED = "not_decoded";

    private final CrossFileTasks tasks;
    private final double evalShare;
    private final long seed;

    /**
     * @param tasks     task builder
     * @param evalShare share of repositories in the {@code eval} split, 0..1
     * @param seed      recipe seed (line draws, with the file id)
     */
    public CrossFileTasksStage(CrossFileTasks tasks, double evalShare, long seed) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.evalShare = evalShare;
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String key(Document doc) {
        String repo = doc.source().repoName();
        return repo.isEmpty() ? "doc:" + doc.id().value() : repo;
    }

    /** Id of a task: {@link DocId#of} of {@code cross_file/REPO/PATH:LINE}. */
    public static DocId taskId(String repo, String path, int line) {
        return DocId.of("cross_file/" + repo + "/" + path + ":" + line);
    }

    @Override
    public void processGroup(String key, List<Document> docs, Emitter out) {
        String repo = key;
        RepoFiles repoFiles = RepoFiles.of(docs, out, NOT_DECODED, "cross-file tasks need decoded text");
        Map<String, SourceFile> byPath = repoFiles.byPath();
        Map<String, Document> docOf = repoFiles.docOf();
        if (byPath.isEmpty()) {
            return;
        }
        List<SourceFile> files = new ArrayList<>(byPath.values());
        ImportGraph graph = ImportGraph.build(files);
        Map<String, CrossFileTasks.Parsed> index = tasks.index(files);
        String split = CrossFileTasks.split(repo, evalShare);
        long emitted = 0;
        long withTasks = 0;
        for (SourceFile f : files) {
            Document d = docOf.get(f.path());
            List<CrossFileTasks.Task> t = tasks.tasks(f, byPath, index, graph, dev.codemill.model.Seeds.rngFor(seed, dev.codemill.model.Seeds.CROSS_FILE, d.id()));
            for (CrossFileTasks.Task x : t) {
                out.emit(task(repo, d, x, split), sources(x, docOf), verdict(x));
            }
            emitted += t.size();
            withTasks += t.isEmpty() ? 0 : 1;
            String why = t.isEmpty() ? whyNone(f, index, graph) : "";
            out.consume(d, new Verdict(SOURCE, t.isEmpty() ? "read for cross-file tasks; target of none (" + why + ")"
                    : "read for cross-file tasks; target of " + t.size(), Integer.toString(t.size()), "", ""));
        }
        out.count("repositories", 1);
        out.count("files", files.size());
        out.count("files_with_tasks", withTasks);
        out.count("tasks", emitted);
        out.count("eval_tasks", split.equals("eval") ? emitted : 0);
    }

    /** The ids of a task's target file, the file defining its symbol and its context files, each once, in that order. */
    private static List<DocId> sources(CrossFileTasks.Task t, Map<String, Document> docOf) {
        java.util.LinkedHashSet<String> paths = new java.util.LinkedHashSet<>();
        paths.add(t.file());
        paths.add(t.definedIn());
        paths.addAll(t.contextFiles());
        List<DocId> ids = new ArrayList<>();
        for (String p : paths) {
            Document d = docOf.get(p);
            if (d != null) {
                ids.add(d.id());
            }
        }
        return ids;
    }

    private static String whyNone(SourceFile f, Map<String, CrossFileTasks.Parsed> index, ImportGraph graph) {
        CrossFileTasks.Parsed p = index.get(f.path());
        if (p == null || (p.uses().isEmpty() && p.defs().isEmpty())) {
            return "no_grammar";
        }
        if (graph.dependencies().getOrDefault(f.path(), new java.util.TreeSet<>()).isEmpty()) {
            return "no_imports";
        }
        return "no_cross_file_use";
    }

    private Verdict verdict(CrossFileTasks.Task t) {
        return new Verdict(RULE, "line " + t.line() + " of " + t.file() + " uses " + t.symbol() + " from " + t.definedIn()
                + "; " + t.contextFiles().size() + " context files, " + t.contextTokens() + " tokens",
                t.file() + ":" + t.line(), Long.toString(tasks.options().contextTokens()), "");
    }

    private static Document task(String repo, Document file, CrossFileTasks.Task t, String split) {
        Annotations a = Annotations.EMPTY
                .with(CrossFileKeys.CONTEXT_FILES, t.contextFiles())
                .with(CrossFileKeys.PREFIX, t.prefix())
                .with(CrossFileKeys.TARGET, t.target())
                .with(CrossFileKeys.TARGET_SYMBOL, t.symbol())
                .with(CrossFileKeys.DEFINED_IN, t.definedIn())
                .with(CrossFileKeys.SPLIT, split)
                .with(CrossFileKeys.TARGET_LINE, (long) t.line())
                .with(CrossFileKeys.CONTEXT_TOKENS, t.contextTokens())
                .with(Keys.LANGUAGE, file.get(Keys.LANGUAGE) != null ? file.get(Keys.LANGUAGE)
                        : RepoFiles.importLanguage(t.file()))
                .with(Keys.LICENSE_TYPE, file.get(Keys.LICENSE_TYPE))
                .with(Keys.DETECTED_LICENSES, file.get(Keys.DETECTED_LICENSES))
                .with(Keys.STARS, file.get(Keys.STARS))
                .with(Keys.FORKS, file.get(Keys.FORKS));
        return Document.ofText(taskId(repo, t.file(), t.line()),
                new SourceRef(file.source().origin(), file.source().repoName(), t.file()), t.content(), a);
    }
}
