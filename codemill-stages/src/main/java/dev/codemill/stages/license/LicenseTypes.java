package dev.codemill.stages.license;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Licence types as in The Stack v2 ({@code license_type} column, Lozhkov et al. 2024):
 * {@code permissive}, {@code copyleft}, {@code no_license} (nothing detected) and {@code unknown}
 * (detected, but not in this table: proprietary, {@code LicenseRef-*}, Creative Commons
 * non-commercial, …). The table is a short, hand-made subset of the Blue Oak Council permissive
 * list and the FSF/OSI copyleft licences; ids are SPDX ids (a {@code -only}/{@code -or-later}
 * suffix or a trailing {@code +} is ignored).
 *
 * <p>A {@code WITH} exception does not change the type of its licence: {@code GPL-2.0-only WITH
 * Classpath-exception-2.0} is {@code copyleft} (the exception only lifts the obligation for code
 * that links against the library; The Stack v2 excludes it too).
 */
public final class LicenseTypes {
    public static final String PERMISSIVE = "permissive";
    public static final String COPYLEFT = "copyleft";
    public static final String NO_LICENSE = "no_license";
    public static final String UNKNOWN = "unknown";
    /** All four types, in this order. */
    public static final List<String> ALL = List.of(PERMISSIVE, COPYLEFT, NO_LICENSE, UNKNOWN);

    private static final Set<String> PERMISSIVE_IDS = Set.of(
            "mit", "mit-0", "x11", "mit-cmu", "isc", "0bsd", "bsd-1-clause", "bsd-2-clause", "bsd-2-clause-patent",
            "bsd-3-clause", "bsd-3-clause-clear", "bsd-4-clause", "bsd-source-code", "apache-1.0", "apache-1.1", "apache-2.0",
            "psf-2.0", "python-2.0", "unlicense", "zlib", "libpng", "libpng-2.0", "cc0-1.0", "cc-by-3.0", "cc-by-4.0",
            "blueoak-1.0.0", "wtfpl", "bsl-1.0", "upl-1.0", "ncsa", "postgresql", "artistic-2.0", "afl-3.0",
            "ms-pl", "curl", "ftl", "ijg", "openssl", "ruby", "w3c", "zpl-2.1", "hpnd", "json", "unicode-dfs-2016",
            "unicode-3.0", "x11-distribute-modifications-variant", "bsd-3-clause-attribution", "python-2.0.1", "mulanpsl-2.0");
    private static final Set<String> COPYLEFT_IDS = Set.of(
            "gpl-1.0", "gpl-2.0", "gpl-3.0", "lgpl-2.0", "lgpl-2.1", "lgpl-3.0", "agpl-1.0", "agpl-3.0",
            "mpl-1.0", "mpl-1.1", "mpl-2.0", "mpl-2.0-no-copyleft-exception", "epl-1.0", "epl-2.0", "cddl-1.0", "cddl-1.1",
            "cpl-1.0", "eupl-1.1", "eupl-1.2", "osl-3.0", "ms-rl", "cecill-2.1", "cecill-c", "sspl-1.0", "cc-by-sa-3.0",
            "cc-by-sa-4.0", "odbl-1.0", "apsl-2.0", "gfdl-1.3", "rpl-1.5");

    private LicenseTypes() {
    }

    /** The type of one SPDX licence id (exception suffix {@code WITH …} allowed); never null. */
    public static String ofId(String id) {
        String s = id.toLowerCase(Locale.ROOT).trim();
        int with = s.indexOf(" with ");
        if (with >= 0) {
            s = s.substring(0, with).trim();
        }
        if (s.endsWith("+")) {
            s = s.substring(0, s.length() - 1);
        }
        for (String suffix : List.of("-only", "-or-later")) {
            if (s.endsWith(suffix)) {
                s = s.substring(0, s.length() - suffix.length());
            }
        }
        if (PERMISSIVE_IDS.contains(s)) {
            return PERMISSIVE;
        }
        if (COPYLEFT_IDS.contains(s)) {
            return COPYLEFT;
        }
        return UNKNOWN;
    }

    /**
     * Strictness order of the types: {@code permissive} 0, {@code unknown} 1, {@code copyleft} 2
     * ({@code no_license} −1). {@link SpdxExpression}'s {@code OR} takes the least strict
     * alternative, {@code AND} the strictest part; reconciling sources that disagree keeps the
     * strictest.
     */
    public static int strictness(String type) {
        return switch (type) {
            case PERMISSIVE -> 0;
            case UNKNOWN -> 1;
            case COPYLEFT -> 2;
            default -> -1;
        };
    }

    /** The stricter of two types ({@link #strictness}). */
    public static String stricter(String a, String b) {
        return strictness(b) > strictness(a) ? b : a;
    }

    /** Type of several licences that all apply ({@code AND}); {@code no_license} for none. */
    public static String ofAll(List<String> ids) {
        String worst = NO_LICENSE;
        for (String id : ids) {
            worst = stricter(worst, ofId(id));
        }
        return worst;
    }
}
