package dev.codemill.stages.repo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The intra-repository dependency graph: an edge {@code from → to} when file {@code from}
 * imports, includes, requires or uses file {@code to} ({@link ImportExtractor} finds the
 * references in the syntax tree, {@link RepoResolver} resolves them). References that resolve
 * to no file of the repository (standard library, third-party packages) are counted in
 * {@link #unresolved()} and give no edge.
 */
public final class ImportGraph {
    /**
     * One resolved reference.
     *
     * @param from   importing file
     * @param to     imported file
     * @param kind   {@link ImportRef#kind()}, or {@code same_package} for a type used without import
     * @param target the reference as written (the type name for {@code same_package})
     * @param line   1-based line of the statement (0 for {@code same_package})
     */
    public record Edge(String from, String to, String kind, String target, int line) {
    }

    private final List<String> paths;
    private final List<Edge> edges;
    private final Map<String, SortedSet<String>> deps;
    private final int references;
    private final int unresolved;

    private ImportGraph(List<String> paths, List<Edge> edges, int references, int unresolved) {
        this.paths = paths;
        this.edges = edges;
        this.references = references;
        this.unresolved = unresolved;
        Map<String, SortedSet<String>> d = new TreeMap<>();
        for (String p : paths) {
            d.put(p, new TreeSet<>());
        }
        for (Edge e : edges) {
            d.get(e.from()).add(e.to());
        }
        Map<String, SortedSet<String>> frozen = new LinkedHashMap<>();
        d.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSortedSet(v)));
        this.deps = Collections.unmodifiableMap(frozen);
    }

    /** Builds the graph of {@code files} (paths must be distinct). */
    public static ImportGraph build(List<SourceFile> files) {
        List<SourceFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(SourceFile::path));
        Map<String, ImportExtractor.Result> info = new LinkedHashMap<>();
        Map<String, List<String>> packages = new TreeMap<>();
        for (SourceFile f : sorted) {
            ImportExtractor.Result r = ImportExtractor.extract(f);
            info.put(f.path(), r);
            if (!r.packages().isEmpty()) {
                packages.put(f.path(), r.packages());
            }
        }
        RepoResolver resolver = new RepoResolver(sorted, packages);
        List<Edge> edges = new ArrayList<>();
        int refs = 0;
        int unresolved = 0;
        for (SourceFile f : sorted) {
            ImportExtractor.Result r = info.get(f.path());
            TreeSet<String> seen = new TreeSet<>();
            for (ImportRef ref : r.refs()) {
                refs++;
                List<String> to = resolver.resolve(f, r, ref);
                if (to.isEmpty()) {
                    unresolved++;
                }
                for (String t : to) {
                    if (seen.add(t)) {
                        edges.add(new Edge(f.path(), t, ref.kind(), ref.target(), ref.line()));
                    }
                }
            }
            for (String t : resolver.samePackage(f, r)) {
                if (seen.add(t)) {
                    edges.add(new Edge(f.path(), t, "same_package", RepoPaths.stem(t), 0));
                }
            }
        }
        return new ImportGraph(sorted.stream().map(SourceFile::path).toList(), List.copyOf(edges), refs, unresolved);
    }

    /** All file paths, sorted. */
    public List<String> paths() {
        return paths;
    }

    /** Resolved edges, one per (from, to) pair, by importer path then statement order. */
    public List<Edge> edges() {
        return edges;
    }

    /** Each file's dependencies (files it imports), sorted; every path has an entry. */
    public Map<String, SortedSet<String>> dependencies() {
        return deps;
    }

    /** Import-like references found (before resolution). */
    public int references() {
        return references;
    }

    /** References that resolved to no file of the repository. */
    public int unresolved() {
        return unresolved;
    }
}
