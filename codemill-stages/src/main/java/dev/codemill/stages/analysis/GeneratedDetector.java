package dev.codemill.stages.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds evidence that a file was produced by a tool: a known generated file name or path, a marker
 * in the header region, or a source-map reference at the end of a JS/CSS file. The patterns are
 * data, in {@value #RESOURCE} (facts from GitHub Linguist's {@code generated.rb} and the
 * generators' conventions); this is the one rule set behind {@code is_generated} (stage
 * {@code vendor}), the {@code generated} rule of {@code basic_filters} and the quality stage.
 *
 * <p><b>Header region</b>: the first {@code header_lines} lines (40, as linguist reads for Go's
 * marker), extended over a leading block of comment and blank lines of any length (a licence
 * header: Go's convention only asks that {@code // Code generated ... DO NOT EDIT.} come before
 * the first non-comment text), and never past {@code header_chars} characters (16,000 UTF-16
 * units) from the start of the text. A marker after that is not evidence.
 *
 * <p>Thread-safe and immutable once built.
 */
public final class GeneratedDetector {
    /** Classpath resource holding the built-in patterns. */
    public static final String RESOURCE = "codemill/filters/generated.yaml";

    private static final Pattern COMMENT_LINE =
            Pattern.compile("^\\s*(?://|/\\*|\\*|#|--|;|%|<!--|\\(\\*|\\{-|'|\"\"\"|''')");
    /** Block-comment openers (after leading blanks) and their closers, for the leading comment block. */
    private static final String[][] BLOCKS = {{"/*", "*/"}, {"<!--", "-->"}, {"(*", "*)"}, {"{-", "-}"},
        {"\"\"\"", "\"\"\""}, {"'''", "'''"}, {"--[[", "]]"}, {"=begin", "=end"}};

    private final List<Named> fileNames;
    private final List<Named> pathPatterns;
    private final int headerLines;
    private final int headerChars;
    private final List<Named> headerMarkers;
    private final List<Named> headerCommentMarkers;
    private final List<Named> trailerMarkers;
    /** Any header marker: a line this does not match cannot match one of them (a pre-filter, see {@link #anyOf}). */
    private final Pattern anyHeaderMarker;
    /** Any header-comment marker, likewise. */
    private final Pattern anyHeaderCommentMarker;
    /** Literals one of which every header and header-comment marker match holds; null: none derived. */
    private final MarkerLiterals headerLiterals;
    /** Any file-name glob, with the globs' flags: a name this does not match matches none of them. */
    private final Pattern anyFileName;

    private record Named(String source, Pattern pattern) {
    }

    /**
     * What matched.
     *
     * @param kind    {@code file_name}, {@code path}, {@code header}, {@code header_comment} or {@code source_map}
     * @param pattern the rule (glob or regular expression) as written in {@value #RESOURCE}
     * @param text    the file name, path or line that matched (stripped)
     * @param line    1-based line number of a header match; 0 for names, paths and source maps
     */
    public record Evidence(String kind, String pattern, String text, int line) {
        /** Short form for a ledger value, e.g. {@code file_name:*_pb2.py}. */
        public String value() {
            return kind + ":" + pattern;
        }
    }

    private GeneratedDetector(List<Named> fileNames, List<Named> pathPatterns, int headerLines, int headerChars,
                              List<Named> headerMarkers, List<Named> headerCommentMarkers, List<Named> trailerMarkers,
                              boolean preFilter) {
        this.fileNames = fileNames;
        this.pathPatterns = pathPatterns;
        this.headerLines = headerLines;
        this.headerChars = headerChars;
        this.headerMarkers = headerMarkers;
        this.headerCommentMarkers = headerCommentMarkers;
        this.trailerMarkers = trailerMarkers;
        this.anyHeaderMarker = anyOf(headerMarkers);
        this.anyHeaderCommentMarker = anyOf(headerCommentMarkers);
        List<String> markers = new ArrayList<>();
        headerMarkers.forEach(n -> markers.add(n.source()));
        headerCommentMarkers.forEach(n -> markers.add(n.source()));
        this.headerLiterals = preFilter ? MarkerLiterals.of(markers).orElse(null) : null;
        StringBuilder names = new StringBuilder("(?!)");
        fileNames.forEach(n -> names.append("|(?:").append(n.pattern().pattern()).append(')'));
        this.anyFileName = Pattern.compile(names.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The same rules without the header literal pre-filter (the reference its tests compare with). */
    GeneratedDetector withoutLiteralPreFilter() {
        return new GeneratedDetector(fileNames, pathPatterns, headerLines, headerChars, headerMarkers,
                headerCommentMarkers, trailerMarkers, false);
    }

    /** The literal pre-filter of the header markers (folded), empty when none could be derived. */
    List<String> headerLiterals() {
        return headerLiterals == null ? List.of() : headerLiterals.literals();
    }

    /**
     * One pattern that finds a match in a line whenever one of {@code patterns} does: their
     * alternation, each in its own group so that inline flags stay scoped to it. It only decides
     * whether to try the rules one by one (in their order, which picks the reported rule), so the
     * evidence is the same as without it; it saves building one matcher per rule and line.
     */
    private static Pattern anyOf(List<Named> patterns) {
        StringBuilder re = new StringBuilder();
        for (Named n : patterns) {
            re.append(re.length() == 0 ? "" : "|").append("(?:").append(n.source()).append(')');
        }
        return Pattern.compile(re.length() == 0 ? "(?!)" : re.toString());
    }

    private static final class Holder {
        static final GeneratedDetector BUILT_IN = load();
    }

    /** The detector built from {@value #RESOURCE}. */
    public static GeneratedDetector builtIn() {
        return Holder.BUILT_IN;
    }

    /** Lines of the header region before a leading comment block extends it (from the data file). */
    public int headerLines() {
        return headerLines;
    }

    /** Characters from the start of the text past which no header marker counts (from the data file). */
    public int headerChars() {
        return headerChars;
    }

    @SuppressWarnings("unchecked")
    private static GeneratedDetector load() {
        try (InputStream in = GeneratedDetector.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            List<Named> names = new ArrayList<>();
            for (Object o : (List<Object>) root.get("file_names")) {
                names.add(new Named(o.toString(), glob(o.toString())));
            }
            int lines = ((Number) root.get("header_lines")).intValue();
            int chars = ((Number) root.get("header_chars")).intValue();
            return new GeneratedDetector(List.copyOf(names), regexes(root.get("path_patterns")), lines, chars,
                    regexes(root.get("header_markers")), regexes(root.get("header_comment_markers")),
                    regexes(root.get("trailer_markers")), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Named> regexes(Object list) {
        List<Named> out = new ArrayList<>();
        for (Object o : (List<Object>) list) {
            out.add(new Named(o.toString(), Pattern.compile(o.toString())));
        }
        return List.copyOf(out);
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            re.append(Pattern.quote(part)).append(".*");
        }
        re.setLength(re.length() - 2); // drop the ".*" after the last part
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * The first evidence found, looking at the file name, the path, then the header region, then
     * the last two lines (JS/CSS only); empty when none.
     *
     * @param path repository-relative path with {@code /} separators, or a bare file name (may be empty)
     * @param text decoded text
     */
    public Optional<Evidence> find(String path, String text) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        for (Named n : anyFileName.matcher(fileName).matches() ? fileNames : List.<Named>of()) {
            if (n.pattern().matcher(fileName).matches()) {
                return Optional.of(new Evidence("file_name", n.source(), fileName, 0));
            }
        }
        for (Named n : pathPatterns) {
            if (n.pattern().matcher(path).find()) {
                return Optional.of(new Evidence("path", n.source(), path, 0));
            }
        }
        Optional<Evidence> header = header(text);
        if (header.isPresent()) {
            return header;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".js") || lower.endsWith(".mjs") || lower.endsWith(".cjs") || lower.endsWith(".css")) {
            for (String l : lastLines(text, 2)) {
                for (Named n : trailerMarkers) {
                    if (n.pattern().matcher(l).find()) {
                        return Optional.of(new Evidence("source_map", n.source(), l.strip(), 0));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first header marker in the header region (see the class comment). */
    private Optional<Evidence> header(String text) {
        int limit = Math.min(text.length(), headerChars);
        // A line holding none of the marker literals matches no marker: only lines up to the last
        // one holding a literal are read, and only those holding one are tried (same evidence).
        int[] hits = headerLiterals == null ? null : headerLiterals.positions(text, limit);
        if (hits != null && hits.length == 0) {
            return Optional.empty();
        }
        int hit = 0; // index of the first hit at or after the current line's start
        int start = 0;
        boolean leading = true; // still inside the leading block of comment and blank lines
        String closer = null;   // the closer of the block comment the current line is inside, or null
        Matcher commentLine = COMMENT_LINE.matcher("");
        Matcher anyHeader = anyHeaderMarker.matcher("");
        Matcher anyHeaderComment = anyHeaderCommentMarker.matcher("");
        for (int line = 0; start < limit; line++) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 || nl > limit ? limit : nl;
            String l = text.substring(start, end);
            boolean comment = closer != null || l.isBlank() || commentLine.reset(l).find();
            if (line >= headerLines && !(leading && comment)) {
                break;
            }
            leading &= comment;
            closer = nextCloser(l, closer);
            if (hits != null) {
                while (hit < hits.length && hits[hit] < start) {
                    hit++;
                }
                if (hit == hits.length) {
                    break; // no literal in this line or after it
                }
                if (hits[hit] >= end) {
                    start = end + 1;
                    continue; // none in this line
                }
            }
            for (Named n : anyHeader.reset(l).find() ? headerMarkers : List.<Named>of()) {
                if (n.pattern().matcher(l).find()) {
                    return Optional.of(new Evidence("header", n.source(), l.strip(), line + 1));
                }
            }
            if (comment && anyHeaderComment.reset(l).find()) {
                for (Named n : headerCommentMarkers) {
                    if (n.pattern().matcher(l).find()) {
                        return Optional.of(new Evidence("header_comment", n.source(), l.strip(), line + 1));
                    }
                }
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /** The block-comment closer still open after line {@code l}, given the one open before it (or null). */
    private static String nextCloser(String l, String open) {
        if (open != null) {
            int at = l.indexOf(open);
            return at < 0 ? open : nextCloser(l.substring(at + open.length()), null);
        }
        String s = l.stripLeading();
        for (String[] b : BLOCKS) {
            if (s.startsWith(b[0])) {
                return s.indexOf(b[1], b[0].length()) < 0 ? b[1] : null;
            }
        }
        return null;
    }

    private static List<String> lastLines(String text, int count) {
        List<String> out = new ArrayList<>();
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--; // a trailing newline does not make an extra line
        }
        while (out.size() < count && end > 0) {
            int nl = text.lastIndexOf('\n', end - 1);
            String l = text.substring(nl + 1, end);
            out.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            end = nl < 0 ? 0 : nl;
        }
        return out;
    }
}
