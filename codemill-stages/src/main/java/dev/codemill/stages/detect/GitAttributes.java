package dev.codemill.stages.detect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesRule;

/**
 * The {@code .gitattributes} files of one repository, answering linguist's two overrides for a
 * path: {@code linguist-vendored} and {@code linguist-generated} (GitHub Linguist,
 * {@code docs/overrides.md}; {@code lazy_blob.rb}), plus git's {@code -diff}.
 *
 * <p>Git's rules (gitattributes(5)): a file {@code DIR/.gitattributes} applies to paths below
 * {@code DIR}, its patterns taken relative to {@code DIR}; for each attribute the deepest file
 * wins over its parents and, within a file, a later matching line wins over an earlier one;
 * {@code !attr} makes an attribute unspecified again. Patterns are gitignore-style without
 * negation and match files, not the directories above them ({@code vendor/} matches nothing here;
 * {@code vendor/**} matches every file below). Pattern parsing and matching are JGit's
 * ({@link AttributesNode}, {@link AttributesRule}); each line is parsed on its own so that the
 * evidence can name it. Macros: git's built-in {@code binary} ({@code -diff -merge -text}) and
 * {@code [attr]NAME ...} lines of the repository root's file. Not supported (JGit's parser does
 * not): C-quoted patterns ({@code "a b.js" attr}).
 *
 * <p>Values, as linguist reads them ({@code boolean_attribute}): {@code attr} and {@code attr=VALUE}
 * are true unless VALUE is {@code false}; {@code -attr} is false. {@code -diff} (set directly or by
 * {@code binary}) counts as generated when {@code linguist-generated} is not specified: Codemill's
 * rule, not linguist's (GitHub hides such diffs but linguist does not read {@code diff}); authors
 * use it for lock files and generated sources they do not want to review.
 */
final class GitAttributes {
    /** The file name git reads. */
    static final String FILE_NAME = ".gitattributes";
    static final String VENDORED = "linguist-vendored";
    static final String GENERATED = "linguist-generated";
    static final String DIFF = "diff";

    private static final List<Attribute> BINARY = List.of(new Attribute("diff", Attribute.State.UNSET),
            new Attribute("merge", Attribute.State.UNSET), new Attribute("text", Attribute.State.UNSET));
    private static final String MACRO_PREFIX = "[attr]";

    /** One attributes line: where it is and what JGit parsed from it. */
    private record Line(String file, int number, String text, AttributesRule rule) {
        String where() {
            return file + ":" + number;
        }
    }

    /** One {@code .gitattributes} file: its folder ({@code ""} at the root, else ending in {@code /}) and lines. */
    private record AttrFile(String dir, List<Line> lines) {
    }

    /**
     * A decision for one attribute.
     *
     * @param value     linguist's boolean reading
     * @param attribute the attribute as written on the line, e.g. {@code -linguist-vendored}, {@code linguist-generated=false}
     * @param where     {@code PATH:LINE} of the {@code .gitattributes} line
     * @param line      that line's text, stripped
     */
    record Decision(boolean value, String attribute, String where, String line) {
        /** Evidence text, e.g. {@code gitattributes:-linguist-vendored (.gitattributes:3 jquery.js -linguist-vendored)}. */
        String evidence() {
            return "gitattributes:" + attribute + " (" + where + " " + line + ")";
        }
    }

    private final List<AttrFile> files;
    private final Map<String, List<Attribute>> macros;

    private GitAttributes(List<AttrFile> files, Map<String, List<Attribute>> macros) {
        this.files = files;
        this.macros = macros;
    }

    /** No {@code .gitattributes} at all: every lookup is empty. */
    static final GitAttributes NONE = new GitAttributes(List.of(), Map.of());

    /**
     * Reads the given {@code .gitattributes} files.
     *
     * @param texts repository-relative path of each {@code .gitattributes} file → its decoded text
     */
    static GitAttributes parse(Map<String, String> texts) {
        if (texts.isEmpty()) {
            return NONE;
        }
        List<AttrFile> files = new ArrayList<>();
        Map<String, List<Attribute>> macros = new HashMap<>();
        macros.put("binary", BINARY);
        for (Map.Entry<String, String> e : texts.entrySet()) {
            String path = e.getKey();
            String dir = path.substring(0, path.length() - FILE_NAME.length());
            List<Line> lines = new ArrayList<>();
            String[] raw = e.getValue().split("\r?\n", -1);
            for (int i = 0; i < raw.length; i++) {
                String t = raw[i].strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                for (AttributesRule r : parseLine(t)) {
                    if (r.getPattern().startsWith(MACRO_PREFIX)) {
                        if (dir.isEmpty()) { // git reads macro definitions from the top-level file only
                            macros.put(r.getPattern().substring(MACRO_PREFIX.length()), r.getAttributes());
                        }
                    } else {
                        lines.add(new Line(path, i + 1, t, r));
                    }
                }
            }
            files.add(new AttrFile(dir, lines));
        }
        // parents before children: a deeper file is applied later and so wins
        files.sort(Comparator.comparingInt((AttrFile f) -> f.dir().length()).thenComparing(AttrFile::dir));
        return new GitAttributes(List.copyOf(files), Map.copyOf(macros));
    }

    private static List<AttributesRule> parseLine(String line) {
        AttributesNode node = new AttributesNode();
        try {
            node.parse(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on an in-memory stream
        }
        return node.getRules();
    }

    /** The {@code linguist-vendored} decision for {@code path}, if any line specifies it. */
    Optional<Decision> vendored(String path) {
        return Optional.ofNullable(resolve(path).get(VENDORED)).map(GitAttributes::linguistBoolean);
    }

    /**
     * The generated decision for {@code path}: {@code linguist-generated} when specified, else
     * {@code -diff} (true); empty when neither is specified.
     */
    Optional<Decision> generated(String path) {
        Map<String, Found> all = resolve(path);
        Found g = all.get(GENERATED);
        if (g != null) {
            return Optional.of(linguistBoolean(g));
        }
        Found d = all.get(DIFF);
        if (d != null && d.attribute().getState() == Attribute.State.UNSET) {
            return Optional.of(new Decision(true, d.written(), d.line().where(), d.line().text()));
        }
        return Optional.empty();
    }

    private record Found(Attribute attribute, Line line, String written) {
    }

    private static Decision linguistBoolean(Found f) {
        Attribute a = f.attribute();
        boolean value = switch (a.getState()) {
            case SET -> true;
            case UNSET -> false;
            case CUSTOM -> !"false".equals(a.getValue());
            case UNSPECIFIED -> false; // removed in resolve(); never reached
        };
        return new Decision(value, f.written(), f.line().where(), f.line().text());
    }

    /** Every attribute specified for {@code path}, with the line that decided it. */
    private Map<String, Found> resolve(String path) {
        Map<String, Found> out = new HashMap<>();
        for (AttrFile f : files) {
            if (!path.startsWith(f.dir())) {
                continue;
            }
            String rel = path.substring(f.dir().length());
            for (Line l : f.lines()) {
                if (!l.rule().isMatch(rel, false)) {
                    continue;
                }
                for (Attribute a : l.rule().getAttributes()) {
                    apply(out, a, l, a.toString());
                    List<Attribute> macro = a.getState() == Attribute.State.SET ? macros.get(a.getKey()) : null;
                    if (macro != null) {
                        for (Attribute m : macro) {
                            apply(out, m, l, m + " (from " + a.getKey() + ")");
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void apply(Map<String, Found> out, Attribute a, Line l, String written) {
        if (a.getState() == Attribute.State.UNSPECIFIED) {
            out.remove(a.getKey());
        } else {
            out.put(a.getKey(), new Found(a, l, written));
        }
    }
}
