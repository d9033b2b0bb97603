package dev.codemill.stages.license;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Licence evidence an input dump carries on a document (The Stack v2 columns, kept by the JSONL
 * and Parquet readers): {@code detected_licenses} (every licence ScanCode found in the
 * repository: all apply, AND), {@code gha_license_id} (GitHub's licence of the repository;
 * {@code NOASSERTION}/{@code other}/{@code none} state nothing) and {@code license_type} (a type
 * only; {@code no_license} states nothing). Values go through the same {@link LicenseNames} /
 * {@link SpdxExpression} evaluation as every other source; an id that does not map is kept as
 * {@code LicenseRef-…} (type {@code unknown}), never dropped.
 */
public final class DumpLicense {
    private DumpLicense() {
    }

    /** The dump's evidence on {@code doc}, in the order detected_licenses, gha_license_id, license_type; empty when none. */
    public static List<LicenseEvidence> of(Document doc) {
        List<LicenseEvidence> out = new ArrayList<>();
        List<String> detected = doc.get(Keys.DETECTED_LICENSES);
        if (detected != null && !detected.isEmpty()) {
            List<SpdxExpression> parts = new ArrayList<>();
            for (String id : detected) {
                parts.add(expression(id));
            }
            SpdxExpression e = SpdxExpression.and(parts);
            if (e != null) {
                out.add(LicenseEvidence.of(LicenseEvidence.DUMP, Keys.DETECTED_LICENSES.name(), e, ""));
            }
        }
        String gha = doc.get(Keys.GHA_LICENSE_ID);
        if (gha != null && !gha.isBlank() && !isNoAssertion(gha)) {
            out.add(LicenseEvidence.of(LicenseEvidence.DUMP, Keys.GHA_LICENSE_ID.name(), expression(gha), ""));
        }
        String type = doc.get(Keys.LICENSE_TYPE);
        if (type != null && LicenseTypes.ALL.contains(type) && !type.equals(LicenseTypes.NO_LICENSE)) {
            out.add(new LicenseEvidence(LicenseEvidence.DUMP, Keys.LICENSE_TYPE.name(), null, type, ""));
        }
        return out;
    }

    private static boolean isNoAssertion(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("noassertion") || s.equals("other") || s.equals("none") || s.equals("null");
    }

    private static SpdxExpression expression(String raw) {
        SpdxExpression e = LicenseNames.expression(raw);
        if (e == null) {
            e = SpdxExpression.parse(raw);
        }
        if (e == null) {
            e = SpdxExpression.ofId("LicenseRef-" + raw.trim().replaceAll("[^A-Za-z0-9.]+", "-"));
        }
        return e;
    }
}
