package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.lex.LineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexer-level structure of a file without a syntax tree (no grammar, parsing off, over the size
 * or time budget), after lizard's approach (Terry Yin, {@code lizard}: per-language token state
 * machines that find function headers and follow brace/indentation depth): function headers by
 * keyword ({@code def}, {@code function}, {@code func}, {@code fn}, {@code sub}, {@code proc} …)
 * or by the C shape {@code type name(params) {}, each function's extent by brace depth (a body
 * opened with {@code {}) or by indentation, and per function its lines, nesting (brace depth or
 * indentation levels below the body's first level), cyclomatic complexity (decision keywords and
 * {@code && || and or}) and parameters. Also the declared names: parameters and assignment
 * targets. Comment and blank lines ({@code LineLexer}) are skipped; string literals are masked
 * before braces are counted. Linear in the file's length.
 */
final class StructureScan {
    /** One function found by the scan. */
    record Unit(String name, int line, int lines, int nesting, int complexity, int parameters, double meanDepth) {
    }

    /** A declared name and its line. */
    record Name(String name, int line, boolean loop) {
    }

    private static final Pattern KEYWORD_FN = Pattern.compile(
            "^\\s*(?:(?:public|private|protected|internal|static|final|async|export|default|override|open|inline|pub(?:\\([^)]*\\))?|"
                    + "suspend|local|abstract|virtual|unsafe|extern|const)\\s+)*"
                    + "(?:def|function|func|fn|fun|sub|proc|procedure|method|defp)\\s*(?:\\([^)]*\\)\\s*)?"
                    + "([A-Za-z_$][\\w$.:!?]*)\\s*(?:<[^>]*>)?\\s*(?:\\(([^)]*)\\)?)?");
    private static final Pattern C_FN = Pattern.compile(
            "^\\s*(?:[\\w$<>\\[\\],*&:~]+\\s+)+\\**&?([A-Za-z_$][\\w$:~]*)\\s*\\(([^;{}()]*(?:\\([^()]*\\)[^;{}()]*)*)\\)"
                    + "\\s*(?:const|override|noexcept|throws\\s+[\\w., ]+)?\\s*\\{?\\s*$");
    private static final Pattern CONTROL = Pattern.compile("^\\s*(?:if|else|for|foreach|while|switch|catch|return|do|try|"
            + "case|new|throw|sizeof|using|lock|elif|when|match|until|unless|with|yield|await)\\b");
    private static final Pattern DECISION = Pattern.compile(
            "\\b(?:if|elif|elsif|for|foreach|while|case|catch|except|when|unless|until|rescue)\\b|&&|\\|\\||\\band\\b|\\bor\\b");
    private static final Pattern ASSIGN = Pattern.compile(
            "^\\s*(?:(?:let|var|const|local|my|our|val|auto|final|int|long|double|float|char|bool|boolean|String|string|"
                    + "mut|dim|set)\\s+)*[$@]?([A-Za-z_]\\w*)\\s*(?::\\s*[\\w.\\[\\]<>, ]+)?\\s*(?::=|=)(?!=)");
    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_$][\\w$]*");

    private final List<Unit> units = new ArrayList<>();
    private final List<String> functionNames = new ArrayList<>();
    private final List<Name> names = new ArrayList<>();

    private StructureScan() {
    }

    List<Unit> units() {
        return units;
    }

    List<Name> names() {
        return names;
    }

    /** Names of the functions found (for the naming convention). */
    List<String> functionNames() {
        return functionNames;
    }

    static StructureScan of(FileContext f) {
        StructureScan s = new StructureScan();
        new Scanner(s, f.lines(), f.lineCounts()).run();
        return s;
    }

    /**
     * One scan's per-line arrays and its phases, each loop a method of its own (code lines and
     * brace depth, the indentation unit, function headers and extents, per-function measures) so
     * that the JIT compiles each loop apart and the regex work per line on its own.
     */
    private static final class Scanner {
        private final StructureScan s;
        private final List<String> lines;
        private final LineCounts lc;
        private final int n;
        private final String[] code;
        private final int[] indent;
        private final int[] depth;
        private final Matcher keywordFn = KEYWORD_FN.matcher("");
        private final Matcher control = CONTROL.matcher("");
        private final Matcher cFn = C_FN.matcher("");
        private final Matcher assign = ASSIGN.matcher("");
        private String[] names;
        private int[] params;
        private int[] opens;
        private int[] ends;
        private int[] nextBrace;
        private int[] nextIndent;
        private int unit;

        Scanner(StructureScan s, List<String> lines, LineCounts lc) {
            this.s = s;
            this.lines = lines;
            this.lc = lc;
            this.n = lines.size();
            this.code = new String[n];
            this.indent = new int[n];
            this.depth = new int[n + 1];
        }

        void run() {
            codeLines();
            unit = indentUnit();
            // next line at the same or a lower brace depth, and next code line at the same or a lower
            // indentation (monotonic stacks): every extent in O(1), so nested functions cost no more
            // than flat ones (a per-function walk to the end cost lines × nesting)
            nextBrace = nextAtMost(depth, n + 1, null);
            nextIndent = nextAtMost(indent, n, code);
            names = new String[n];
            params = new int[n];
            opens = new int[n];
            ends = new int[n];
            java.util.Arrays.fill(ends, -1);
            for (int i = 0; i < n; i++) {
                if (code[i] != null) {
                    header(i);
                }
            }
            for (int i = 0; i < n; i++) {
                if (names[i] != null) {
                    measure(i);
                }
            }
        }

        /** Code lines (cut at 2,000 chars), their indentation and the brace depth before each line. */
        private void codeLines() {
            int d = 0;
            for (int i = 0; i < n; i++) {
                boolean isCode = !(lc.exact() && i + 1 <= lc.lines() && lc.kind(i + 1) != LineCounts.Kind.CODE) && !lines.get(i).isBlank();
                depth[i] = d;
                if (!isCode) {
                    continue;
                }
                String l = lines.get(i);
                code[i] = l.length() > 2000 ? l.substring(0, 2000) : l;
                indent[i] = indentWidth(l);
                d = braces(code[i], d);
            }
            depth[n] = d;
        }

        /** The brace depth after a code line (string literals masked), from {@code d} before it. */
        private static int braces(String line, int d) {
            String masked = STRINGS.matcher(line).replaceAll("\"\"");
            for (int k = 0; k < masked.length(); k++) {
                char c = masked.charAt(k);
                if (c == '{') {
                    d++;
                } else if (c == '}') {
                    d = Math.max(0, d - 1);
                }
            }
            return d;
        }

        /** The smallest indentation step between consecutive code lines, 4 when there is none. */
        private int indentUnit() {
            int u = 0;
            int prev = -1;
            for (int i = 0; i < n; i++) {
                if (code[i] == null) {
                    continue;
                }
                if (prev >= 0 && indent[i] > indent[prev]) {
                    int step = indent[i] - indent[prev];
                    u = u == 0 ? step : Math.min(u, step);
                }
                prev = i;
            }
            return u == 0 ? 4 : u;
        }

        /** Code line {@code i}: a function header (name, parameters, extent) or an assignment's declared name. */
        private void header(int i) {
            String name = null;
            String paramText = null;
            Matcher m = keywordFn.reset(code[i]);
            if (m.find()) {
                name = m.group(1);
                paramText = m.group(2);
            } else if (!control.reset(code[i]).find()) {
                Matcher c = cFn.reset(code[i]);
                if (c.find() && !code[i].strip().startsWith("return")) {
                    name = c.group(1);
                    paramText = c.group(2);
                }
            }
            if (name == null) {
                Matcher a = assign.reset(code[i]);
                if (a.find()) {
                    s.names.add(new Name(a.group(1), i + 1, code[i].strip().startsWith("for")));
                }
                return;
            }
            s.functionNames.add(name);
            int paramCount = 0;
            if (paramText != null && !paramText.isBlank()) {
                for (String seg : splitTop(paramText)) {
                    String pn = paramName(seg);
                    if (pn != null && !pn.equals("self") && !pn.equals("this") && !pn.equals("cls")) {
                        paramCount++;
                        s.names.add(new Name(pn, i + 1, false));
                    }
                }
            }
            extent(i);
            names[i] = name;
            params[i] = paramCount;
        }

        /** The extent of the function at line {@code i}: a brace body opened on this line or the next code line, else by indentation. */
        private void extent(int i) {
            int opensAt = -1;
            for (int k = i; k < Math.min(n, i + 3); k++) {
                if (depth[k + 1] > depth[i] && code[k] != null) {
                    opensAt = k;
                    break;
                }
                if (k > i && code[k] != null) {
                    break;
                }
            }
            int end;
            if (opensAt >= 0) {
                int base = depth[i];
                if (depth[opensAt] == base) {
                    end = Math.min(n, nextBrace[opensAt]) - 1;
                } else {
                    end = opensAt;
                    while (end + 1 < n && depth[end + 1] > base) {
                        end++;
                    }
                }
                end = Math.max(end, opensAt);
            } else {
                int stop = nextIndent[i];
                end = i;
                for (int k = stop - 1; k > i; k--) {
                    if (code[k] != null) {
                        end = k;
                        break;
                    }
                }
                if (stop < n && code[stop].strip().matches("end\\b.*|\\}.*")) {
                    end = stop;
                }
            }
            opens[i] = opensAt;
            ends[i] = end;
        }

        /** The unit of the function at line {@code i}: nesting, complexity and mean depth over its code lines. */
        private void measure(int i) {
            int end = ends[i];
            int nest = 0;
            int cc = 1;
            long depthSum = 0;
            int depthCount = 0;
            if (opens[i] >= 0) {
                int base = depth[i];
                for (int k = opens[i] + 1; k <= end; k++) {
                    if (names[k] != null && ends[k] > k) {
                        k = ends[k]; // a nested function is its own unit
                        continue;
                    }
                    if (code[k] != null) {
                        nest = Math.max(nest, depth[k] - base - 1);
                        depthSum += Math.max(0, depth[k] - base - 1);
                        depthCount++;
                        cc += decisions(code[k]);
                    }
                }
            } else {
                int first = -1;
                for (int k = i + 1; k <= end; k++) {
                    if (code[k] == null) {
                        continue;
                    }
                    if (first < 0) {
                        first = indent[k];
                    }
                    if (names[k] != null && ends[k] > k) {
                        k = ends[k]; // a nested function is its own unit
                        continue;
                    }
                    if (indent[k] <= indent[i]) {
                        continue; // the closing `end` / `}` line
                    }
                    nest = Math.max(nest, (indent[k] - first) / unit);
                    depthSum += Math.max(0, (indent[k] - first) / unit);
                    depthCount++;
                    cc += decisions(code[k]);
                }
            }
            s.units.add(new Unit(names[i], i + 1, end - i + 1, nest, Math.max(1, cc), params[i],
                    depthCount == 0 ? 0.0 : (double) depthSum / depthCount));
        }
    }

    /**
     * For each line {@code i}, the first line {@code j > i} whose value is at most {@code v[i]}
     * (only lines with code when {@code code} is given; others are skipped and map to the next
     * such line of their own), or {@code len} when none.
     */
    private static int[] nextAtMost(int[] v, int len, String[] code) {
        int[] next = new int[len];
        java.util.Arrays.fill(next, len);
        int[] stack = new int[len];
        int top = 0;
        for (int j = 0; j < len; j++) {
            if (code != null && code[j] == null) {
                continue;
            }
            while (top > 0 && v[stack[top - 1]] >= v[j]) {
                next[stack[--top]] = j;
            }
            stack[top++] = j;
        }
        return next;
    }

    private static int decisions(String line) {
        Matcher m = DECISION.matcher(STRINGS.matcher(line).replaceAll("\"\""));
        int c = 0;
        while (m.find()) {
            c++;
        }
        return c;
    }

    private static int indentWidth(String l) {
        int w = 0;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c == ' ') {
                w++;
            } else if (c == '\t') {
                w += 4;
            } else {
                break;
            }
        }
        return w;
    }

    /** Parameter segments split on top-level commas. */
    private static List<String> splitTop(String params) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '(' || c == '[' || c == '<' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '>' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(params.substring(start, i));
                start = i + 1;
            }
        }
        out.add(params.substring(start));
        return out;
    }

    /** The declared name in one parameter: before {@code =} / {@code :}, else the last identifier ({@code int count}). */
    private static String paramName(String seg) {
        String s = seg.strip();
        int eq = s.indexOf('=');
        if (eq >= 0) {
            s = s.substring(0, eq).strip();
        }
        int colon = s.indexOf(':');
        if (colon > 0) {
            s = s.substring(0, colon).strip();
        }
        String last = null;
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            last = m.group();
        }
        if (last == null || last.equals("void") || last.startsWith("$") && last.length() == 1) {
            return null;
        }
        return last.startsWith("$") ? last.substring(1) : last;
    }
}
