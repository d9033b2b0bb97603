package dev.codemill.stages.stats;

import dev.codemill.stages.analysis.lex.LineCounts;
import dev.codemill.stages.analysis.text.LineStats;
import dev.codemill.stages.analysis.lex.LineLexer;
import dev.codemill.model.Annotations;
import dev.codemill.model.Document;
import dev.codemill.model.Key;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Annotates every decoded document with its per-file statistics ({@link LineStats}) and its
 * code/comment/blank line counts ({@link LineLexer}); never drops. Sets {@link Keys#LENGTH_BYTES}
 * (UTF-8 length of the text, only when the decode stage has not set the original size),
 * {@link Keys#NUM_LINES}, {@link Keys#MAX_LINE_LENGTH}, {@link Keys#AVG_LINE_LENGTH},
 * {@link Keys#ALPHANUM_FRACTION}, {@link Keys#CODE_LINES}, {@link Keys#COMMENT_LINES},
 * {@link Keys#BLANK_LINES}, {@link #LINE_COUNTS_EXACT} and, only when the counts are exact (the
 * language has a {@link SyntaxTable} entry), {@link Keys#COMMENT_CHARS}
 * ({@link LineCounts#commentChars()}).
 *
 * <p>The language comes from {@link Keys#LANGUAGE} (linguist spelling); a document without a
 * language, or in a language {@link SyntaxTable} does not know, gets blank vs non-blank counts
 * only and {@code line_counts_exact=false}. A document that is still undecoded bytes is
 * quarantined with rule {@code not_decoded} (the recipe must run {@code decode} first).
 */
public final class StatsStage implements DocStage, Explainable {
    /**
     * Whether code/comment counts come from a language syntax entry (true) or from blank vs
     * non-blank only (false). Defined here, not in {@code Keys}, until core adopts it.
     */
    public static final Key<Boolean> LINE_COUNTS_EXACT = Key.of("line_counts_exact", Boolean.class);

    /** False: annotates only (quarantines only undecoded bytes). */
    @Override
    public boolean mayDropDocuments() {
        return false;
    }

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (!doc.isDecoded()) {
            out.quarantine(doc, Verdict.of("not_decoded", "stats needs decoded text; run the decode stage before stats"));
            return;
        }
        String text = doc.text();
        LineStats fs = LineStats.of(text);
        LineCounts lc = LineLexer.classify(text, doc.get(Keys.LANGUAGE));
        Map<String, Object> m = new HashMap<>(doc.annotations().asMap());
        if (!doc.annotations().has(Keys.LENGTH_BYTES)) {
            m.put(Keys.LENGTH_BYTES.name(), fs.utf8Bytes());
        }
        m.put(Keys.NUM_LINES.name(), fs.numLines());
        m.put(Keys.MAX_LINE_LENGTH.name(), fs.maxLineLength());
        m.put(Keys.AVG_LINE_LENGTH.name(), fs.avgLineLength());
        m.put(Keys.ALPHANUM_FRACTION.name(), fs.alphanumFraction());
        m.put(Keys.CODE_LINES.name(), lc.code());
        m.put(Keys.COMMENT_LINES.name(), lc.comment());
        m.put(Keys.BLANK_LINES.name(), lc.blank());
        m.put(LINE_COUNTS_EXACT.name(), lc.exact());
        if (lc.exact()) {
            m.put(Keys.COMMENT_CHARS.name(), lc.commentChars());
        } else {
            m.remove(Keys.COMMENT_CHARS.name()); // a stale count from an earlier run must not survive
        }
        out.keep(doc.withAnnotations(Annotations.ofRaw(m)));
    }

    /** The measured values as passed checks (this stage has no thresholds). */
    @Override
    public List<Check> explain(Document doc) {
        if (!doc.isDecoded()) {
            return List.of(Check.fail("not_decoded", "bytes", "text", "stats needs decoded text"));
        }
        LineStats fs = LineStats.of(doc.text());
        String language = doc.get(Keys.LANGUAGE);
        LineCounts lc = LineLexer.classify(doc.text(), language);
        String how = lc.exact() ? "lexed as " + language : "no syntax entry for " + (language == null ? "unknown language" : language)
                + ": blank vs non-blank only";
        List<Check> checks = new ArrayList<>(List.of(
                Check.pass(Keys.NUM_LINES.name(), fs.numLines(), "", "lines, \\n-separated"),
                Check.pass(Keys.MAX_LINE_LENGTH.name(), fs.maxLineLength(), "", "longest line in code points"),
                Check.pass(Keys.AVG_LINE_LENGTH.name(), fs.avgLineLength(), "", "mean line length in code points"),
                Check.pass(Keys.ALPHANUM_FRACTION.name(), fs.alphanumFraction(), "", "letter-or-digit code points / all code points"),
                Check.pass(Keys.CODE_LINES.name(), lc.code(), "", how),
                Check.pass(Keys.COMMENT_LINES.name(), lc.comment(), "", how),
                Check.pass(Keys.BLANK_LINES.name(), lc.blank(), "", "whitespace-only lines"),
                Check.pass(LINE_COUNTS_EXACT.name(), lc.exact(), "", how)));
        if (lc.exact()) {
            checks.add(Check.pass(Keys.COMMENT_CHARS.name(), lc.commentChars(), "",
                    "code points inside comments and docstrings, markers included; " + how));
        }
        return List.copyOf(checks);
    }
}
