package dev.codemill.stages.repo;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.fim.FimTransform;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Cross-file completion tasks ({@link CrossFileTasks}): groups documents by {@code repo_name}
 * and replaces each repository's files by its task records. A recipe that ends with this stage
 * writes the tasks, one per row, to {@code data/} (column {@code content}: the context files and
 * the prefix; the rest in annotations).
 *
 * <p>Outcomes, one per input document as the runner requires (the convention of
 * {@link RepoSamplesStage}): files are visited in path order; a file's first task leaves as the
 * {@link Emitter#modified modification} of that file, rule {@value #RULE}, value =
 * {@code PATH:LINE}, limit = {@code context_tokens}, with the new id {@link #taskId}. A file's
 * further tasks take the outcome slots of files that yield no task (path order), again as
 * modifications with rule {@value #RULE}; the remaining task-less files are dropped with rule
 * {@value #NO_TASK} (value: {@code no_grammar}, {@code no_imports} or {@code no_cross_file_use}).
 * When a repository yields more tasks than it has files, the extra ones are cut: tasks are
 * taken round-robin (every file's first task, then every file's second task …) and the
 * metric {@code tasks_cut} counts the rest. A document without text is dropped with rule
 * {@value #NOT_DECODED}; documents with an empty {@code repo_name} are each their own
 * repository.
 *
 * <p>Annotations of a task: {@link CrossFileKeys#CONTEXT_FILES}, {@link CrossFileKeys#PREFIX},
 * {@link CrossFileKeys#TARGET}, {@link CrossFileKeys#TARGET_SYMBOL}, {@link CrossFileKeys#DEFINED_IN},
 * {@link CrossFileKeys#SPLIT}, {@link CrossFileKeys#TARGET_LINE}, {@link CrossFileKeys#CONTEXT_TOKENS},
 * {@link Keys#LANGUAGE} and the file's licence/star annotations. Metrics: {@code repositories},
 * {@code files}, {@code files_with_tasks}, {@code tasks}, {@code tasks_cut}, {@code eval_tasks}.
 */
public final class CrossFileTasksStage implements GroupStage {
    public static final String NAME = "cross_file_tasks";
    public static final String RULE = "cross_file_task";
    public static final String NO_TASK = "no_task";
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
        Map<String, List<CrossFileTasks.Task>> perFile = new TreeMap<>();
        int maxPerFile = 0;
        for (SourceFile f : files) {
            List<CrossFileTasks.Task> t = tasks.tasks(f, byPath, index, graph,
                    FimTransform.rngFor(seed, docOf.get(f.path()).id()));
            perFile.put(f.path(), t);
            maxPerFile = Math.max(maxPerFile, t.size());
        }
        // Round-robin: every file's first task, then every file's second task ..., at most one per file slot.
        int slots = files.size();
        List<CrossFileTasks.Task> firsts = new ArrayList<>();
        List<CrossFileTasks.Task> extras = new ArrayList<>();
        int total = 0;
        for (List<CrossFileTasks.Task> t : perFile.values()) {
            total += t.size();
        }
        for (int r = 0; r < maxPerFile; r++) {
            for (List<CrossFileTasks.Task> t : perFile.values()) {
                if (r < t.size() && firsts.size() + extras.size() < slots) {
                    (r == 0 ? firsts : extras).add(t.get(r));
                }
            }
        }
        int emitted = firsts.size() + extras.size();
        ArrayDeque<CrossFileTasks.Task> extraQueue = new ArrayDeque<>(extras);
        extraQueue = new ArrayDeque<>(extraQueue.stream()
                .sorted(java.util.Comparator.comparing(CrossFileTasks.Task::file).thenComparingInt(CrossFileTasks.Task::line))
                .toList());
        long eval = 0;
        for (SourceFile f : files) {
            List<CrossFileTasks.Task> t = perFile.get(f.path());
            Document d = docOf.get(f.path());
            if (!t.isEmpty()) {
                out.modified(task(repo, d, t.get(0), split), verdict(t.get(0)));
            } else if (!extraQueue.isEmpty()) {
                CrossFileTasks.Task x = extraQueue.poll();
                out.modified(task(repo, docOf.get(x.file()), x, split), verdict(x));
            } else {
                out.drop(d, new Verdict(NO_TASK, "no line uses a function or type defined in an imported file",
                        whyNone(f, index, graph), "", ""));
            }
        }
        if (split.equals("eval")) {
            eval = emitted;
        }
        out.count("repositories", 1);
        out.count("files", files.size());
        out.count("files_with_tasks", firsts.size());
        out.count("tasks", emitted);
        out.count("tasks_cut", total - emitted);
        out.count("eval_tasks", eval);
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
