package dev.codemill.stages.decont;

import java.util.Arrays;

/**
 * The identifier-abstracted token stream of a text: its code tokens ({@link CodeLexer}: no
 * comments, no docstrings, no whitespace) where every identifier the text <em>binds</em> is
 * abstracted, so that a consistent renaming leaves the stream unchanged.
 *
 * <p><b>Bound identifiers</b> (found lexically, the same rules for a benchmark item and for a
 * document; a word in {@link CodeTokens#KEEP} — keywords, builtins — is never bound, nor a word
 * after {@code .}, {@code ->} or {@code ::}):
 * <ol>
 *   <li>the word after {@code def class function fn func let var const mut struct enum
 *       interface trait auto lambda};</li>
 *   <li>a C/Java-style function name: {@code TYPE NAME (…)} followed by {@code {}, {@code throws},
 *       {@code ->} or {@code :};</li>
 *   <li>parameters: in the parentheses of such a definition (also {@code def}, {@code catch},
 *       {@code function}, and {@code (…) =>}), a word followed by {@code , ) : =} or by a type
 *       word (Go), unless it follows {@code :} (a type annotation);</li>
 *   <li>assignment targets: a word followed by {@code = += -= … :=} outside call parentheses
 *       (so keyword arguments {@code key=…} stay literal), with the words of a comma list before it
 *       ({@code a, b = b, a});</li>
 *   <li>loop and alias variables: the words between {@code for} and {@code in}/{@code of}/{@code :},
 *       the word after {@code as}, the words between {@code lambda} and {@code :}, a word before
 *       {@code =>};</li>
 *   <li>a declaration without initialiser: a word after a non-keyword word or {@code >} and before
 *       {@code ;} ({@code int n;}).</li>
 * </ol>
 * Everything else stays literal: keywords, builtins, imported and library names, attribute and
 * method names, numbers and strings. A token is <b>abstracted</b> when it is a bound word not after
 * {@code .}/{@code ->}/{@code ::}. A token is <b>distinctive</b> when it is a number, a string or a
 * literal word that is not a keyword ({@link #KEYWORDS}); abstracted words and operators never are.
 *
 * <p>N-grams ({@link #ngrams(int)}): the placeholders of a window are numbered by first
 * occurrence <em>in that window</em> ({@code ID0}, {@code ID1}, …), so the n-grams of an item
 * embedded in a larger document equal those of the item alone. The lowest bit of each n-gram hash
 * says whether the n-gram is distinctive (at least {@link #MIN_DISTINCTIVE_TOKENS} distinctive
 * tokens).
 */
public final class AbstractedTokens {
    /** Distinctive tokens an n-gram needs to be a distinctive n-gram. */
    public static final int MIN_DISTINCTIVE_TOKENS = 2;
    private static final long MUL = 0x9E3779B97F4A7C15L;
    private static final int MAX_N = 64;
    private static final long[] PLACEHOLDER = new long[MAX_N];

    static {
        for (int k = 0; k < MAX_N; k++) {
            PLACEHOLDER[k] = fmix(0xAB57_1D00L + k) | 1L;
        }
    }

    /** Reserved words (not builtins) of Python, Java, JavaScript, C/C++, Go and Rust: never distinctive. */
    static final String[] KEYWORDS = {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "self", "this",
        "abstract", "boolean", "byte", "char", "default", "do", "double", "extends", "final", "implements",
        "instanceof", "int", "interface", "long", "new", "package", "private", "protected", "public", "short",
        "static", "switch", "case", "throw", "throws", "void", "var", "null", "true", "false", "const", "let",
        "function", "of", "typeof", "export", "auto", "enum", "struct", "unsigned", "using", "namespace", "std",
        "include", "func", "go", "defer", "nil", "fn", "mut", "impl", "pub", "use", "loop", "Self", "where",
        "float", "bool", "str", "String", "Integer", "List", "vector", "string"};
    private static final long[] KEYWORD_HASHES = sortedHashes(KEYWORDS);
    private static final long[] KEEP_HASHES = CodeTokens.KEEP.stream().mapToLong(CodeLexer::hash).sorted().toArray();
    private static final long[] DEF_WORDS = sortedHashes("def", "class", "function", "fn", "func", "let", "var",
            "const", "mut", "struct", "enum", "interface", "trait", "auto", "lambda");
    private static final long[] PARAM_OPENERS = sortedHashes("def", "function", "fn", "func", "catch");
    /** Words before {@code NAME (} that make it a call, not a definition. */
    private static final long[] NOT_A_TYPE = sortedHashes("return", "new", "else", "throw", "case", "await", "yield",
            "in", "of", "not", "and", "or", "is", "typeof", "instanceof", "delete", "do", "assert", "if", "while",
            "for", "elif", "with", "except", "raise", "import", "from", "lambda", "sizeof", "goto", "print", "break",
            "continue", "pass", "del", "go", "defer", "as", "echo", "void");
    private static final long[] ASSIGN = sortedHashes("=", "+=", "-=", "*=", "/=", "//=", "%=", ":=", "**=", "&=", "|=",
            "^=", "<<=", ">>=");
    private static final long DOT = CodeLexer.hash(".");
    private static final long ARROW = CodeLexer.hash("->");
    private static final long SCOPE = CodeLexer.hash("::");
    private static final long COMMA = CodeLexer.hash(",");
    private static final long COLON = CodeLexer.hash(":");
    private static final long SEMI = CodeLexer.hash(";");
    private static final long OPEN = CodeLexer.hash("(");
    private static final long CLOSE = CodeLexer.hash(")");
    private static final long LBRACK = CodeLexer.hash("[");
    private static final long RBRACK = CodeLexer.hash("]");
    private static final long LBRACE = CodeLexer.hash("{");
    private static final long RBRACE = CodeLexer.hash("}");
    private static final long GT = CodeLexer.hash(">");
    private static final long LT = CodeLexer.hash("<");
    private static final long SHR = CodeLexer.hash(">>");
    private static final long FAT_ARROW = CodeLexer.hash("=>");
    private static final long EQ = CodeLexer.hash("=");
    private static final long FOR = CodeLexer.hash("for");
    private static final long IN = CodeLexer.hash("in");
    private static final long OF = CodeLexer.hash("of");
    private static final long AS = CodeLexer.hash("as");
    private static final long THROWS = CodeLexer.hash("throws");
    private static final long LAMBDA = CodeLexer.hash("lambda");

    private final long[] hashes;
    private final boolean[] abstracted;
    private final boolean[] distinctive;
    private final int size;

    private AbstractedTokens(long[] hashes, boolean[] abstracted, boolean[] distinctive, int size) {
        this.hashes = hashes;
        this.abstracted = abstracted;
        this.distinctive = distinctive;
        this.size = size;
    }

    /** Lexes and abstracts {@code text}. */
    public static AbstractedTokens of(String text, CodeLexer.Syntax syntax) {
        CodeLexer.Lexed lx = CodeLexer.lex(text, syntax);
        int size = lx.size();
        long[] h = lx.hashes();
        byte[] k = lx.kinds();
        boolean[] bindable = new boolean[size];
        for (int i = 0; i < size; i++) {
            bindable[i] = k[i] == CodeLexer.WORD && !in(KEEP_HASHES, h[i])
                    && (i == 0 || (h[i - 1] != DOT && h[i - 1] != ARROW && h[i - 1] != SCOPE));
        }
        long[] bound = boundWords(h, k, bindable, size);
        boolean[] abs = new boolean[size];
        boolean[] dist = new boolean[size];
        for (int i = 0; i < size; i++) {
            abs[i] = bindable[i] && in(bound, h[i]);
            dist[i] = !abs[i] && k[i] != CodeLexer.OP && !(k[i] == CodeLexer.WORD && in(KEYWORD_HASHES, h[i]));
        }
        return new AbstractedTokens(h, abs, dist, size);
    }

    /** The sorted distinct hashes of the words bound by the rules of the class comment. */
    private static long[] boundWords(long[] h, byte[] k, boolean[] bindable, int size) {
        int[] match = matchingBrackets(h, size);
        boolean[] bind = new boolean[size];
        // kind of the innermost open bracket at each token: 0 none/brace, 1 call/index, 2 params/for header
        byte[] ctx = new byte[size];
        byte[] stackKind = new byte[64];
        int depth = 0;
        for (int i = 0; i < size; i++) {
            ctx[i] = depth == 0 ? 0 : stackKind[depth - 1];
            long t = h[i];
            if (t == OPEN || t == LBRACK || t == LBRACE) {
                byte kind = t == LBRACE ? 0 : (t == OPEN && isParamList(h, k, bindable, match, i, size)) ? (byte) 2 : 1;
                if (t == OPEN && i > 0 && h[i - 1] == FOR) {
                    kind = 2;
                }
                if (depth == stackKind.length) {
                    stackKind = Arrays.copyOf(stackKind, depth * 2);
                }
                stackKind[depth++] = kind;
                if (kind == 2 && !(i > 0 && h[i - 1] == FOR)) {
                    bindParams(h, k, bindable, bind, i, match[i] < 0 ? size : match[i]);
                }
            } else if ((t == CLOSE || t == RBRACK || t == RBRACE) && depth > 0) {
                depth--;
            }
            if (!bindable[i]) {
                if (t == FOR) {
                    bindLoop(h, k, bindable, bind, i + 1, size);
                } else if (t == LAMBDA) {
                    for (int j = i + 1; j < size && j < i + 16 && h[j] != COLON; j++) {
                        bind[j] |= bindable[j];
                    }
                }
                continue;
            }
            long prev = i > 0 ? h[i - 1] : 0;
            long next = i + 1 < size ? h[i + 1] : 0;
            if (i > 0 && k[i - 1] == CodeLexer.WORD && (in(DEF_WORDS, prev) || prev == AS)) {
                bind[i] = true;
            } else if (in(ASSIGN, next) && ctx[i] != 1) {
                bind[i] = true;
                for (int j = i - 1; j >= 1 && h[j] == COMMA && bindable[j - 1]; j -= 2) {
                    bind[j - 1] = true;
                }
            } else if (next == FAT_ARROW) {
                bind[i] = true;
            } else if (next == SEMI && i > 0 && ((k[i - 1] == CodeLexer.WORD && !in(NOT_A_TYPE, prev)
                    && !in(KEYWORD_HASHES, prev) || in(KEEP_HASHES, prev)) || prev == GT || prev == SHR)) {
                bind[i] = true;
            } else if (next == OPEN && isDefinitionName(h, k, match, i, size)) {
                bind[i] = true;
            }
        }
        long[] out = new long[size];
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (bind[i]) {
                out[m++] = h[i];
            }
        }
        out = Arrays.copyOf(out, m);
        Arrays.sort(out);
        return out;
    }

    /** Whether the {@code (} at {@code i} opens a parameter list. */
    private static boolean isParamList(long[] h, byte[] k, boolean[] bindable, int[] match, int i, int size) {
        if (i > 0 && k[i - 1] == CodeLexer.WORD && in(PARAM_OPENERS, h[i - 1])) {
            return true;                                     // function (a, b) / catch (E e)
        }
        if (i >= 2 && k[i - 1] == CodeLexer.WORD && in(PARAM_OPENERS, h[i - 2])) {
            return true;                                     // def f( / function f( / fn f( / func f(
        }
        int close = match[i];
        if (close > 0 && close + 1 < size && h[close + 1] == FAT_ARROW) {
            return true;                                     // (a, b) =>
        }
        return i > 0 && bindable[i - 1] && isDefinitionName(h, k, match, i - 1, size);
    }

    /** {@code TYPE NAME (…) {} / {@code throws} / {@code ->} / {@code :}: a C/Java/C++-style definition. */
    private static boolean isDefinitionName(long[] h, byte[] k, int[] match, int i, int size) {
        if (i < 1 || i + 1 >= size || h[i + 1] != OPEN) {
            return false;
        }
        long prev = h[i - 1];
        boolean typed = (k[i - 1] == CodeLexer.WORD && !in(NOT_A_TYPE, prev)) || prev == GT || prev == SHR
                || prev == RBRACK;
        int close = match[i + 1];
        if (!typed || close < 0 || close + 1 >= size) {
            return false;
        }
        long after = h[close + 1];
        return after == LBRACE || after == THROWS || after == ARROW || after == COLON;
    }

    /** Binds the parameters between {@code open} and {@code close}. */
    private static void bindParams(long[] h, byte[] k, boolean[] bindable, boolean[] bind, int open, int close) {
        int depth = 0;
        for (int j = open + 1; j < close; j++) {
            long t = h[j];
            if (t == OPEN || t == LBRACK || t == LBRACE || t == LT) {
                depth++;
            } else if (t == CLOSE || t == RBRACK || t == RBRACE || t == GT) {
                depth--;
            } else if (t == SHR) {
                depth -= 2;
            }
            if (depth != 0 || !bindable[j] || h[j - 1] == COLON || j + 1 >= h.length) {
                continue;
            }
            long next = h[j + 1];
            boolean goStyle = (h[j - 1] == OPEN || h[j - 1] == COMMA) && k[j + 1] == CodeLexer.WORD;
            if (next == COMMA || next == CLOSE || next == COLON || next == EQ || goStyle) {
                bind[j] = true;
            }
        }
    }

    /** Binds the loop variables after {@code for}: words up to {@code in}/{@code of}/{@code :}. */
    private static void bindLoop(long[] h, byte[] k, boolean[] bindable, boolean[] bind, int from, int size) {
        for (int j = from; j < size && j < from + 16; j++) {
            long t = h[j];
            if (t == IN || t == OF || t == COLON || t == SEMI || in(ASSIGN, t)) {
                return;
            }
            long next = j + 1 < size ? h[j + 1] : 0;
            if (bindable[j] && (next == COMMA || next == IN || next == OF || next == COLON || next == CLOSE)) {
                bind[j] = true;
            }
        }
    }

    /** For each bracket token, the index of its partner, else -1 (unbalanced brackets left unmatched). */
    private static int[] matchingBrackets(long[] h, int size) {
        int[] match = new int[size];
        Arrays.fill(match, -1);
        int[] stack = new int[64];
        int sp = 0;
        for (int i = 0; i < size; i++) {
            long t = h[i];
            if (t == OPEN || t == LBRACK || t == LBRACE) {
                if (sp == stack.length) {
                    stack = Arrays.copyOf(stack, sp * 2);
                }
                stack[sp++] = i;
            } else if (t == CLOSE || t == RBRACK || t == RBRACE) {
                long want = t == CLOSE ? OPEN : t == RBRACK ? LBRACK : LBRACE;
                int s = sp - 1;
                while (s >= 0 && h[stack[s]] != want && sp - s < 4) {
                    s--;
                }
                if (s >= 0 && h[stack[s]] == want) {
                    match[stack[s]] = i;
                    match[i] = stack[s];
                    sp = s;
                }
            }
        }
        return match;
    }

    /** Number of tokens. */
    public int size() {
        return size;
    }

    /** Whether token {@code i} is abstracted (a bound identifier). */
    public boolean abstracted(int i) {
        return abstracted[i];
    }

    /** Whether token {@code i} is distinctive. */
    public boolean distinctive(int i) {
        return distinctive[i];
    }

    /**
     * The hash of every n-gram window {@code [s, s+n)}, {@code s = 0..size-n}: abstracted tokens
     * replaced by placeholders numbered by first occurrence in the window, lowest bit 1 when the
     * window holds at least {@link #MIN_DISTINCTIVE_TOKENS} distinctive tokens.
     */
    public long[] ngrams(int n) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n-gram length must be in [1, " + MAX_N + "], got " + n);
        }
        int count = Math.max(0, size - n + 1);
        long[] out = new long[count];
        long[] seen = new long[n];
        for (int s = 0; s < count; s++) {
            long h = ~(long) n;
            int next = 0;
            int dist = 0;
            for (int j = 0; j < n; j++) {
                int i = s + j;
                long v = hashes[i];
                if (abstracted[i]) {
                    int p = 0;
                    while (p < next && seen[p] != v) {
                        p++;
                    }
                    if (p == next) {
                        seen[next++] = v;
                    }
                    v = PLACEHOLDER[p];
                } else if (distinctive[i]) {
                    dist++;
                }
                h = (h ^ v) * MUL;
                h ^= h >>> 29;
            }
            out[s] = (fmix(h) & ~1L) | (dist >= MIN_DISTINCTIVE_TOKENS ? 1L : 0L);
        }
        return out;
    }

    /** Whether an n-gram hash of {@link #ngrams(int)} is distinctive. */
    public static boolean isDistinctive(long ngram) {
        return (ngram & 1L) != 0;
    }

    private static boolean in(long[] sorted, long h) {
        return Arrays.binarySearch(sorted, h) >= 0;
    }

    private static long[] sortedHashes(String... words) {
        return Arrays.stream(words).mapToLong(CodeLexer::hash).distinct().sorted().toArray();
    }

    static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
