package dev.codemill.stages.synth;

import dev.codemill.stages.analysis.fim.FimTransform;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Sentinels;
import dev.codemill.stage.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * Per-document fill-in-the-middle with random character spans ({@link FimTransform}).
 *
 * <p>Each document draws from its own generator {@link FimTransform#rngFor(long, dev.codemill.model.DocId)
 * rngFor(seed, id)}, so the outcome depends only on the recipe seed and the document id. With
 * probability {@code rate} the text is replaced by the sample and the document goes on through
 * {@link Emitter#modified} with rule {@value #RULE}, value {@code START,END} (the middle's cut
 * points in code points of the original text), limit {@code N} (the original length in code
 * points), a detail naming the mode and pieces, and the annotations {@link Keys#FIM_MODE}
 * ({@code psm}/{@code spm}), {@link Keys#FIM_MIDDLE_START}, {@link Keys#FIM_MIDDLE_END} and
 * {@link Keys#FIM_SENTINELS} (the UTF-16 spans of the three sentinels it inserted, which the
 * token formats encode as special ids when the tokenizer has them).
 *
 * <p>A document that is not selected is escaped exactly like the pieces of a sample
 * ({@link FimTransform#escape}: the escape code point after the first character of every
 * sentinel occurrence, escape code points doubled): when that changes the text it goes on through
 * {@link Emitter#modified} with rule {@value #RULE_ESCAPE}, value the number of escapes; otherwise,
 * and for an empty or undecoded document, it is kept unchanged. So raw sentinel strings never
 * reach the output unescaped, whichever documents the rate picks.
 *
 * <p>A modification, not a derivation: the sample is the same document rearranged (one in, one
 * out, same id and annotations, {@link FimTransform#reassemble} gives the text back), as
 * StarCoder applies FIM in place. Run as a branch ({@code --fim}: {@code {name: fim, stages:
 * [{type: fim}]}}), it writes every document it is fed to {@code OUT/fim/}
 * ({@code docs/architecture.md}, "Emit and branches").
 */
public final class FimStage implements DocStage, Explainable, Sentinels {
    /** Recipe type. */
    public static final String NAME = "fim";
    /** Ledger rule of a transformed document. */
    public static final String RULE = "fim";
    /** Ledger rule of a document not transformed but whose sentinel strings (or escape code points) were escaped. */
    public static final String RULE_ESCAPE = "fim_escape";

    private final FimTransform transform;
    private final long seed;
    private final FimTransform.Spans spans;

    public FimStage(FimTransform transform, long seed) {
        this(transform, seed, FimTransform.Spans.RANDOM);
    }

    /**
     * @param spans {@link FimTransform.Spans#RANDOM} (default) or {@link FimTransform.Spans#SYNTAX}:
     *              a whole syntax node of the document's {@link Keys#LANGUAGE} as middle
     */
    public FimStage(FimTransform transform, long seed, FimTransform.Spans spans) {
        this.transform = Objects.requireNonNull(transform, "transform");
        this.seed = seed;
        this.spans = Objects.requireNonNull(spans, "spans");
    }

    public FimTransform.Spans spans() {
        return spans;
    }

    @Override
    public String name() {
        return NAME;
    }

    public FimTransform transform() {
        return transform;
    }

    /** The three sentinels, in the order prefix, middle, suffix. */
    @Override
    public List<String> sentinels() {
        return List.of(transform.prefix(), transform.middle(), transform.suffix());
    }

    /** The sample this stage makes for {@code doc}, or null when it keeps the document unchanged. */
    public FimTransform.Sample sampleOf(Document doc) {
        if (doc.text() == null) {
            return null;
        }
        return transform.apply(doc.text(), doc.get(Keys.LANGUAGE), spans, FimTransform.rngFor(seed, doc.id()));
    }

    @Override
    public void process(Document doc, Emitter out) {
        FimTransform.Sample s = sampleOf(doc);
        if (s == null) {
            int[] count = new int[1];
            String escaped = doc.text() == null ? null : transform.escape(doc.text(), count);
            if (count[0] == 0) {
                out.keep(doc);
            } else {
                out.modified(doc.withText(escaped), new Verdict(RULE_ESCAPE, escapeDetail(count[0]),
                        Integer.toString(count[0]), "", ""));
            }
            return;
        }
        int[] spans = transform.sentinelSpans(s);
        Document changed = doc.withText(s.text())
                .with(Keys.FIM_MODE, s.mode().label())
                .with(Keys.FIM_MIDDLE_START, (long) s.middleStart())
                .with(Keys.FIM_MIDDLE_END, (long) s.middleEnd())
                .with(Keys.FIM_SENTINELS, spans[0] + "-" + spans[1] + "," + spans[2] + "-" + spans[3] + ","
                        + spans[4] + "-" + spans[5]);
        out.modified(changed, new Verdict(RULE, detail(s), s.middleStart() + "," + s.middleEnd(),
                Integer.toString(s.codePoints()), ""));
    }

    static String detail(FimTransform.Sample s) {
        return s.mode().label() + ": prefix [0," + s.middleStart() + ") middle [" + s.middleStart() + ","
                + s.middleEnd() + ") suffix [" + s.middleEnd() + "," + s.codePoints() + ") code points"
                + (s.escaped() == 0 ? "" : "; " + s.escaped() + " sentinel/escape occurrence(s) escaped");
    }

    static String escapeDetail(int n) {
        return "not selected for FIM; " + n + " sentinel/escape occurrence(s) escaped";
    }

    /** One check {@value #RULE}: passed when the document is kept unchanged; value = cuts or {@code none}. */
    @Override
    public List<Check> explain(Document doc) {
        FimTransform.Sample s = sampleOf(doc);
        String limit = "rate=" + Check.format(transform.rate()) + " spm_rate=" + Check.format(transform.spmRate());
        if (s == null) {
            int[] count = new int[1];
            if (doc.text() != null) {
                transform.escape(doc.text(), count);
            }
            return List.of(new Check(RULE, true, "none", limit, count[0] == 0 ? "not selected for FIM (kept unchanged)"
                    : escapeDetail(count[0])));
        }
        return List.of(new Check(RULE, false, s.middleStart() + "," + s.middleEnd(), limit, detail(s)));
    }
}
