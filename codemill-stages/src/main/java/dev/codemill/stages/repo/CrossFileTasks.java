package dev.codemill.stages.repo;

import dev.codemill.tokenize.Tokenizer;
import dev.codemill.tokenize.Tokenizers;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Cross-file completion tasks of one repository (in the spirit of RepoBench, Liu et al. 2023, and
 * CrossCodeEval, Ding et al. 2023): the line to complete uses a function or type that another
 * file of the repository defines, and the record carries the files it depends on as context.
 *
 * <p><b>Definitions</b> come from the tree-sitter tree ({@link Parsers}): Python module-level
 * {@code def}/{@code class} (also decorated); Java classes, interfaces, enums, records,
 * annotation types and methods; JavaScript/TypeScript function, generator and class declarations,
 * TypeScript interfaces, type aliases and enums, and {@code const f = () => …} /
 * {@code = function …}; for the other grammars the common declaration nodes that carry a
 * {@code name} field (Go {@code function_declaration}/{@code type_spec}, Rust
 * {@code function_item}/{@code struct_item}/{@code enum_item}/{@code trait_item}, C#, PHP,
 * Ruby {@code method}/{@code class}/{@code module}, Kotlin). C/C++ functions (named through a
 * declarator) give none.
 *
 * <p><b>Uses</b>: identifier nodes ({@code identifier}, {@code type_identifier},
 * {@code field_identifier}, {@code property_identifier}, {@code constant}, {@code name},
 * {@code simple_identifier}) outside import/include/package/use statements and not the name of a
 * definition. A line of file {@code F} is a candidate when it holds a use of a name that a file
 * {@code D} directly imported by {@code F} ({@link ImportGraph#dependencies()}) defines and
 * {@code F} does not define itself; the first such use on the line is the task's symbol, and when
 * several imported files define it the smallest path is {@code defined_in}.
 *
 * <p><b>Selection</b>: up to {@code maxTasksPerFile} candidate lines per file, drawn without
 * replacement by a partial Fisher–Yates shuffle of the candidates (in line order) with the
 * caller's per-file generator (the stage seeds it with the recipe seed and the file id), then
 * sorted by line.
 *
 * <p><b>Context</b>: the files reachable from {@code F} through imports (breadth-first; graph
 * distance 1 = imported directly), ranked by distance, then path, concatenated in StarCoder2's
 * format {@code <file_sep>PATH\nCODE}; a file whose piece does not fit in what is left of
 * {@code contextTokens} (cl100k tokens by default, sentinels counted as text) is left out and
 * the next one is tried. The task's content is the context followed by
 * {@code <file_sep>PATH\n} and the prefix (the file up to the target line).
 */
public final class CrossFileTasks {
    /** Default tasks per file: 2. */
    public static final int DEFAULT_MAX_TASKS_PER_FILE = 2;
    /** Default context budget: 4096 tokens (RepoBench's prompts are 2 K–12 K tokens; 4 K is its middle setting). */
    public static final int DEFAULT_CONTEXT_TOKENS = 4096;
    /** Default share of repositories in the evaluation split: 0.1. */
    public static final double DEFAULT_EVAL_SHARE = 0.1;

    private static final Set<String> USE_TYPES = Set.of("identifier", "type_identifier", "field_identifier",
            "property_identifier", "constant", "name", "simple_identifier");
    private static final Set<String> GENERIC_DEFS = Set.of("function_definition", "function_declaration",
            "class_declaration", "class_definition", "method_declaration", "interface_declaration", "struct_declaration",
            "enum_declaration", "record_declaration", "type_spec", "function_item", "struct_item", "enum_item",
            "trait_item", "method", "class", "module", "object_declaration", "trait_declaration");
    private static final Set<String> JAVA_DEFS = Set.of("class_declaration", "interface_declaration",
            "enum_declaration", "record_declaration", "annotation_type_declaration", "method_declaration");
    private static final Set<String> JS_DEFS = Set.of("function_declaration", "generator_function_declaration",
            "class_declaration", "abstract_class_declaration", "interface_declaration", "type_alias_declaration",
            "enum_declaration");

    /**
     * @param maxTasksPerFile at most this many tasks per file (&ge; 1)
     * @param contextTokens   token budget of the context files
     * @param fileSep         file separator sentinel (StarCoder2 {@code <file_sep>})
     * @param encoding        tokenizer name for counting (see {@link Tokenizers})
     */
    public record Options(int maxTasksPerFile, long contextTokens, String fileSep, String encoding) {
        public static Options defaults() {
            return new Options(DEFAULT_MAX_TASKS_PER_FILE, DEFAULT_CONTEXT_TOKENS, RepoSampler.DEFAULT_FILE_SEP,
                    Tokenizers.DEFAULT);
        }
    }

    /**
     * One task.
     *
     * @param file          path of the file holding the target line
     * @param line          1-based line of the target
     * @param prefix        the file up to the start of that line
     * @param target        the line, without its line break
     * @param symbol        the used name defined elsewhere
     * @param definedIn     the imported file defining it
     * @param contextFiles  paths of the context files included, in rank order
     * @param context       their concatenation {@code <file_sep>PATH\nCODE…}
     * @param contextTokens tokens of {@code context}
     * @param content       {@code context + <file_sep>FILE\n + prefix}
     */
    public record Task(String file, int line, String prefix, String target, String symbol, String definedIn,
                       List<String> contextFiles, String context, long contextTokens, String content) {
    }

    /**
     * What one file defines and uses.
     *
     * @param defs names defined
     * @param uses identifier uses in source order
     */
    public record Parsed(Set<String> defs, List<Use> uses) {
        static final Parsed EMPTY = new Parsed(Set.of(), List.of());
    }

    /**
     * A use of a name.
     *
     * @param line 1-based line
     * @param name the identifier
     */
    public record Use(int line, String name) {
    }

    private final Options options;
    private final Tokenizer encoding;

    public CrossFileTasks(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.encoding = Tokenizers.byName(options.encoding());
    }

    public Options options() {
        return options;
    }

    /**
     * The split of a repository: {@code eval} when {@link dev.codemill.model.Seeds#uniform} of its
     * name (purpose {@link dev.codemill.model.Seeds#EVAL_SPLIT}, recipe seed 0) is below
     * {@code evalShare}, else {@code train}. Not seeded by the recipe, so a repository stays on its
     * side whatever the recipe.
     */
    public static String split(String repo, double evalShare) {
        double u = dev.codemill.model.Seeds.uniform(0L, dev.codemill.model.Seeds.EVAL_SPLIT, repo);
        return u < evalShare ? "eval" : "train";
    }

    /** Names a file defines (see the class comment); empty without a grammar. */
    public static Set<String> definitions(SourceFile f) {
        return parse(f).defs();
    }

    static Parsed parse(SourceFile f) {
        String lang = f.language();
        if (lang == null || f.text().length() > ImportExtractor.MAX_PARSE_CHARS) {
            return Parsed.EMPTY; // as ImportExtractor: multi-MB (generated, minified) files are not parsed
        }
        String grammar = lang.equals("TSX") ? "TypeScript" : lang;
        if (!Parsers.supports(grammar)) {
            return Parsed.EMPTY;
        }
        Optional<SyntaxTree> parsed = Parsers.parse(f.text(), grammar, ImportExtractor.MAX_NODES);
        if (parsed.isEmpty()) {
            return Parsed.EMPTY;
        }
        SyntaxTree t = parsed.get();
        Set<String> defs = new TreeSet<>();
        Set<Integer> defNames = new java.util.HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            int name = definitionName(t, i, grammar);
            if (name >= 0) {
                defs.add(t.text(name));
                defNames.add(name);
            }
        }
        List<Use> uses = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (USE_TYPES.contains(t.type(i)) && !defNames.contains(i) && !inImport(t, i)) {
                uses.add(new Use(t.startLine(i), t.text(i)));
            }
        }
        return new Parsed(defs, uses);
    }

    /** The name node of a definition at {@code i}, or -1. */
    private static int definitionName(SyntaxTree t, int i, String grammar) {
        String type = t.type(i);
        switch (grammar) {
            case "Python" -> {
                if (!type.equals("function_definition") && !type.equals("class_definition")) {
                    return -1;
                }
                int p = t.parent(i);
                if (p >= 0 && t.type(p).equals("decorated_definition")) {
                    p = t.parent(p);
                }
                return p >= 0 && t.type(p).equals("module") ? t.child(i, "name") : -1;
            }
            case "Java" -> {
                return JAVA_DEFS.contains(type) ? t.child(i, "name") : -1;
            }
            case "JavaScript", "TypeScript" -> {
                if (JS_DEFS.contains(type)) {
                    return t.child(i, "name");
                }
                if (type.equals("variable_declarator")) {
                    int v = t.child(i, "value");
                    if (v >= 0 && (t.type(v).equals("arrow_function") || t.type(v).equals("function")
                            || t.type(v).equals("function_expression"))) {
                        int n = t.child(i, "name");
                        return n >= 0 && t.type(n).equals("identifier") ? n : -1;
                    }
                }
                return -1;
            }
            default -> {
                return GENERIC_DEFS.contains(type) ? t.child(i, "name") : -1;
            }
        }
    }

    private static boolean inImport(SyntaxTree t, int i) {
        for (int p = t.parent(i); p >= 0; p = t.parent(p)) {
            String type = t.type(p);
            if (type.contains("import") || type.contains("include") || type.contains("package")
                    || type.equals("use_declaration") || type.equals("using_directive")
                    || type.equals("namespace_use_clause") || type.equals("mod_item")) {
                return true;
            }
        }
        return false;
    }

    /** Files reachable from {@code from} through imports with their graph distance, ranked by distance, then path. */
    public static List<String> ranked(String from, Map<String, SortedSet<String>> deps) {
        Map<String, Integer> dist = new HashMap<>();
        dist.put(from, 0);
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String p = queue.poll();
            for (String d : deps.getOrDefault(p, new TreeSet<>())) {
                if (!dist.containsKey(d)) {
                    dist.put(d, dist.get(p) + 1);
                    queue.add(d);
                }
            }
        }
        dist.remove(from);
        List<String> out = new ArrayList<>(dist.keySet());
        out.sort(Comparator.comparing((String p) -> dist.get(p)).thenComparing(Comparator.naturalOrder()));
        return out;
    }

    /** Parses every file once; the result is shared by {@link #tasks} calls of one repository. */
    public Map<String, Parsed> index(List<SourceFile> files) {
        Map<String, Parsed> out = new TreeMap<>();
        for (SourceFile f : files) {
            out.put(f.path(), parse(f));
        }
        return out;
    }

    /**
     * The tasks of file {@code file}.
     *
     * @param byPath the repository's files by path
     * @param index  {@link #index} of those files
     * @param graph  their import graph
     * @param rng    the file's generator (drawn only when there are more candidates than tasks)
     */
    public List<Task> tasks(SourceFile file, Map<String, SourceFile> byPath, Map<String, Parsed> index,
                            ImportGraph graph, RandomGenerator rng) {
        Parsed own = index.get(file.path());
        if (own == null || own.uses().isEmpty()) {
            return List.of();
        }
        Map<String, String> definedIn = new HashMap<>();
        for (String d : graph.dependencies().getOrDefault(file.path(), new TreeSet<>())) {
            if (d.equals(file.path())) {
                continue;
            }
            Parsed p = index.get(d);
            if (p != null) {
                for (String name : p.defs()) {
                    definedIn.putIfAbsent(name, d);
                }
            }
        }
        own.defs().forEach(definedIn::remove);
        if (definedIn.isEmpty()) {
            return List.of();
        }
        TreeMap<Integer, String> candidates = new TreeMap<>();
        for (Use u : own.uses()) {
            if (definedIn.containsKey(u.name())) {
                candidates.putIfAbsent(u.line(), u.name());
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Integer> lines = new ArrayList<>(candidates.keySet());
        int k = Math.min(options.maxTasksPerFile(), lines.size());
        if (k < lines.size()) {
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(lines.size() - i);
                Integer tmp = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, tmp);
            }
            lines = new ArrayList<>(lines.subList(0, k));
            lines.sort(null);
        }
        List<String> ctxFiles = new ArrayList<>();
        StringBuilder ctx = new StringBuilder();
        long used = 0;
        for (String p : ranked(file.path(), graph.dependencies())) {
            SourceFile f = byPath.get(p);
            if (f == null) {
                continue;
            }
            String piece = options.fileSep() + p + "\n" + f.text();
            long cost = encoding.count(piece);
            if (used + cost <= options.contextTokens()) {
                ctx.append(piece);
                ctxFiles.add(p);
                used += cost;
            }
        }
        String context = ctx.toString();
        long contextTokens = encoding.count(context);
        int[] starts = lineStarts(file.text());
        List<Task> out = new ArrayList<>();
        for (int line : lines) {
            int s = starts[line - 1];
            int e = line < starts.length ? starts[line] - 1 : file.text().length();
            String target = file.text().substring(s, e);
            if (target.endsWith("\r")) {
                target = target.substring(0, target.length() - 1);
            }
            String prefix = file.text().substring(0, s);
            String symbol = candidates.get(line);
            out.add(new Task(file.path(), line, prefix, target, symbol, definedIn.get(symbol), List.copyOf(ctxFiles),
                    context, contextTokens, context + options.fileSep() + file.path() + "\n" + prefix));
        }
        return out;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
