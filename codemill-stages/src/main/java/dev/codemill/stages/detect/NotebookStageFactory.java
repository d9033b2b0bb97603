package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.LanguageTable;
import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;

/**
 * Builds the {@code notebook} stage ({@link NotebookStage}).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code keep_markdown} (boolean, default {@code false}: code only, as The Stack's and
 *       StarCoder's notebook-to-script conversion): when true, markdown cells become line comments
 *       before the next code cell (case C13).</li>
 * </ul>
 */
public final class NotebookStageFactory implements StageFactory {
    public static final String NAME = "notebook";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Turns .ipynb documents into the code of their code cells (language from the kernel); "
                + "drops bad_notebook / no_code_cells";
    }

    @Override
    public Stage create(Params params) {
        return new NotebookStage(params.bool("keep_markdown", false), LanguageTable.defaults());
    }
}
