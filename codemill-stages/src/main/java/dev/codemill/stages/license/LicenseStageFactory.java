package dev.codemill.stages.license;

import dev.codemill.stage.Params;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;

import java.util.List;

/**
 * Recipe type {@code license}: parameter {@code keep} (list of licence types among
 * {@code permissive}, {@code copyleft}, {@code no_license}, {@code unknown}; default all four,
 * i.e. annotate only).
 */
public final class LicenseStageFactory implements StageFactory {
    @Override
    public String name() {
        return LicenseStage.NAME;
    }

    @Override
    public String description() {
        return "detect the repository licence (licence files vs SPDX texts, SPDX headers, package metadata), set detected_licenses and license_type, drop types not in keep";
    }

    @Override
    public Stage create(Params params) {
        List<String> keep = params.strings("keep", LicenseTypes.ALL);
        for (String k : keep) {
            if (!LicenseTypes.ALL.contains(k)) {
                throw params.error("keep", "has unknown licence type '" + k + "'; expected one of " + LicenseTypes.ALL);
            }
        }
        return new LicenseStage(keep);
    }
}
