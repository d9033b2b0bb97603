package dev.codemill.stages.detect;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import dev.codemill.stages.analysis.GeneratedDetector;
import dev.codemill.stages.analysis.VendorRules;

/**
 * Builds the {@code vendor} stage ({@link VendorStage}).
 *
 * <p>Parameters (defaults in brackets):
 * <ul>
 *   <li>{@code drop_vendor} [false] — drop vendored files (rule {@code vendored}). Off because
 *       vendored code is real, mostly hand-written code that The Stack v2 keeps and annotates
 *       ({@code is_vendor}); its copies across repositories are removed by exact and near dedup,
 *       and the licence stage must not give it the host repository's licence;</li>
 *   <li>{@code drop_generated} [false] — drop generated files (rule {@code generated}). Off
 *       because The Stack v2 keeps and annotates them ({@code is_generated}); the default recipe
 *       drops them later through {@code basic_filters}' {@code generated} rule, which reads this
 *       stage's {@code is_generated}.</li>
 * </ul>
 */
public final class VendorStageFactory implements StageFactory {
    @Override
    public String name() {
        return VendorStage.NAME;
    }

    @Override
    public String description() {
        return "per repository: is_vendor and is_generated with their evidence (.gitattributes linguist-vendored/"
                + "linguist-generated/-diff, vendored paths, generated names and header markers); drop_vendor, drop_generated";
    }

    @Override
    public Stage create(Params params) {
        boolean dropVendor = params.bool("drop_vendor", false);
        boolean dropGenerated = params.bool("drop_generated", false);
        return new VendorStage(VendorRules.builtIn(), GeneratedDetector.builtIn(), dropVendor, dropGenerated);
    }
}
