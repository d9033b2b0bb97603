package dev.codemill.stages.filter;

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
import java.util.regex.Pattern;

/**
 * Finds evidence that a file was produced by a tool: a known generated file name, a marker in
 * the header lines, or a source-map reference at the end of a JS/CSS file. The patterns are
 * data, in {@value #RESOURCE} (facts from GitHub Linguist's {@code generated.rb}).
 *
 * <p>Thread-safe and immutable once built.
 */
public final class GeneratedDetector {
    /** Classpath resource holding the built-in patterns. */
    public static final String RESOURCE = "codemill/filters/generated.yaml";

    private static final Pattern COMMENT_LINE = Pattern.compile("^\\s*(?://|/\\*|\\*|#|--|;|%|<!--|\\(\\*|\\{-|')");
    private static final int HEADER_CHAR_CAP = 16_000;

    private final List<Named> fileNames;
    private final int headerLines;
    private final List<Named> headerMarkers;
    private final List<Named> headerCommentMarkers;
    private final List<Named> trailerMarkers;

    private record Named(String source, Pattern pattern) {
    }

    /** What matched: {@code kind} is {@code file_name}, {@code header}, {@code header_comment} or {@code source_map}. */
    public record Evidence(String kind, String pattern, String text) {
        /** Short form for a ledger value, e.g. {@code file_name:*_pb2.py}. */
        public String value() {
            return kind + ":" + pattern;
        }
    }

    private GeneratedDetector(List<Named> fileNames, int headerLines, List<Named> headerMarkers,
                              List<Named> headerCommentMarkers, List<Named> trailerMarkers) {
        this.fileNames = fileNames;
        this.headerLines = headerLines;
        this.headerMarkers = headerMarkers;
        this.headerCommentMarkers = headerCommentMarkers;
        this.trailerMarkers = trailerMarkers;
    }

    private static final class Holder {
        static final GeneratedDetector BUILT_IN = load();
    }

    /** The detector built from {@value #RESOURCE}. */
    public static GeneratedDetector builtIn() {
        return Holder.BUILT_IN;
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
            return new GeneratedDetector(List.copyOf(names), lines, regexes(root.get("header_markers")),
                    regexes(root.get("header_comment_markers")), regexes(root.get("trailer_markers")));
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
     * The first evidence found, looking at the file name, then the header lines, then the
     * last two lines (JS/CSS only); empty when none.
     *
     * @param fileName file name without directories (may be empty)
     * @param text     decoded text
     */
    public Optional<Evidence> find(String fileName, String text) {
        for (Named n : fileNames) {
            if (n.pattern().matcher(fileName).matches()) {
                return Optional.of(new Evidence("file_name", n.source(), fileName));
            }
        }
        int start = 0;
        int limit = Math.min(text.length(), HEADER_CHAR_CAP);
        for (int line = 0; line < headerLines && start < limit; line++) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 || nl > limit ? limit : nl;
            String l = text.substring(start, end);
            for (Named n : headerMarkers) {
                if (n.pattern().matcher(l).find()) {
                    return Optional.of(new Evidence("header", n.source(), l.strip()));
                }
            }
            if (COMMENT_LINE.matcher(l).find()) {
                for (Named n : headerCommentMarkers) {
                    if (n.pattern().matcher(l).find()) {
                        return Optional.of(new Evidence("header_comment", n.source(), l.strip()));
                    }
                }
            }
            start = end + 1;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".js") || lower.endsWith(".mjs") || lower.endsWith(".cjs") || lower.endsWith(".css")) {
            for (String l : lastLines(text, 2)) {
                for (Named n : trailerMarkers) {
                    if (n.pattern().matcher(l).find()) {
                        return Optional.of(new Evidence("source_map", n.source(), l.strip()));
                    }
                }
            }
        }
        return Optional.empty();
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
