package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
import dev.codemill.model.Annotations;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Check;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Explainable;
import dev.codemill.stage.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * The {@code notebook} stage (case C13): a decoded {@code .ipynb} document becomes the code of its
 * code cells ({@link NotebookExtractor}); it is emitted through {@link Emitter#modified} with rule
 * {@value #RULE_MODIFIED} (value: number of code cells) so the ledger records the change.
 * Sets {@link Keys#LANGUAGE} from the kernel language mapped to a linguist name
 * ({@code python} → {@code Python}; {@value LanguageTable#UNKNOWN} when it maps to none),
 * {@link Keys#LANGUAGE_EVIDENCE} {@value LanguageStage#NOTEBOOK_EVIDENCE}, {@link Keys#LANGUAGE_TYPE}
 * and {@link Keys#SUBTYPE} {@value #SUBTYPE}.
 *
 * <p>Drops: JSON that does not parse or is no notebook → {@value #RULE_BAD}; no non-blank code cell →
 * {@value #RULE_NO_CODE}. Other documents are kept unchanged. Run it before {@code language} and the
 * line filters, so they see the extracted code, not the JSON.
 */
public final class NotebookStage implements DocStage, Explainable {
    public static final String RULE_MODIFIED = "notebook_code_cells";
    public static final String RULE_BAD = "bad_notebook";
    public static final String RULE_NO_CODE = "no_code_cells";
    public static final String SUBTYPE = "notebook";

    private final boolean keepMarkdown;
    private final LanguageTable table;

    public NotebookStage(boolean keepMarkdown, LanguageTable table) {
        this.keepMarkdown = keepMarkdown;
        this.table = table;
    }

    /** False: transforms .ipynb files; drops only notebooks without code cells (never licence evidence). */
    @Override
    public boolean mayDropDocuments() {
        return false;
    }

    @Override
    public String name() {
        return NotebookStageFactory.NAME;
    }

    /** Whether the document is a notebook: its path ends with {@code .ipynb} (any case). */
    public static boolean isNotebook(Document doc) {
        return doc.source().path().toLowerCase(Locale.ROOT).endsWith(".ipynb");
    }

    @Override
    public void process(Document doc, Emitter out) {
        if (!doc.isDecoded() || !isNotebook(doc)) {
            out.keep(doc);
            return;
        }
        NotebookExtractor.Extracted x;
        try {
            x = NotebookExtractor.extract(doc.text(), keepMarkdown, null, table);
        } catch (NotebookExtractor.BadNotebookException e) {
            out.drop(doc, Verdict.of(RULE_BAD, e.getMessage()));
            return;
        }
        if (x.codeCells() == 0) {
            out.drop(doc, Verdict.of(RULE_NO_CODE, "notebook has " + x.totalCells() + " cells, none of them non-blank code",
                    0L, ">= 1"));
            return;
        }
        LanguageTable.Language lang = x.kernelLanguage() == null ? null : table.byAlias(x.kernelLanguage());
        String name = lang == null ? LanguageTable.UNKNOWN : lang.name();
        Annotations a = doc.annotations()
                .with(Keys.LANGUAGE, name)
                .with(Keys.LANGUAGE_EVIDENCE, LanguageStage.NOTEBOOK_EVIDENCE)
                .with(Keys.LANGUAGE_TYPE, lang == null ? null : lang.type())
                .with(Keys.SUBTYPE, SUBTYPE);
        Document changed = doc.withText(x.code()).withAnnotations(a);
        out.modified(changed, Verdict.of(RULE_MODIFIED,
                "kept " + x.codeCells() + " code cells of " + x.totalCells() + " cells"
                        + (keepMarkdown ? " (markdown as comments)" : "") + "; kernel language "
                        + (x.kernelLanguage() == null ? "not declared" : x.kernelLanguage()),
                (long) x.codeCells(), ""));
    }

    @Override
    public List<Check> explain(Document doc) {
        if (!doc.isDecoded() || !isNotebook(doc)) {
            return List.of(Check.pass("notebook", "not a notebook", "", "kept unchanged"));
        }
        try {
            NotebookExtractor.Extracted x = NotebookExtractor.extract(doc.text(), keepMarkdown, null, table);
            return List.of(Check.pass(RULE_BAD, "parses", "", "valid notebook JSON, " + x.totalCells() + " cells"),
                    x.codeCells() > 0
                            ? Check.pass(RULE_NO_CODE, (long) x.codeCells(), ">= 1", "code cells kept")
                            : Check.fail(RULE_NO_CODE, 0L, ">= 1", "no non-blank code cell"));
        } catch (NotebookExtractor.BadNotebookException e) {
            return List.of(Check.fail(RULE_BAD, "does not parse", "", e.getMessage()));
        }
    }
}
