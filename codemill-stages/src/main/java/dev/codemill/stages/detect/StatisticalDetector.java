package dev.codemill.stages.detect;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses a legacy charset for bytes that are neither declared nor UTF-8, among a fixed list of
 * candidates, by ICU4J's {@link CharsetDetector} (n-gram and common-character statistics, a
 * confidence 0–100 per charset) refined by {@link ScriptPlausibility}. Every candidate must
 * decode strictly ({@link StrictDecoder}); one that does not is never chosen.
 *
 * <p><b>Ranking</b> ({@link Mode#COMBINED}, the default): plausibility + {@value #ICU_WEIGHT}
 * × ICU confidence / 100; ties go to a non-Western (CJK or Cyrillic) candidate (to a Western
 * one when both decode to the same text), then to the list order. ICU alone is weak on short inputs (below about 10 double-byte characters every
 * CJK recogniser reports 10 and Latin ones win) and reads KOI8-R Russian as EUC-KR with
 * confidence 75; see docs/encodings.md for the figures.
 *
 * <p><b>Confidence</b> in [0, 1]: the chosen candidate's rank minus the best rank among
 * candidates that decode to a <em>different</em> text (a competing reading of the bytes), over
 * the largest possible rank (1 + {@value #ICU_WEIGHT}); the chosen rank alone when there is no
 * competitor.
 */
final class StatisticalDetector {
    /** Weight of ICU's confidence (0..1) next to the plausibility (0..1). */
    static final double ICU_WEIGHT = 0.2;
    /** Bytes from the start given to ICU (its statistics settle long before; bounds the cost on big files). */
    static final int ICU_BYTES = 64 * 1024;

    /** How candidates are ranked (the non-default modes exist to measure the refinement). */
    enum Mode { ICU_ONLY, PLAUSIBILITY_ONLY, COMBINED }

    /** A candidate that decoded strictly. */
    record Candidate(Charset charset, String text, double plausibility, int icu) {
        double rank(Mode mode) {
            return switch (mode) {
                case ICU_ONLY -> icu;
                case PLAUSIBILITY_ONLY -> plausibility;
                case COMBINED -> plausibility + ICU_WEIGHT * icu / 100.0;
            };
        }
    }

    /**
     * The outcome: the chosen candidate (null when no candidate decodes), its confidence, the
     * runner-up with a different text (or null), and every candidate that failed
     * ({@code NAME@OFFSET}, and in words).
     */
    record Result(Candidate chosen, double confidence, Candidate rival, List<String> failures, List<String> failureDetails) {
    }

    private final List<Charset> candidates;
    private final Mode mode;

    StatisticalDetector(List<Charset> candidates, Mode mode) {
        this.candidates = List.copyOf(candidates);
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    List<Charset> candidates() {
        return candidates;
    }

    Result detect(byte[] bytes) {
        Map<String, Integer> icu = icuConfidences(bytes);
        List<Candidate> ok = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Charset cs : candidates) {
            StrictDecoder.Failure f = new StrictDecoder.Failure();
            String text = StrictDecoder.decode(cs, bytes, 0, f);
            if (text == null) {
                failures.add(cs.name() + "@" + f.offset);
                details.add(cs.name() + " " + f.kind + " at byte " + f.offset);
                continue;
            }
            ok.add(new Candidate(cs, text, ScriptPlausibility.score(cs, text), icu.getOrDefault(family(cs), 0)));
        }
        Candidate best = null;
        for (Candidate c : ok) {
            if (best == null || better(c, best)) {
                best = c;
            }
        }
        if (best == null) {
            return new Result(null, 0.0, null, failures, details);
        }
        Candidate rival = null;
        for (Candidate c : ok) {
            if (!c.text().equals(best.text()) && (rival == null || better(c, rival))) {
                rival = c;
            }
        }
        double confidence = switch (mode) {
            case ICU_ONLY -> best.icu() / 100.0;
            case PLAUSIBILITY_ONLY -> best.plausibility() - (rival == null ? 0.0 : rival.plausibility());
            case COMBINED -> (best.rank(mode) - (rival == null ? 0.0 : rival.rank(mode))) / (1.0 + ICU_WEIGHT);
        };
        return new Result(best, confidence, rival, failures, details);
    }

    private boolean better(Candidate a, Candidate b) {
        double ra = a.rank(mode);
        double rb = b.rank(mode);
        if (ra != rb) {
            return ra > rb;
        }
        if (a.text().equals(b.text())) {
            return western(a.charset()) && !western(b.charset());   // same text: no reason to call it Cyrillic or CJK
        }
        return !western(a.charset()) && western(b.charset());
    }

    /** windows-1252 and the ISO-8859 / windows-125x Latin charsets. */
    static boolean western(Charset cs) {
        String n = cs.name();
        return n.equals("windows-1252") || n.equals("ISO-8859-1") || n.equals("ISO-8859-15") || n.equals("ISO-8859-2")
                || n.equals("windows-1250") || n.equals("ISO-8859-9") || n.equals("windows-1254");
    }

    /** ICU's confidence per charset family (best match of each), from all its matches on the first {@link #ICU_BYTES}. */
    static Map<String, Integer> icuConfidences(byte[] bytes) {
        CharsetDetector d = new CharsetDetector();
        d.setText(bytes.length > ICU_BYTES ? java.util.Arrays.copyOf(bytes, ICU_BYTES) : bytes);
        Map<String, Integer> out = new HashMap<>();
        CharsetMatch[] matches = d.detectAll();
        if (matches != null) {
            for (CharsetMatch m : matches) {
                out.merge(family(m.getName()), m.getConfidence(), Math::max);
            }
        }
        return out;
    }

    /** Charsets that ICU reports under one name and Java decodes with a superset share a family. */
    static String family(Charset cs) {
        return family(cs.name());
    }

    static String family(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("GB")) {
            return "GB";
        }
        if (n.contains("BIG5") || n.endsWith("950")) {
            return "BIG5";
        }
        if (n.equals("EUC-KR") || n.endsWith("949")) {
            return "EUC-KR";
        }
        if (n.contains("SHIFT_JIS") || n.contains("31J") || n.endsWith("932")) {
            return "SHIFT_JIS";
        }
        if (n.equals("ISO-8859-1") || n.equals("WINDOWS-1252")) {
            return "LATIN1";
        }
        return n;
    }
}
