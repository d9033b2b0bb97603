package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.GeneratedDetector;
import dev.codemill.stages.analysis.text.TextShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code no_noise} (text-level): the file is written by a person for people.
 * <ul>
 *   <li><b>generated</b>: {@link GeneratedDetector} evidence (linguist's generated.rb facts) → 0;</li>
 *   <li><b>minified</b>: {@link TextShape#looksMinified()} (the {@code basic_filters} definition,
 *       long literals masked, case C11) → 0;</li>
 *   <li><b>blob</b>: {@link TextShape#blobFraction()} above {@code max_blob_fraction};</li>
 *   <li><b>low alphanumeric</b>: {@link TextShape#alnumFraction()} (Unicode letters/digits per code
 *       point, case C12) below {@code min_alnum_fraction};</li>
 *   <li><b>data dump</b>: share of non-blank lines made only of numbers, quotes, brackets and
 *       separators above {@code max_data_share} (files of at least 20 lines);</li>
 *   <li><b>repetition</b>: over lines with at least 4 non-space chars and a letter or digit, the
 *       share of lines inside a 3-line window seen earlier in the file (duplicated line n-grams,
 *       after Gopher's repetition rules, Rae et al. 2021, as used by OpenCoder) above
 *       {@code max_dup_fraction}.</li>
 * </ul>
 * A measure {@code v} over its limit {@code m} gives {@code 1 - (v - m) / (1 - m)}; the score is the
 * smallest component.
 */
public final class NoNoiseChecker implements Checker {
    private static final Pattern DATA_LINE = Pattern.compile("^[\\s\\[\\]{}(),;:'\"0-9a-fA-FxX.+\\-]*[0-9][\\s\\[\\]{}(),;:'\"0-9a-fA-FxX.+\\-]*$");
    private static final int WINDOW = 3;

    @Override
    public String name() {
        return "no_noise";
    }

    @Override
    public Set<String> thresholds() {
        return Set.of("max_blob_fraction", "min_alnum_fraction", "max_data_share", "max_dup_fraction");
    }

    @Override
    public Set<String> messages() {
        return Set.of("generated", "minified", "blob", "low_alnum", "data", "repetition");
    }

    @Override
    public CheckResult check(FileContext f, Principle p) {
        String lang = f.language();
        List<Critique> out = new ArrayList<>();
        double score = 1.0;
        Optional<GeneratedDetector.Evidence> gen = GeneratedDetector.builtIn().find(f.path(), f.text());
        if (gen.isPresent()) {
            score = 0.0;
            out.add(new Critique(p.id(), 1, 1, p.message("generated", "value", gen.get().value())));
        }
        TextShape shape = f.shape();
        if (shape.looksMinified()) {
            score = 0.0;
            out.add(new Critique(p.id(), 1, 1, p.message("minified", "value", shape.minifiedSignals())));
        }
        double blob = shape.blobFraction();
        double maxBlob = p.threshold("max_blob_fraction", lang);
        if (blob > maxBlob) {
            score = Math.min(score, over(blob, maxBlob));
            out.add(new Critique(p.id(), 1, 1, p.message("blob", "value", blob, "limit", maxBlob)));
        }
        double alnum = shape.alnumFraction();
        double minAlnum = p.threshold("min_alnum_fraction", lang);
        if (shape.codePoints() > 0 && alnum < minAlnum) {
            score = Math.min(score, minAlnum <= 0 ? 1.0 : alnum / minAlnum);
            out.add(new Critique(p.id(), 1, 1, p.message("low_alnum", "value", alnum, "limit", minAlnum)));
        }
        Lines ls = Lines.of(f.lines());
        double dataShare = ls.nonBlank == 0 ? 0.0 : (double) ls.data / ls.nonBlank;
        double maxData = p.threshold("max_data_share", lang);
        if (ls.nonBlank >= 20 && dataShare > maxData) {
            score = Math.min(score, over(dataShare, maxData));
            out.add(new Critique(p.id(), ls.firstData, 1, p.message("data", "value", dataShare, "limit", maxData)));
        }
        double dupShare = ls.kept == 0 ? 0.0 : (double) ls.dupLines / ls.kept;
        double maxDup = p.threshold("max_dup_fraction", lang);
        if (dupShare > maxDup) {
            score = Math.min(score, over(dupShare, maxDup));
            out.add(new Critique(p.id(), ls.keptLine[ls.firstDup], 1,
                    p.message("repetition", "value", dupShare, "limit", maxDup, "name", ls.keptLine[ls.firstOrigin])));
        }
        out.sort(Fmt.BY_POSITION);
        String measure = "generated=" + gen.isPresent() + " minified=" + shape.looksMinified() + " blob=" + Fmt.f(blob)
                + " alnum=" + Fmt.f(alnum) + " data_share=" + Fmt.f(dataShare) + " dup_share=" + Fmt.f(dupShare);
        return new CheckResult(score, "text", measure, out);
    }

    private static double over(double v, double max) {
        return max >= 1 ? 1.0 : 1.0 - (v - max) / (1.0 - max);
    }

    /**
     * The line figures of one file in one pass (its own method so that the JIT compiles it apart
     * from {@link #check}): non-blank and data lines, and the repeated 3-line windows over the kept
     * lines (at least 4 chars after {@code strip()}, one letter or digit). A window is keyed by the
     * ids of its three lines (equal ids, equal stripped text), which is the same equality as the
     * text {@code a + "\n" + b + "\n" + c} (a line holds no {@code \n}) without building it.
     */
    private static final class Lines {
        int nonBlank;
        int data;
        int firstData;
        int kept;
        int[] keptLine;
        int dupLines;
        int firstDup = -1;
        int firstOrigin = -1;

        static Lines of(List<String> lines) {
            Lines l = new Lines();
            int[] ids = new int[lines.size()];
            l.keptLine = new int[lines.size()];
            Map<String, Integer> lineIds = new HashMap<>();
            Matcher dataLine = DATA_LINE.matcher("");
            for (int ln = 1; ln <= lines.size(); ln++) {
                String s = lines.get(ln - 1).strip();
                if (s.isEmpty()) {
                    continue;
                }
                l.nonBlank++;
                if (s.length() < 2000 && dataLine.reset(s).matches()) {
                    if (l.data++ == 0) {
                        l.firstData = ln;
                    }
                }
                if (s.length() >= 4 && letterOrDigit(s)) {
                    Integer id = lineIds.putIfAbsent(s, lineIds.size());
                    ids[l.kept] = id == null ? lineIds.size() - 1 : id;
                    l.keptLine[l.kept++] = ln;
                }
            }
            l.windows(ids);
            return l;
        }

        /** Marks every kept line inside a window seen earlier (not overlapping it). */
        private void windows(int[] ids) {
            boolean[] dup = new boolean[kept];
            Map<Long, Integer> pairs = new HashMap<>();
            Map<Long, Integer> seen = new HashMap<>();
            for (int i = 0; i + WINDOW <= kept; i++) {
                Integer pair = pairs.putIfAbsent(((long) ids[i] << 32) | ids[i + 1], pairs.size());
                int pairId = pair == null ? pairs.size() - 1 : pair;
                Integer prev = seen.putIfAbsent(((long) pairId << 32) | ids[i + 2], i);
                if (prev != null && prev + WINDOW <= i) {
                    for (int k = i; k < i + WINDOW; k++) {
                        dup[k] = true;
                    }
                    if (firstDup < 0) {
                        firstDup = i;
                        firstOrigin = prev;
                    }
                }
            }
            for (boolean d : dup) {
                if (d) {
                    dupLines++;
                }
            }
        }

        /** Whether a UTF-16 unit of {@code s} is a letter or digit (as {@code s.chars().anyMatch(Character::isLetterOrDigit)}). */
        private static boolean letterOrDigit(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isLetterOrDigit((int) s.charAt(i))) {
                    return true;
                }
            }
            return false;
        }
    }
}
