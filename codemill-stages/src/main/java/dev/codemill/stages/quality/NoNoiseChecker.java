package dev.codemill.stages.quality;

import dev.codemill.stages.analysis.GeneratedDetector;
import dev.codemill.stages.analysis.text.TextShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        List<String> lines = f.lines();
        int nonBlank = 0;
        int data = 0;
        int firstData = 0;
        List<String> kept = new ArrayList<>();
        List<Integer> keptLine = new ArrayList<>();
        for (int ln = 1; ln <= lines.size(); ln++) {
            String s = lines.get(ln - 1).strip();
            if (s.isEmpty()) {
                continue;
            }
            nonBlank++;
            if (s.length() < 2000 && DATA_LINE.matcher(s).matches()) {
                if (data++ == 0) {
                    firstData = ln;
                }
            }
            if (s.length() >= 4 && s.chars().anyMatch(Character::isLetterOrDigit)) {
                kept.add(s);
                keptLine.add(ln);
            }
        }
        double dataShare = nonBlank == 0 ? 0.0 : (double) data / nonBlank;
        double maxData = p.threshold("max_data_share", lang);
        if (nonBlank >= 20 && dataShare > maxData) {
            score = Math.min(score, over(dataShare, maxData));
            out.add(new Critique(p.id(), firstData, 1, p.message("data", "value", dataShare, "limit", maxData)));
        }
        boolean[] dup = new boolean[kept.size()];
        Map<String, Integer> seen = new HashMap<>();
        int firstDup = -1;
        int firstOrigin = -1;
        for (int i = 0; i + WINDOW <= kept.size(); i++) {
            String key = kept.get(i) + "\n" + kept.get(i + 1) + "\n" + kept.get(i + 2);
            Integer prev = seen.putIfAbsent(key, i);
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
        int dupLines = 0;
        for (boolean d : dup) {
            if (d) {
                dupLines++;
            }
        }
        double dupShare = kept.isEmpty() ? 0.0 : (double) dupLines / kept.size();
        double maxDup = p.threshold("max_dup_fraction", lang);
        if (dupShare > maxDup) {
            score = Math.min(score, over(dupShare, maxDup));
            out.add(new Critique(p.id(), keptLine.get(firstDup), 1,
                    p.message("repetition", "value", dupShare, "limit", maxDup, "name", keptLine.get(firstOrigin))));
        }
        out.sort(Fmt.BY_POSITION);
        String measure = "generated=" + gen.isPresent() + " minified=" + shape.looksMinified() + " blob=" + Fmt.f(blob)
                + " alnum=" + Fmt.f(alnum) + " data_share=" + Fmt.f(dataShare) + " dup_share=" + Fmt.f(dupShare);
        return new CheckResult(score, "text", measure, out);
    }

    private static double over(double v, double max) {
        return max >= 1 ? 1.0 : 1.0 - (v - max) / (1.0 - max);
    }
}
