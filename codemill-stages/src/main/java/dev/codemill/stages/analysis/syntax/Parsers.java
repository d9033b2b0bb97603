package dev.codemill.stages.analysis.syntax;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCSharp;
import org.treesitter.TreeSitterCpp;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterKotlin;
import org.treesitter.TreeSitterPhp;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRuby;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/**
 * Parses text with the tree-sitter grammar of a linguist language name and exports the tree into
 * a {@link SyntaxTree}: in one native call per tree where {@link NativeTrees} is loaded, else
 * node by node through the binding ({@link JavaWalk}); both give the same nodes. Grammars come
 * from the {@code io.github.bonede:tree-sitter-*} jars (native code for linux x86_64/aarch64
 * inside; versions pinned in the parent POM as proven in {@code shared/LIBRARIES.md}).
 *
 * <p>Thread-safe: a parser is not, so each thread keeps its own parser per language
 * ({@link ThreadLocal}; {@link NativeTrees} keeps the native ones); languages are immutable native
 * tables shared by all threads.
 */
public final class Parsers {
    private static final Map<String, Supplier<TSLanguage>> FACTORIES = Map.ofEntries(
            Map.entry("Python", TreeSitterPython::new),
            Map.entry("Java", TreeSitterJava::new),
            Map.entry("JavaScript", TreeSitterJavascript::new),
            Map.entry("TypeScript", TreeSitterTypescript::new),
            Map.entry("C", TreeSitterC::new),
            Map.entry("C++", TreeSitterCpp::new),
            Map.entry("C#", TreeSitterCSharp::new),
            Map.entry("Go", TreeSitterGo::new),
            Map.entry("Rust", TreeSitterRust::new),
            Map.entry("PHP", TreeSitterPhp::new),
            Map.entry("Ruby", TreeSitterRuby::new),
            Map.entry("Kotlin", TreeSitterKotlin::new));

    private static final Map<String, Grammar> GRAMMARS = new HashMap<>();

    /**
     * A per-document parse budget for callers that want one: 1 s of CPU. At the slowest measured
     * parse rate (Python, ≈ 2 MB/s per core, {@code docs/quality.md}) a file at the quality
     * stage's default {@code max_parse_bytes} (1 MB) parses in ≈ 0.5 s, so only pathological
     * inputs reach it.
     */
    public static final long DEFAULT_BUDGET_NANOS = 1_000_000_000L;

    private static final ThreadLocal<Map<String, TSParser>> PARSERS = ThreadLocal.withInitial(HashMap::new);

    private Parsers() {
    }

    /** Languages (linguist names) that have a grammar here. */
    public static java.util.Set<String> languages() {
        return FACTORIES.keySet();
    }

    public static boolean supports(String language) {
        return language != null && FACTORIES.containsKey(language);
    }

    /** A language's native table plus symbol and field names cached as Java strings. */
    private record Grammar(TSLanguage language, String[] symbols, boolean[] namedSymbols, String[] fields) {
    }

    private static synchronized Grammar grammar(String language) {
        Grammar g = GRAMMARS.get(language);
        if (g == null) {
            TSLanguage lang = FACTORIES.get(language).get();
            int n = lang.symbolCount();
            String[] symbols = new String[n];
            boolean[] namedSymbols = new boolean[n];
            for (int i = 0; i < n; i++) {
                symbols[i] = lang.symbolName(i);
                namedSymbols[i] = lang.symbolType(i) == org.treesitter.TSSymbolType.TSSymbolTypeRegular;
            }
            int f = lang.fieldCount();
            String[] fields = new String[f + 1];
            for (int i = 1; i <= f; i++) {
                fields[i] = lang.fieldNameForId(i);
            }
            g = new Grammar(lang, symbols, namedSymbols, fields);
            GRAMMARS.put(language, g);
        }
        return g;
    }

    /**
     * Parses {@code text} as {@code language}; empty when the language has no grammar here or
     * tree-sitter gave no tree. Same as {@link #parseWithin} without a time budget.
     *
     * @param maxNodes keep at most this many nodes (pre-order); a tree cut there says so in
     *                 {@link SyntaxTree#complete()}; bounds memory on huge inputs
     */
    public static Optional<SyntaxTree> parse(String text, String language, int maxNodes) {
        return parseWithin(text, language, maxNodes, 0).optionalTree();
    }

    /**
     * Parses {@code text} as {@code language} within a CPU-time budget and exports the tree:
     * in one native call ({@link NativeTrees}) where the native library is loaded, else through
     * the binding node by node (same nodes, 2–3× slower).
     *
     * @param maxNodes    keep at most this many nodes (pre-order; status TRUNCATED when cut), ≥ 1
     * @param budgetNanos CPU time of the calling thread the parse may use; past it the parse is
     *                    abandoned with status TIMED_OUT (tree-sitter checks every 100 parser
     *                    operations, so the overshoot is microseconds); 0 for no budget. The walk
     *                    after the parse is linear in the nodes and not budgeted.
     */
    public static ParseResult parseWithin(String text, String language, int maxNodes, long budgetNanos) {
        if (maxNodes < 1 || budgetNanos < 0) {
            throw new IllegalArgumentException("maxNodes " + maxNodes + ", budgetNanos " + budgetNanos);
        }
        if (!supports(language)) {
            return new ParseResult(null, ParseStatus.UNSUPPORTED, false);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parseBytes(bytes, language, maxNodes, budgetNanos, nativeWalk);
    }

    /**
     * Parses {@code text} within a deterministic {@link ParseBudget}: a text over
     * {@code maxBytes} is not parsed (status {@link ParseStatus#TOO_LARGE}), a tree over
     * {@code maxNodes} ({@link ParseStatus#TRUNCATED}) or deeper than {@code maxDepth}
     * ({@link ParseStatus#TOO_DEEP}) is dropped, so that callers either walk a whole tree within the
     * bounds or fall back to their tree-less path, and say why ({@link ParseResult#detail()}).
     * The outcome depends only on the text, the language and the budget.
     */
    public static ParseResult parseBounded(String text, String language, ParseBudget budget) {
        if (!supports(language)) {
            return new ParseResult(null, ParseStatus.UNSUPPORTED, false, "no grammar for " + language);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > budget.maxBytes()) {
            return new ParseResult(null, ParseStatus.TOO_LARGE, false,
                    String.format(java.util.Locale.ROOT, "%,d bytes > max_parse_bytes %,d", bytes.length, budget.maxBytes()));
        }
        ParseResult r = parseBytes(bytes, language, budget.maxNodes(), 0, nativeWalk);
        if (r.status() == ParseStatus.TRUNCATED) {
            return new ParseResult(null, ParseStatus.TRUNCATED, r.nativeWalk(),
                    String.format(java.util.Locale.ROOT, "more than %,d nodes", budget.maxNodes()));
        }
        if (r.tree() != null && r.tree().depth() > budget.maxDepth()) {
            return new ParseResult(null, ParseStatus.TOO_DEEP, r.nativeWalk(),
                    String.format(java.util.Locale.ROOT, "%,d levels deep > max depth %,d", r.tree().depth(), budget.maxDepth()));
        }
        return r;
    }

    private static volatile boolean nativeWalk = NativeTrees.available();

    /**
     * Chooses the walk for later parses (tests and benchmarks compare them): {@code true} uses
     * the native export when it is {@linkplain NativeTrees#available() available}.
     *
     * @return the previous choice
     */
    public static boolean useNativeWalk(boolean use) {
        boolean before = nativeWalk;
        nativeWalk = use && NativeTrees.available();
        return before;
    }

    /** Whether parses use the native export now. */
    public static boolean nativeWalk() {
        return nativeWalk;
    }

    static ParseResult parseBytes(byte[] bytes, String language, int maxNodes, long budgetNanos, boolean useNative) {
        Grammar g = grammar(language);
        int[] records = useNative
                ? NativeTrees.parseExport(g.language(), bytes, maxNodes, budgetNanos)
                : JavaWalk.parseExport(parser(language, g), bytes, maxNodes, budgetNanos);
        ParseStatus status = NodeRecords.status(records);
        SyntaxTree tree = status == ParseStatus.COMPLETE || status == ParseStatus.TRUNCATED
                ? new SyntaxTree(bytes, records, g.symbols(), g.namedSymbols(), g.fields()) : null;
        return new ParseResult(tree, status, useNative);
    }

    /** A tree over records of {@code language} (tests). */
    static SyntaxTree tree(byte[] bytes, String language, int[] records) {
        Grammar g = grammar(language);
        return new SyntaxTree(bytes, records, g.symbols(), g.namedSymbols(), g.fields());
    }

    /**
     * Benchmark baseline: parses UTF-8 bytes and discards the tree (no export), through the
     * native library or the binding.
     *
     * @return false when the language has no grammar or tree-sitter gave no tree
     */
    public static boolean parseOnly(byte[] utf8, String language, boolean useNative) {
        if (!supports(language)) {
            return false;
        }
        int[] r = useNative && NativeTrees.available()
                ? NativeTrees.parseExport(grammar(language).language(), utf8, 0, 0)
                : JavaWalk.parseExport(parser(language), utf8, 0, 0);
        return NodeRecords.status(r) == ParseStatus.COMPLETE;
    }

    /** A language's grammar (shared by all threads). */
    static TSLanguage language(String language) {
        return grammar(language).language();
    }

    /** This thread's binding parser for a language (the pure-Java walk). */
    static TSParser parser(String language) {
        return parser(language, grammar(language));
    }

    private static TSParser parser(String language, Grammar g) {
        return PARSERS.get().computeIfAbsent(language, l -> {
            TSParser p = new TSParser();
            p.setLanguage(g.language());
            return p;
        });
    }
}
