package dev.codemill.stages.quality;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
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
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern AFFIXES = Pattern.compile("^(?:test_|tests_)|(?:_test|_tests|_spec|Tests?|\\.test|\\.spec)$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String key(Document doc) {
        return doc.source().repoName();
    }

    @Override
    public void processGroup(String repo, List<Document> docs, Emitter out) {
        Map<String, String> coveredStem = new HashMap<>();
        Map<String, String> mentioned = new HashMap<>();
        Map<String, String> goTestDirs = new HashMap<>();
        boolean[] isTest = new boolean[docs.size()];
        List<Integer> byPath = new java.util.ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            byPath.add(i);
        }
        byPath.sort(java.util.Comparator.comparing(i -> docs.get(i).source().path()));
        for (int i : byPath) {
            Document d = docs.get(i);
            String path = d.source().path();
            if (d.text() == null || !TestedChecker.isTest(path, d.text())) {
                continue;
            }
            isTest[i] = true;
            String family = family(path);
            coveredStem.putIfAbsent(family + ":" + testedStem(stem(path)), path);
            if (path.endsWith("_test.go")) {
                goTestDirs.putIfAbsent(dir(path), path);
            }
            String text = d.text().length() > 1_000_000 ? d.text().substring(0, 1_000_000) : d.text();
            Matcher m = IDENTIFIER.matcher(text);
            while (m.find()) {
                if (m.end() - m.start() >= MIN_MENTIONED_STEM) {
                    mentioned.putIfAbsent(family + ":" + m.group().toLowerCase(Locale.ROOT), path);
                }
            }
        }
        boolean hasTests = !coveredStem.isEmpty();
        for (int i = 0; i < docs.size(); i++) {
            Document d = docs.get(i).with(Keys.REPO_HAS_TESTS, hasTests);
            if (!isTest[i] && hasTests) {
                String by = coveredBy(d.source().path(), coveredStem, mentioned, goTestDirs);
                if (by != null) {
                    d = d.with(Keys.TESTED_BY, by);
                }
            }
            out.keep(d);
        }
    }

    private static String coveredBy(String path, Map<String, String> coveredStem, Map<String, String> mentioned,
                                    Map<String, String> goTestDirs) {
        String stem = stem(path).toLowerCase(Locale.ROOT);
        String family = family(path);
        String by = coveredStem.get(family + ":" + stem);
        if (by == null && path.endsWith(".go")) {
            by = goTestDirs.get(dir(path));
        }
        if (by == null && stem.length() >= MIN_MENTIONED_STEM && !GENERIC.contains(stem)) {
            by = mentioned.get(family + ":" + stem);
        }
        return by;
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
