package dev.codemill.stages.quality;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The repository-level half of the {@code tested} principle: per repository ({@code repo_name}
 * group), which files are tests ({@link TestedChecker#isTest}) and which other files a test
 * covers. Annotates every document with {@link Keys#REPO_HAS_TESTS} and every covered non-test
 * file with {@link Keys#TESTED_BY} (the covering test's path, the first in path order). Keeps
 * every document.
 *
 * <p>A test covers a file when (1) its file stem, with the usual test affixes removed
 * ({@code test_}, {@code _test}, {@code Test}, {@code Tests}, {@code .test}, {@code .spec},
 * {@code _spec}), equals the file's stem, case-insensitively ({@code test_parser.py} ↔
 * {@code parser.py}, {@code ParserTest.java} ↔ {@code Parser.java}, {@code parser.spec.ts} ↔
 * {@code parser.ts}, {@code parser_test.go} ↔ {@code parser.go}); or (2) the file's stem, at least
 * {@value #MIN_MENTIONED_STEM} characters and not a generic module name ({@code __init__},
 * {@code index}, {@code main}, {@code utils}, …), occurs as a whole identifier in the test's text
 * ({@code import parser}, {@code from pkg.parser import}, {@code new Parser(}, {@code require('./parser')}).
 * A Go file is also covered by any {@code _test.go} file of its directory (Go tests are per
 * package). Test and file must be of the same language family (by extension: JVM
 * {@code java kt scala groovy}, JS {@code js jsx ts tsx mjs cjs vue}, C {@code c h cc cpp cxx hpp hh},
 * otherwise the same extension). Heuristics on names, not a call graph: a file mentioned only in
 * a string of a test counts too.
 */
public final class RepoTestsStage implements GroupStage {
    public static final String NAME = "repo_tests";
    /** Shortest stem that counts when merely mentioned in a test (shorter ones are too common). */
    static final int MIN_MENTIONED_STEM = 4;
    private static final java.util.Set<String> GENERIC = java.util.Set.of("__init__", "__main__", "index", "main",
            "mod", "lib", "util", "utils", "common", "setup", "conftest", "types", "config", "base", "core", "test",
            "tests", "spec", "helpers", "constants");
    private static final Pattern AFFIXES = Pattern.compile("^(?:test_|tests_)|(?:_test|_tests|_spec|Tests?|\\.test|\\.spec)$");

    /** False: annotates only. */
    @Override
    public boolean mayDropDocuments() {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String key(Document doc) {
        return doc.source().repoName();
    }

    /** The key is {@code repo_name}: a runner may run this stage in the round of another stage grouping by it. */
    @Override
    public String keyField() {
        return "repo_name";
    }

    /**
     * Sliceable: a file's annotations depend only on itself and on the repository's test files
     * ({@link TestedChecker#isTest}), the group's context.
     */
    @Override
    public java.util.function.Predicate<Document> sliceContext() {
        return d -> d.text() != null && TestedChecker.isTest(d.source().path(), d.text());
    }

    @Override
    public void processGroup(String repo, List<Document> docs, Emitter out) {
        int n = docs.size();
        boolean[] isTest = new boolean[n];
        List<Integer> tests = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Document d = docs.get(i);
            if (d.text() != null && TestedChecker.isTest(d.source().path(), d.text())) {
                isTest[i] = true;
                tests.add(i);
            }
        }
        tests.sort(java.util.Comparator.comparing(i -> docs.get(i).source().path()));
        String[] by = new String[n];
        if (!tests.isEmpty()) {
            cover(docs, isTest, tests, by);
        }
        for (int i = 0; i < n; i++) {
            Document d = docs.get(i).with(Keys.REPO_HAS_TESTS, !tests.isEmpty());
            out.keep(by[i] == null ? d : d.with(Keys.TESTED_BY, by[i]));
        }
    }

    /** Fills {@code by[i]} for every non-test file a test covers (tests in path order: the first wins). */
    private static void cover(List<Document> docs, boolean[] isTest, List<Integer> tests, String[] by) {
        Map<String, String> coveredStem = new HashMap<>();
        Map<String, String> goTestDirs = new HashMap<>();
        for (int t : tests) {
            String path = docs.get(t).source().path();
            coveredStem.putIfAbsent(family(path) + ":" + testedStem(stem(path)), path);
            if (path.endsWith("_test.go")) {
                goTestDirs.putIfAbsent(dir(path), path);
            }
        }
        // files still uncovered after the name rules, by family and stem: the candidates of the mention rule
        Map<String, Map<Ident, List<Integer>>> wanted = new HashMap<>();
        int open = 0;
        for (int i = 0; i < docs.size(); i++) {
            if (isTest[i]) {
                continue;
            }
            String path = docs.get(i).source().path();
            String stem = stem(path);
            String family = family(path);
            by[i] = coveredStem.get(family + ":" + stem.toLowerCase(Locale.ROOT));
            if (by[i] == null && path.endsWith(".go")) {
                by[i] = goTestDirs.get(dir(path));
            }
            if (by[i] == null && stem.length() >= MIN_MENTIONED_STEM && !GENERIC.contains(stem.toLowerCase(Locale.ROOT))) {
                wanted.computeIfAbsent(family, f -> new HashMap<>())
                        .computeIfAbsent(new Ident(stem, 0, stem.length()), k -> new java.util.ArrayList<>()).add(i);
                open++;
            }
        }
        for (int t : tests) {
            if (open == 0) {
                return;
            }
            Document test = docs.get(t);
            Map<Ident, List<Integer>> stems = wanted.get(family(test.source().path()));
            if (stems == null || stems.isEmpty()) {
                continue;
            }
            String text = test.text().length() > 1_000_000 ? test.text().substring(0, 1_000_000) : test.text();
            open = mentions(text, stems, test.source().path(), by, open);
        }
    }

    /**
     * The mention rule over one test's text: every identifier of at least
     * {@value #MIN_MENTIONED_STEM} characters that is a wanted stem covers that stem's files (and
     * leaves {@code stems}); returns the files still open. Identifiers are hashed as they are read
     * ({@link Ident}: {@code String.hashCode} of the span), so a lookup reads each character once;
     * its own method so that the JIT compiles this loop apart from {@link #cover}.
     */
    private static int mentions(String text, Map<Ident, List<Integer>> stems, String testPath, String[] by, int open) {
        int len = text.length();
        int p = 0;
        Ident probe = new Ident(text, 0, 0);
        while (p < len && open > 0) {
            char c = text.charAt(p);
            if (!isIdentStart(c)) {
                p++;
                continue;
            }
            int start = p;
            int h = 0;
            while (p < len && isIdentPart(c = text.charAt(p))) {
                h = 31 * h + c;
                p++;
            }
            if (p - start >= MIN_MENTIONED_STEM) {
                List<Integer> files = stems.remove(probe.at(start, p, h));
                if (files != null) {
                    for (int f : files) {
                        by[f] = testPath;
                    }
                    open -= files.size();
                }
            }
        }
        return open;
    }

    /** {@code Character.isLetter(c) || c == '_'}, ASCII answered without a table lookup. */
    private static boolean isIdentStart(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }
        return Character.isLetter(c);
    }

    /** {@code Character.isLetterOrDigit(c) || c == '_'}, ASCII answered without a table lookup. */
    private static boolean isIdentPart(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    /**
     * A span of a string as a map key: equal when the characters are (as {@code CharBuffer}
     * keys were), hash = {@code String.hashCode} of the span, computed once. The probe of
     * {@link #mentions} is one mutable instance moved from identifier to identifier.
     */
    static final class Ident {
        private String text;
        private int start;
        private int end;
        private int hash;

        Ident(String text, int start, int end) {
            this.text = text;
            this.start = start;
            this.end = end;
            int h = 0;
            for (int i = start; i < end; i++) {
                h = 31 * h + text.charAt(i);
            }
            this.hash = h;
        }

        /** Moves the probe to {@code text[start, end)} whose hash the caller computed. */
        Ident at(int start, int end, int hash) {
            this.start = start;
            this.end = end;
            this.hash = hash;
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Ident k)) {
                return false;
            }
            int n = end - start;
            return k.end - k.start == n && k.hash == hash && text.regionMatches(start, k.text, k.start, n);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }

    /** File name without directories and without its last extension ({@code a/b/parser.spec.ts} → {@code parser.spec}). */
    static String stem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A test's stem without its test affixes, lower-cased ({@code ParserTest} → {@code parser}). */
    static String testedStem(String stem) {
        String s = stem;
        String previous;
        do {
            previous = s;
            s = AFFIXES.matcher(s).replaceAll("");
        } while (!s.equals(previous) && !s.isEmpty());
        if (s.startsWith("Test") && s.length() > 4 && Character.isUpperCase(s.charAt(4))) {
            s = s.substring(4); // TestParser (JUnit 3, xUnit)
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Language family of a path by its extension (see the class comment). */
    static String family(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "java", "kt", "kts", "scala", "groovy" -> "jvm";
            case "js", "jsx", "ts", "tsx", "mjs", "cjs", "vue" -> "js";
            case "c", "h", "cc", "cpp", "cxx", "hpp", "hh" -> "c";
            default -> ext;
        };
    }

    private static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
