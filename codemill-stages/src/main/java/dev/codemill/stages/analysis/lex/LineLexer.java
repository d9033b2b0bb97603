package dev.codemill.stages.analysis.lex;

import dev.codemill.stages.analysis.lex.LanguageSyntax.BlockComment;
import dev.codemill.stages.analysis.lex.LanguageSyntax.CharLiterals;
import dev.codemill.stages.analysis.lex.LanguageSyntax.Feature;
import dev.codemill.stages.analysis.lex.LanguageSyntax.Heredoc;
import dev.codemill.stages.analysis.lex.LanguageSyntax.StringRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies every line of a source text as code, comment or blank with one generic lexer
 * driven by a {@link LanguageSyntax} table entry (see {@link LineCounts} for the rule).
 *
 * <p>The lexer walks the text once, tracking strings (escapes, raw strings, multi-line
 * literals), char literals, heredoc/nowdoc bodies and block comments (nested where the language
 * nests them), and looks for comment markers only in code. A single-line string left open at
 * the end of its line is closed there, so one stray quote cannot turn the rest of a file into a
 * string; an unclosed block comment or multi-line string does run to the end of the file, as it
 * does for the compiler. For Python it also follows statements far enough to find PEP 257
 * docstrings: a string-literal statement that is the first statement of the module or of a
 * {@code def}/{@code class} body (the only string on its logical line; an implicit
 * concatenation or an {@code f}/{@code b} prefix disqualifies it).
 *
 * <p>In the same walk it counts comment characters ({@link LineCounts#commentChars()}): each
 * comment's code points, markers included, added when the comment ends.
 *
 * <p>Lines are those of {@link dev.codemill.stages.analysis.text.LineStats}: {@code \n}-separated, a final line without
 * {@code \n} counts, {@code ""} has none. Thread-safe (no shared mutable state).
 */
public final class LineLexer {
    static final byte CODE = 1;
    static final byte COMMENT = 2;

    private LineLexer() {
    }

    /**
     * Classifies {@code text} written in {@code language} (linguist name). A language without a
     * {@link SyntaxTable} entry (or null) gets blank vs non-blank only, every non-blank line
     * counted as code, and {@link LineCounts#exact()} false.
     */
    public static LineCounts classify(String text, String language) {
        LanguageSyntax syntax = SyntaxTable.lookup(language);
        return syntax == null ? blankOnly(text) : classify(text, syntax);
    }

    /** Classifies {@code text} with an explicit syntax entry. */
    public static LineCounts classify(String text, LanguageSyntax syntax) {
        return new Engine(text, syntax).run();
    }

    /** Blank vs non-blank only: non-blank lines count as code. */
    static LineCounts blankOnly(String text) {
        int n = text.length();
        byte[] flags = new byte[16];
        int line = 0;
        byte cur = 0;
        long code = 0;
        long blank = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                flags = store(flags, line++, cur);
                if (cur != 0) {
                    code++;
                } else {
                    blank++;
                }
                cur = 0;
            } else if (cur == 0 && !isBlank(c)) {
                cur = CODE;
            }
        }
        if (n > 0 && text.charAt(n - 1) != '\n') {
            flags = store(flags, line++, cur);
            if (cur != 0) {
                code++;
            } else {
                blank++;
            }
        }
        return new LineCounts(code, 0, blank, 0, false, Arrays.copyOf(flags, line), new int[0], List.of());
    }

    static byte[] store(byte[] flags, int line, byte f) {
        if (line >= flags.length) {
            flags = Arrays.copyOf(flags, Math.max(16, flags.length * 2));
        }
        flags[line] = f;
        return flags;
    }

    /** Whitespace for blank-line purposes: ASCII controls and space, Unicode space separators, BOM. */
    static boolean isBlank(char c) {
        if (c <= ' ') {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isIdentPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private record Here(String label, boolean indented, boolean php) {
    }

    /** One classification run; not shared between threads. */
    private static final class Engine {
        private static final int M_CODE = 0;
        private static final int M_BLOCK = 1;
        private static final int M_STRING = 2;
        private static final int M_HEREDOC = 3;
        private static final int M_LINE_BLOCK = 4;
        private static final String REGEX_PRECEDERS = "(,=:[!&|?{};+-*%<>~^";

        private final String t;
        /** The text's chars (indexes below n): the hot loops read this array, not {@code t.charAt}. */
        private final char[] a;
        private final int n;
        private final String[] lineMarkers;
        private final BlockComment[] blocks;
        private final StringRule[] strings;
        private final boolean[] interesting = new boolean[128];
        private final boolean hashWordStart, hashNotDollar, hashBracket, haskellDashes, digitSep, primes, cppRaw,
                rustRaw, swiftRaw, csVerbatim, lua, jsRegex, rubyPercent, perlQ, rubyBeginEnd, pod, py, lookahead, words;
        private final Heredoc heredoc;

        private int i;
        private int line;
        private byte cur;
        private byte[] flags;
        private int mode = M_CODE;
        // block comment state
        private String bOpen;
        private String bClose;
        private boolean bNests;
        private int bDepth;
        // string state
        private String sClose;
        private char sEsc;
        private boolean sMulti;
        private boolean sDoubled;
        private char sNestOpen;
        private int sDepth;
        private boolean escNl;
        // heredoc / line-block state
        private final ArrayDeque<Here> pending = new ArrayDeque<>();
        private Here here;
        private String lineBlockClose;
        // comment characters: code points of finished comments, and where the open one started
        private long commentCp;
        private int cStart;
        // previous significant code token (JS regex rule)
        private char prevSig;
        private boolean prevKeyword;
        // python statement tracking
        private boolean stmtStart = true;
        private boolean docCand = true;
        private boolean inHeader;
        private boolean asyncSeen;
        private boolean contLine;
        private boolean strEligible;
        private boolean pendingDoc;
        private int depth;
        private int dStart;
        private int dEnd;
        private int dStartLine;
        private int dEndLine;
        private byte dCodeBefore;
        private final List<LineCounts.Span> docSpans = new ArrayList<>();

        Engine(String text, LanguageSyntax s) {
            this.t = text;
            this.a = dev.codemill.stages.analysis.text.TextChars.of(text); // this thread's buffer, no copy kept
            this.n = text.length();
            this.lineMarkers = s.lineComments().toArray(new String[0]);
            this.statementMarkers = s.statementComments().toArray(new String[0]);
            this.column1Markers = s.column1Comments().toArray(new String[0]);
            this.blocks = s.blockComments().toArray(new BlockComment[0]);
            this.strings = s.strings().toArray(new StringRule[0]);
            var f = s.features();
            hashWordStart = f.contains(Feature.HASH_COMMENT_AT_WORD_START);
            hashNotDollar = f.contains(Feature.HASH_NOT_AFTER_DOLLAR);
            hashBracket = f.contains(Feature.HASH_BRACKET_IS_CODE);
            haskellDashes = f.contains(Feature.HASKELL_DASHES);
            digitSep = f.contains(Feature.DIGIT_SEPARATOR_QUOTE);
            primes = f.contains(Feature.PRIMES_IN_IDENTIFIERS);
            cppRaw = f.contains(Feature.CPP_RAW_STRINGS);
            rustRaw = f.contains(Feature.RUST_RAW_STRINGS);
            swiftRaw = f.contains(Feature.SWIFT_RAW_STRINGS);
            csVerbatim = f.contains(Feature.CSHARP_VERBATIM);
            lua = f.contains(Feature.LUA_LONG_BRACKETS);
            jsRegex = f.contains(Feature.JS_REGEX);
            rubyPercent = f.contains(Feature.RUBY_PERCENT_LITERALS);
            perlQ = f.contains(Feature.PERL_QUOTE_OPERATORS);
            rubyBeginEnd = f.contains(Feature.RUBY_BEGIN_END);
            pod = f.contains(Feature.PERL_POD);
            py = f.contains(Feature.PYTHON_DOCSTRINGS);
            lookahead = s.charLiterals() == CharLiterals.LOOKAHEAD;
            heredoc = s.heredoc();
            words = py || cppRaw || rustRaw || perlQ || primes || jsRegex;
            for (String m : lineMarkers) {
                mark(m.charAt(0));
            }
            for (BlockComment b : blocks) {
                mark(b.open().charAt(0));
            }
            for (StringRule r : strings) {
                mark(r.open().charAt(0));
            }
            if (heredoc != Heredoc.NONE) {
                mark('<');
            }
            if (lookahead) {
                mark('\'');
            }
            if (csVerbatim) {
                mark('@');
                mark('$');
            }
            if (swiftRaw) {
                mark('#');
            }
            if (lua) {
                mark('[');
            }
            if (jsRegex) {
                mark('/');
            }
            if (rubyPercent) {
                mark('%');
            }
            if (words) {
                for (char c = 'a'; c <= 'z'; c++) {
                    mark(c);
                    mark(Character.toUpperCase(c));
                }
                mark('_');
            }
            if (digitSep) {
                for (char c = '0'; c <= '9'; c++) {
                    mark(c);
                }
            }
            flags = new byte[Math.max(16, n / 32)];
        }

        private void mark(char c) {
            if (c < 128) {
                interesting[c] = true;
            }
        }

        /**
         * Classifies the text: {@link #walk} (the char loop and the end-of-text state), then
         * {@link #counts} — two methods, so that the JIT compiles the char loop on its own (an OSR
         * compile of it no longer carries the counting and the doc-line stream).
         */
        LineCounts run() {
            walk();
            return counts();
        }

        /** The char loop over the whole text, then the state at its end (an open string, comment or docstring). */
        private void walk() {
            lineStart();
            while (i < n) {
                char c = a[i];
                if (c == '\n') {
                    newline();
                    i++;
                    lineStart();
                    continue;
                }
                switch (mode) {
                    case M_CODE -> {
                        if (c >= 128 || !interesting[c]) {
                            plainCode();
                        } else {
                            code(c);
                        }
                    }
                    case M_BLOCK -> {
                        if (c == bClose.charAt(0) || (bNests && c == bOpen.charAt(0))) {
                            block(c);
                        } else {
                            plainBlock();
                        }
                    }
                    case M_STRING -> {
                        if ((c == sEsc && sEsc != 0) || c == sClose.charAt(0) || (sNestOpen != 0 && c == sNestOpen)) {
                            string(c);
                        } else {
                            plainString();
                        }
                    }
                    default -> i++; // heredoc and line blocks consume whole lines in lineStart()
                }
            }
            if (mode == M_STRING) {
                closeString();
            }
            if (mode == M_BLOCK || mode == M_LINE_BLOCK) {
                addComment(cStart, n); // unclosed: runs to the end of the file, as for the compiler
            }
            if (py && pendingDoc) {
                confirmDoc();
            }
            if (n > 0 && t.charAt(n - 1) != '\n') {
                flags = store(flags, line++, cur);
            }
        }

        /** The line counts, line flags and docstring lines of a finished {@link #walk}. */
        private LineCounts counts() {
            long code = 0;
            long comment = 0;
            long blank = 0;
            for (int l = 0; l < line; l++) {
                byte f = flags[l];
                if ((f & CODE) != 0) {
                    code++;
                } else if ((f & COMMENT) != 0) {
                    comment++;
                } else {
                    blank++;
                }
            }
            return new LineCounts(code, comment, blank, commentCp, true, Arrays.copyOf(flags, line), docLines(), docSpans);
        }

        /**
         * The lines the docstrings span, each once, ascending (a plain loop: a stream pipeline per
         * document cost more than the lines it collects, under C1 most of all).
         */
        private int[] docLines() {
            if (docSpans.isEmpty()) {
                return new int[0];
            }
            java.util.BitSet lines = new java.util.BitSet();
            for (LineCounts.Span sp : docSpans) {
                for (int l = sp.firstLine(); l <= sp.lastLine(); l++) {
                    lines.set(l);
                }
            }
            return lines.stream().toArray();
        }

        // ---------------------------------------------------------------- runs of ordinary chars

        /**
         * From i, the chars {@link #code} would pass on one at a time (not interesting, not a
         * newline): each non-blank one is a code char. Stops at a newline or an interesting char.
         */
        private void plainCode() {
            final char[] a = this.a;
            final boolean[] in = interesting;
            int k = i;
            while (k < n) {
                char c = a[k];
                if (c < 128) {
                    if (c == '\n' || in[c]) {
                        break;
                    }
                    if (c > ' ') {
                        i = k; // codeChar reads the text at i (Python: a backslash before a newline)
                        codeChar(c);
                    }
                } else if (!isBlank(c)) {
                    i = k;
                    codeChar(c);
                }
                k++;
            }
            i = k;
        }

        /** From i inside a block comment: chars that neither close nor open one (see {@link #block}). */
        private void plainBlock() {
            final char[] a = this.a;
            final char close = bClose.charAt(0);
            final char open = bNests ? bOpen.charAt(0) : '\n';
            int k = i;
            byte f = cur;
            while (k < n) {
                char c = a[k];
                if (c == '\n' || c == close || c == open) {
                    break;
                }
                if ((f & COMMENT) == 0 && !isBlank(c)) {
                    f |= COMMENT;
                }
                k++;
            }
            cur = f;
            i = k;
        }

        /** From i inside a string: chars that neither escape, close nor nest (see {@link #string}). */
        private void plainString() {
            final char[] a = this.a;
            final char close = sClose.charAt(0);
            final char esc = sEsc != 0 ? sEsc : '\n';
            final char nest = sNestOpen != 0 ? sNestOpen : '\n';
            int k = i;
            byte f = cur;
            while (k < n) {
                char c = a[k];
                if (c == '\n' || c == close || c == esc || c == nest) {
                    break;
                }
                if ((f & CODE) == 0 && !isBlank(c)) {
                    f |= CODE;
                }
                k++;
            }
            cur = f;
            i = k;
        }

        // ---------------------------------------------------------------- lines

        private void newline() {
            if (mode == M_STRING && !sMulti && !escNl) {
                closeString();
            }
            escNl = false;
            if (py && mode == M_CODE) {
                if (depth == 0 && !contLine) {
                    if (pendingDoc) {
                        confirmDoc();
                    }
                    stmtStart = true;
                    inHeader = false;
                    asyncSeen = false;
                }
                contLine = false;
            }
            flags = store(flags, line++, cur);
            cur = 0;
            if (mode == M_CODE && !pending.isEmpty()) {
                here = pending.poll();
                mode = M_HEREDOC;
            }
        }

        private int eol(int from) {
            int e = t.indexOf('\n', from);
            return e < 0 ? n : e;
        }

        /** {@code e} (a line end from {@link #eol}) less a {@code \r} just before it. */
        private int trimCr(int from, int e) {
            return e > from && t.charAt(e - 1) == '\r' ? e - 1 : e;
        }

        /** Adds the code points of comment text {@code [from, to)} to the comment-character count. */
        private void addComment(int from, int to) {
            commentCp += Character.codePointCount(t, from, to);
        }

        private boolean nonBlank(int from, int to) {
            for (int k = from; k < to; k++) {
                if (!isBlank(t.charAt(k))) {
                    return true;
                }
            }
            return false;
        }

        private final String[] statementMarkers;
        private final String[] column1Markers;

        /** A statement or column-1 comment marker at the line starting at {@code i}: its index, or -1. */
        private int lineStartMarker() {
            for (String m : column1Markers) {
                if (t.regionMatches(true, i, m, 0, m.length())) {
                    return i;
                }
            }
            int k = i;
            while (k < n && (t.charAt(k) == ' ' || t.charAt(k) == '\t')) {
                k++;
            }
            for (String m : statementMarkers) {
                int end = k + m.length();
                if (t.regionMatches(true, k, m, 0, m.length())
                        && (!Character.isLetter(m.charAt(m.length() - 1)) || end >= n || !isIdentPart(t.charAt(end)))) {
                    return k;
                }
            }
            return -1;
        }

        private void lineStart() {
            if (i >= n) {
                return;
            }
            if (mode == M_CODE && (statementMarkers.length > 0 || column1Markers.length > 0)) {
                int k = lineStartMarker();
                if (k >= 0) {
                    cur |= COMMENT;
                    int e = eol(k);
                    addComment(k, trimCr(k, e));
                    i = e;
                    return;
                }
            }
            if (mode == M_HEREDOC) {
                heredocLine();
            } else if (mode == M_LINE_BLOCK) {
                int e = eol(i);
                if (nonBlank(i, e)) {
                    cur |= COMMENT;
                }
                if (t.startsWith(lineBlockClose, i)) {
                    mode = M_CODE;
                    addComment(cStart, trimCr(i, e));
                }
                i = e;
            } else if (mode == M_CODE) {
                if (rubyBeginEnd && t.startsWith("=begin", i) && (i + 6 >= n || isBlank(t.charAt(i + 6)))) {
                    mode = M_LINE_BLOCK;
                    lineBlockClose = "=end";
                    cStart = i;
                    cur |= COMMENT;
                    i = eol(i);
                } else if (pod && t.charAt(i) == '=' && i + 1 < n && isIdentStart(t.charAt(i + 1))) {
                    int e = eol(i);
                    if (!t.startsWith("=cut", i)) {
                        mode = M_LINE_BLOCK;
                        lineBlockClose = "=cut";
                        cStart = i;
                    } else {
                        addComment(i, trimCr(i, e)); // a lone =cut line
                    }
                    cur |= COMMENT;
                    i = e;
                }
            }
        }

        private void heredocLine() {
            int e = eol(i);
            int after = terminatorEnd(i, e, here);
            if (nonBlank(i, e)) {
                cur |= CODE;
            }
            if (after < 0) {
                i = e;
                return;
            }
            here = pending.poll();
            if (here != null) {
                i = e;
            } else {
                mode = M_CODE;
                i = after; // the rest of the closing line (PHP "SQL;") is lexed as code
                prevSig = 'a';
            }
        }

        /** End of the closing label if the line [ls, le) closes heredoc {@code h}, else -1. */
        private int terminatorEnd(int ls, int le, Here h) {
            int a = ls;
            int b = le;
            while (b > a && (t.charAt(b - 1) == '\r' || t.charAt(b - 1) == ' ' || t.charAt(b - 1) == '\t')) {
                b--;
            }
            if (h.indented()) {
                while (a < b && (t.charAt(a) == ' ' || t.charAt(a) == '\t')) {
                    a++;
                }
            }
            int len = h.label().length();
            if (!t.startsWith(h.label(), a)) {
                return -1;
            }
            if (h.php()) {
                return a + len == b || !isIdentPart(t.charAt(a + len)) ? a + len : -1;
            }
            return b - a == len ? b : -1;
        }

        // ---------------------------------------------------------------- code

        private void codeChar(char c) {
            cur |= CODE;
            prevSig = c;
            prevKeyword = false;
            if (py) {
                pyChar(c);
            }
        }

        private void code(char c) {
            if (c >= 128 || !interesting[c]) {
                if (c >= 128 ? !isBlank(c) : c > ' ') {
                    codeChar(c);
                }
                i++;
                return;
            }
            if (words && isIdentStart(c)) {
                word();
                return;
            }
            if (digitSep && isDigit(c)) {
                number();
                return;
            }
            for (BlockComment b : blocks) {
                if (t.startsWith(b.open(), i)) {
                    mode = M_BLOCK;
                    bOpen = b.open();
                    bClose = b.close();
                    bNests = b.nests();
                    bDepth = 1;
                    cStart = i;
                    cur |= COMMENT;
                    i += b.open().length();
                    return;
                }
            }
            for (String m : lineMarkers) {
                if (t.startsWith(m, i) && lineCommentAllowed(m)) {
                    cur |= COMMENT;
                    cStart = i;
                    if (lua && m.equals("--")) {
                        int close = longBracket(i + 2);
                        if (close > 0) {
                            mode = M_BLOCK;
                            bClose = "]" + "=".repeat(close - 2) + "]";
                            bOpen = null;
                            bNests = false;
                            bDepth = 1;
                            i += close + 2;
                            return;
                        }
                    }
                    int e = eol(i);
                    addComment(i, trimCr(i, e));
                    i = e;
                    return;
                }
            }
            if (c == '<' && heredoc != Heredoc.NONE && heredocIntro()) {
                return;
            }
            if (csVerbatim && (c == '@' || c == '$')) {
                int len = t.startsWith("@\"", i) ? 2 : t.startsWith("$@\"", i) || t.startsWith("@$\"", i) ? 3 : 0;
                if (len > 0) {
                    enterString(i, len, "\"", (char) 0, true, true, (char) 0, true);
                    return;
                }
            }
            if (swiftRaw && c == '#') {
                int k = i;
                while (k < n && t.charAt(k) == '#') {
                    k++;
                }
                if (k < n && t.charAt(k) == '"') {
                    String hashes = t.substring(i, k);
                    String q = t.startsWith("\"\"\"", k) ? "\"\"\"" : "\"";
                    enterString(i, k - i + q.length(), q + hashes, (char) 0, true, false, (char) 0, true);
                    return;
                }
            }
            if (lua && c == '[') {
                int close = longBracket(i);
                if (close > 0) {
                    enterString(i, close, "]" + "=".repeat(close - 2) + "]", (char) 0, true, false, (char) 0, true);
                    return;
                }
            }
            for (StringRule r : strings) {
                if (t.startsWith(r.open(), i)) {
                    enterString(i, r.open().length(), r.close(), r.escape(), r.multiline(), r.doubledEscape(), (char) 0, true);
                    return;
                }
            }
            if (lookahead && c == '\'' && charLiteral()) {
                return;
            }
            if (jsRegex && c == '/' && regex()) {
                return;
            }
            if (rubyPercent && c == '%' && percentLiteral()) {
                return;
            }
            if (c > ' ') {
                codeChar(c);
            }
            i++;
        }

        private boolean lineCommentAllowed(String m) {
            if (m.equals("#")) {
                char p = i == 0 ? '\n' : t.charAt(i - 1);
                if (hashWordStart && !(isBlank(p) || p == '\n' || ";|&()".indexOf(p) >= 0)) {
                    return false;
                }
                if (hashNotDollar && p == '$') {
                    return false;
                }
                if (hashBracket && i + 1 < n && t.charAt(i + 1) == '[') {
                    return false;
                }
            } else if (haskellDashes && m.equals("--")) {
                int k = i;
                while (k < n && t.charAt(k) == '-') {
                    k++;
                }
                return k >= n || "!#$%&*+./<=>?@\\^|~:".indexOf(t.charAt(k)) < 0;
            }
            return true;
        }

        /** Length of a Lua long bracket opener {@code [=*[} at {@code at}, or 0. */
        private int longBracket(int at) {
            if (at >= n || t.charAt(at) != '[') {
                return 0;
            }
            int k = at + 1;
            while (k < n && t.charAt(k) == '=') {
                k++;
            }
            return k < n && t.charAt(k) == '[' ? k - at + 1 : 0;
        }

        private void word() {
            int j = i + 1;
            final char[] a = this.a;
            while (j < n && (isIdentPart(a[j]) || (primes && a[j] == '\''))) {
                j++;
            }
            char next = j < n ? t.charAt(j) : '\0';
            if (py && j - i <= 2 && (next == '"' || next == '\'') && stringPrefix(i, j)) {
                for (StringRule r : strings) {
                    if (t.startsWith(r.open(), j)) {
                        boolean docOk = true;
                        for (int k = i; k < j; k++) {
                            char p = Character.toLowerCase(t.charAt(k));
                            docOk &= p == 'r' || p == 'u';
                        }
                        enterString(i, j - i + r.open().length(), r.close(), r.escape(), r.multiline(), false, (char) 0, docOk);
                        return;
                    }
                }
            }
            if (cppRaw && next == '"' && t.charAt(j - 1) == 'R' && cppRawPrefix(i, j) && cppRawString(j)) {
                return;
            }
            if (rustRaw && (next == '"' || next == '#') && rustRawPrefix(i, j)) {
                int k = j;
                while (k < n && t.charAt(k) == '#') {
                    k++;
                }
                if (k < n && t.charAt(k) == '"') {
                    enterString(i, k - i + 1, "\"" + t.substring(j, k), (char) 0, true, false, (char) 0, true);
                    return;
                }
            }
            if (perlQ && j < n && perlQuoteWord(i, j) && perlDelimiter(next)) {
                char close = closer(next);
                enterString(i, j - i + 1, String.valueOf(close), '\\', true, false, close != next ? next : 0, true);
                return;
            }
            cur |= CODE;
            prevSig = 'a';
            prevKeyword = jsRegex && regexKeyword(i, j);
            if (py) {
                pyWord(i, j);
            }
            i = j;
        }

        private boolean stringPrefix(int a, int b) {
            for (int k = a; k < b; k++) {
                if ("rRbBuUfF".indexOf(t.charAt(k)) < 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean cppRawPrefix(int a, int b) {
            String w = t.substring(a, b);
            return w.equals("R") || w.equals("LR") || w.equals("uR") || w.equals("UR") || w.equals("u8R");
        }

        /** C++ {@code R"delim(...)delim"} starting at the quote {@code q}. */
        private boolean cppRawString(int q) {
            int k = q + 1;
            while (k < n && k - q <= 17 && t.charAt(k) != '(') {
                char d = t.charAt(k);
                if (d == ')' || d == '\\' || d == '"' || isBlank(d)) {
                    return false;
                }
                k++;
            }
            if (k >= n || t.charAt(k) != '(') {
                return false;
            }
            String delim = t.substring(q + 1, k);
            enterString(i, k + 1 - i, ")" + delim + "\"", (char) 0, true, false, (char) 0, true);
            return true;
        }

        private boolean rustRawPrefix(int a, int b) {
            String w = t.substring(a, b);
            return w.equals("r") || w.equals("br") || w.equals("cr");
        }

        private boolean perlQuoteWord(int a, int b) {
            int len = b - a;
            if (len == 1) {
                return t.charAt(a) == 'q' || t.charAt(a) == 'm';
            }
            if (len == 2 && t.charAt(a) == 'q') {
                char s = t.charAt(a + 1);
                return s == 'q' || s == 'w' || s == 'x' || s == 'r';
            }
            return false;
        }

        private boolean perlDelimiter(char d) {
            return d > ' ' && d < 128 && !isIdentPart(d) && ",;=)}]>".indexOf(d) < 0 && (i == 0 || t.charAt(i - 1) != '$'
                    && t.charAt(i - 1) != '@' && t.charAt(i - 1) != '%' && t.charAt(i - 1) != '>');
        }

        private static char closer(char open) {
            return switch (open) {
                case '(' -> ')';
                case '[' -> ']';
                case '{' -> '}';
                case '<' -> '>';
                default -> open;
            };
        }

        private static final String[] REGEX_KEYWORDS = {"return", "typeof", "instanceof", "in", "of", "new", "delete",
            "void", "throw", "case", "do", "else", "yield", "await"};

        /** Whether the word [a, b) is a keyword after which a {@code /} starts a regex (no substring per word). */
        private boolean regexKeyword(int a, int b) {
            int len = b - a;
            if (len < 2 || len > 10) {
                return false;
            }
            for (String k : REGEX_KEYWORDS) {
                if (k.length() == len && t.startsWith(k, a)) {
                    return true;
                }
            }
            return false;
        }

        private void number() {
            if (i > 0 && isIdentPart(t.charAt(i - 1))) {
                codeChar(t.charAt(i));
                i++;
                return;
            }
            int j = i + 1;
            while (j < n) {
                char d = t.charAt(j);
                if (isIdentPart(d) || d == '.') {
                    j++;
                } else if (d == '\'' && j + 1 < n && Character.isLetterOrDigit(t.charAt(j + 1))
                        && Character.isLetterOrDigit(t.charAt(j - 1))) {
                    j++;
                } else {
                    break;
                }
            }
            cur |= CODE;
            prevSig = '0';
            prevKeyword = false;
            i = j;
        }

        /** A char literal {@code 'x'} or {@code '\...'} at i (LOOKAHEAD rule); false leaves i alone. */
        private boolean charLiteral() {
            if (i + 2 >= n) {
                return false;
            }
            char d = t.charAt(i + 1);
            int end;
            if (d == '\n' || d == '\'') {
                return false;
            }
            if (d == '\\') {
                int j = i + 3;
                int lim = Math.min(n, i + 14);
                while (j < lim && t.charAt(j) != '\'' && t.charAt(j) != '\n') {
                    j++;
                }
                if (j >= lim || t.charAt(j) != '\'') {
                    return false;
                }
                end = j + 1;
            } else {
                int w = Character.isHighSurrogate(d) && i + 2 < n && Character.isLowSurrogate(t.charAt(i + 2)) ? 2 : 1;
                if (i + 1 + w < n && t.charAt(i + 1 + w) == '\'') {
                    end = i + 2 + w;
                } else {
                    return false;
                }
            }
            cur |= CODE;
            prevSig = 'a';
            prevKeyword = false;
            i = end;
            return true;
        }

        /** A JavaScript regex literal at i where an operand may start; false leaves i alone. */
        private boolean regex() {
            if (!(prevSig == 0 || prevKeyword || REGEX_PRECEDERS.indexOf(prevSig) >= 0)) {
                return false;
            }
            int j = i + 1;
            boolean inClass = false;
            while (j < n) {
                char d = t.charAt(j);
                if (d == '\n') {
                    return false;
                }
                if (d == '\\') {
                    j += 2;
                    continue;
                }
                if (d == '[') {
                    inClass = true;
                } else if (d == ']') {
                    inClass = false;
                } else if (d == '/' && !inClass) {
                    break;
                }
                j++;
            }
            if (j >= n) {
                return false;
            }
            cur |= CODE;
            prevSig = 'a';
            prevKeyword = false;
            i = j + 1;
            return true;
        }

        /** Ruby {@code %q{..}}, {@code %w[..]} … at i; false leaves i alone. */
        private boolean percentLiteral() {
            if (i + 2 >= n || "qQwWiIrxs".indexOf(t.charAt(i + 1)) < 0) {
                return false;
            }
            if (i > 0 && isIdentPart(t.charAt(i - 1))) {
                return false;
            }
            char d = t.charAt(i + 2);
            if (d <= ' ' || d >= 128 || isIdentPart(d)) {
                return false;
            }
            char close = closer(d);
            enterString(i, 3, String.valueOf(close), '\\', true, false, close != d ? d : 0, true);
            return true;
        }

        private boolean heredocIntro() {
            if (!t.startsWith("<<", i)) {
                return false;
            }
            int j = i + 2;
            boolean indented = false;
            boolean php = false;
            switch (heredoc) {
                case PHP -> {
                    if (j >= n || t.charAt(j) != '<') {
                        return false;
                    }
                    j++;
                    while (j < n && (t.charAt(j) == ' ' || t.charAt(j) == '\t')) {
                        j++;
                    }
                    indented = true;
                    php = true;
                }
                case RUBY -> {
                    if (j < n && (t.charAt(j) == '~' || t.charAt(j) == '-')) {
                        indented = true;
                        j++;
                    } else if (j < n && !(t.charAt(j) >= 'A' && t.charAt(j) <= 'Z' || t.charAt(j) == '_'
                            || t.charAt(j) == '\'' || t.charAt(j) == '"' || t.charAt(j) == '`')) {
                        return false;
                    }
                }
                case SHELL -> {
                    if ((j < n && t.charAt(j) == '<') || (i > 0 && t.charAt(i - 1) == '<')) {
                        return false; // here-string <<<
                    }
                    if (j < n && t.charAt(j) == '-') {
                        indented = true;
                        j++;
                    }
                    while (j < n && (t.charAt(j) == ' ' || t.charAt(j) == '\t')) {
                        j++;
                    }
                    if (j < n && t.charAt(j) == '\\') {
                        j++;
                    }
                }
                case PERL -> {
                    if (j < n && t.charAt(j) == '~') {
                        indented = true;
                        j++;
                    }
                    int k = j;
                    while (k < n && t.charAt(k) == ' ') {
                        k++;
                    }
                    if (k < n && (t.charAt(k) == '"' || t.charAt(k) == '\'')) {
                        j = k;
                    }
                }
                default -> {
                    return false;
                }
            }
            if (j >= n) {
                return false;
            }
            char q = t.charAt(j);
            int labelStart;
            int labelEnd;
            int end;
            if (q == '\'' || q == '"' || (q == '`' && heredoc == Heredoc.RUBY)) {
                labelStart = j + 1;
                labelEnd = labelStart;
                while (labelEnd < n && t.charAt(labelEnd) != q && t.charAt(labelEnd) != '\n') {
                    labelEnd++;
                }
                if (labelEnd >= n || t.charAt(labelEnd) != q || labelEnd == labelStart) {
                    return false;
                }
                end = labelEnd + 1;
            } else {
                if (!isIdentStart(q)) {
                    return false;
                }
                labelStart = j;
                labelEnd = j + 1;
                while (labelEnd < n && isIdentPart(t.charAt(labelEnd))) {
                    labelEnd++;
                }
                end = labelEnd;
            }
            pending.add(new Here(t.substring(labelStart, labelEnd), indented, php));
            cur |= CODE;
            prevSig = 'a';
            prevKeyword = false;
            i = end;
            return true;
        }

        // ---------------------------------------------------------------- strings and comments

        private void enterString(int start, int openLen, String close, char esc, boolean multi, boolean doubled,
                                 char nestOpen, boolean docOk) {
            if (py) {
                pyStringOpen(start, docOk);
            }
            cur |= CODE;
            mode = M_STRING;
            sClose = close;
            sEsc = esc;
            sMulti = multi;
            sDoubled = doubled;
            sNestOpen = nestOpen;
            sDepth = 0;
            i += openLen;
        }

        private void closeString() {
            mode = M_CODE;
            prevSig = '"';
            prevKeyword = false;
            if (py) {
                pyStringClose();
            }
        }

        private void string(char c) {
            if (c == sEsc && sEsc != 0) {
                cur |= CODE;
                i++;
                if (i < n) {
                    char d = t.charAt(i);
                    if (d == '\n') {
                        escNl = true;
                    } else if (d == '\r' && i + 1 < n && t.charAt(i + 1) == '\n') {
                        i++;
                        escNl = true;
                    } else {
                        i++;
                    }
                }
                return;
            }
            if (c == sClose.charAt(0) && t.startsWith(sClose, i)) {
                int len = sClose.length();
                cur |= CODE;
                if (sDoubled && t.startsWith(sClose, i + len)) {
                    i += 2 * len;
                    return;
                }
                i += len;
                if (sDepth > 0) {
                    sDepth--;
                    return;
                }
                closeString();
                return;
            }
            if (sNestOpen != 0 && c == sNestOpen) {
                sDepth++;
            }
            if (!isBlank(c)) {
                cur |= CODE;
            }
            i++;
        }

        private void block(char c) {
            if (c == bClose.charAt(0) && t.startsWith(bClose, i)) {
                cur |= COMMENT;
                i += bClose.length();
                if (--bDepth == 0) {
                    mode = M_CODE;
                    addComment(cStart, i);
                }
                return;
            }
            if (bNests && c == bOpen.charAt(0) && t.startsWith(bOpen, i)) {
                cur |= COMMENT;
                bDepth++;
                i += bOpen.length();
                return;
            }
            if (!isBlank(c)) {
                cur |= COMMENT;
            }
            i++;
        }

        // ---------------------------------------------------------------- python docstrings

        private void pyChar(char c) {
            if (pendingDoc) {
                if (c == ';' && depth == 0) {
                    confirmDoc();
                } else {
                    pendingDoc = false;
                }
            }
            if (c == '\\') {
                int k = i + 1;
                if (k < n && t.charAt(k) == '\r') {
                    k++;
                }
                if (k >= n || t.charAt(k) == '\n') {
                    contLine = true;
                    return;
                }
            }
            if (stmtStart) {
                stmtStart = false;
                docCand = false;
            }
            asyncSeen = false;
            switch (c) {
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth = Math.max(0, depth - 1);
                case ':' -> {
                    if (depth == 0 && inHeader) {
                        inHeader = false;
                        docCand = true;
                        stmtStart = true;
                    }
                }
                case ';' -> {
                    if (depth == 0) {
                        stmtStart = true;
                        inHeader = false;
                    }
                }
                default -> {
                }
            }
        }

        private boolean is(int a, int b, String w) {
            return b - a == w.length() && t.startsWith(w, a);
        }

        private void pyWord(int a, int b) {
            pendingDoc = false;
            if (stmtStart) {
                stmtStart = false;
                docCand = false;
                if (is(a, b, "def") || is(a, b, "class")) {
                    inHeader = true;
                } else if (is(a, b, "async")) {
                    asyncSeen = true;
                }
            } else if (asyncSeen) {
                asyncSeen = false;
                if (is(a, b, "def")) {
                    inHeader = true;
                }
            }
        }

        private void pyStringOpen(int start, boolean docOk) {
            pendingDoc = false; // implicit concatenation "a" "b": not taken as a docstring
            strEligible = stmtStart && docCand && depth == 0 && docOk;
            stmtStart = false;
            docCand = false;
            asyncSeen = false;
            if (strEligible) {
                dStart = start;
                dStartLine = line;
                dCodeBefore = (byte) (cur & CODE);
            }
        }

        private void pyStringClose() {
            if (strEligible) {
                strEligible = false;
                pendingDoc = true;
                dEnd = i;
                dEndLine = line;
            }
        }

        private void confirmDoc() {
            pendingDoc = false;
            for (int l = dStartLine; l <= dEndLine; l++) {
                byte f = l == line ? cur : flags[l];
                if (l == dStartLine) {
                    f = (byte) (dCodeBefore | COMMENT | (f & COMMENT));
                } else if (f != 0) {
                    f = COMMENT;
                }
                if (l == line) {
                    cur = f;
                } else {
                    flags[l] = f;
                }
            }
            docSpans.add(new LineCounts.Span(dStart, dEnd, dStartLine + 1, dEndLine + 1));
            addComment(dStart, dEnd);
        }
    }
}
