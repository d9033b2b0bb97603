package dev.codemill.stages.license;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Declared licence values (manifest fields, README lines, dump columns, Python classifiers) to
 * {@link SpdxExpression}s. In order, {@link #expression} tries: a well-formed SPDX expression of
 * known ids ({@code MIT OR Apache-2.0}, {@code GPL-2.0+}, {@code LicenseRef-x}); the whole value as
 * a free-text name ({@link #NAMES}, lower case, punctuation folded to spaces: "The Apache
 * Software License, Version 2.0") or a licence URL ({@link #URLS}); then shorthands split into
 * parts that each map: {@code /} and {@code or} give {@code OR} (Cargo's old {@code MIT/Apache-2.0}
 * meant a choice), {@code and} gives {@code AND}. Anything else gives null: an unmapped name is
 * never guessed. npm's {@code UNLICENSED} and Composer's {@code proprietary} map to
 * {@code LicenseRef-UNLICENSED} / {@code LicenseRef-Proprietary} (type {@code unknown}: a
 * declaration that the code is not openly licensed).
 */
public final class LicenseNames {
    /** Common free-text licence names (lower case, punctuation folded to spaces) → SPDX id. */
    static final Map<String, String> NAMES = new LinkedHashMap<>();
    /** URL fragments (lower case, without scheme) → SPDX id; the first fragment contained wins. */
    static final Map<String, String> URLS = new LinkedHashMap<>();

    static {
        String[][] names = {
                {"apache 2", "Apache-2.0"}, {"apache 2 0", "Apache-2.0"}, {"apache license 2 0", "Apache-2.0"},
                {"apache license version 2 0", "Apache-2.0"}, {"the apache license version 2 0", "Apache-2.0"},
                {"the apache software license version 2 0", "Apache-2.0"}, {"apache software license", "Apache-2.0"},
                {"apache software license 2 0", "Apache-2.0"}, {"asl 2 0", "Apache-2.0"}, {"al2", "Apache-2.0"},
                {"mit", "MIT"}, {"mit license", "MIT"}, {"the mit license", "MIT"}, {"expat", "MIT"},
                {"bsd", "BSD-3-Clause"}, {"new bsd", "BSD-3-Clause"}, {"new bsd license", "BSD-3-Clause"},
                {"bsd license", "BSD-3-Clause"}, {"bsd 3 clause", "BSD-3-Clause"}, {"revised bsd", "BSD-3-Clause"},
                {"the bsd license", "BSD-3-Clause"}, {"bsd 2 clause", "BSD-2-Clause"}, {"simplified bsd", "BSD-2-Clause"},
                {"bsd 2 clause license", "BSD-2-Clause"}, {"the bsd 2 clause license", "BSD-2-Clause"},
                {"simplified bsd license", "BSD-2-Clause"}, {"bsd 3 clause license", "BSD-3-Clause"},
                {"the bsd 3 clause license", "BSD-3-Clause"}, {"the new bsd license", "BSD-3-Clause"},
                {"eclipse public license 1 0", "EPL-1.0"}, {"eclipse public license v1 0", "EPL-1.0"},
                {"eclipse public license 2 0", "EPL-2.0"}, {"eclipse public license v2 0", "EPL-2.0"},
                {"eclipse distribution license v1 0", "BSD-3-Clause"},
                {"gpl", "GPL-2.0-or-later"}, {"gplv2", "GPL-2.0-only"}, {"gplv3", "GPL-3.0-only"},
                {"gnu general public license v2 0", "GPL-2.0-only"}, {"gnu general public license version 2", "GPL-2.0-only"},
                {"gnu general public license v3 0", "GPL-3.0-only"}, {"gnu general public license version 3", "GPL-3.0-only"},
                {"gnu general public license v3", "GPL-3.0-only"}, {"gnu general public license v2", "GPL-2.0-only"},
                {"lgpl", "LGPL-2.1-or-later"}, {"lgplv3", "LGPL-3.0-only"}, {"lgplv2 1", "LGPL-2.1-only"},
                {"gnu lesser general public license", "LGPL-2.1-or-later"},
                {"gnu lesser general public license v2 1", "LGPL-2.1-only"}, {"gnu lesser general public license version 2 1", "LGPL-2.1-only"},
                {"gnu lesser general public license v3 0", "LGPL-3.0-only"}, {"gnu lesser general public license version 3", "LGPL-3.0-only"},
                {"mozilla public license 2 0", "MPL-2.0"}, {"mozilla public license version 2 0", "MPL-2.0"},
                {"mpl 2 0", "MPL-2.0"}, {"isc license", "ISC"}, {"the unlicense", "Unlicense"}, {"public domain", "Unlicense"},
                {"psf", "PSF-2.0"}, {"python software foundation license", "PSF-2.0"}, {"zlib license", "Zlib"},
                {"cddl 1 1", "CDDL-1.1"}, {"cddl 1 0", "CDDL-1.0"}, {"common development and distribution license 1 0", "CDDL-1.0"},
                {"cc0", "CC0-1.0"}, {"cc0 1 0", "CC0-1.0"}, {"boost software license 1 0", "BSL-1.0"},
                {"universal permissive license v 1 0", "UPL-1.0"}, {"affero general public license", "AGPL-3.0-only"},
                {"gnu affero general public license v3 0", "AGPL-3.0-only"}, {"gnu affero general public license v3", "AGPL-3.0-only"},
                {"gnu affero general public license v3 or later", "AGPL-3.0-or-later"}, {"agplv3", "AGPL-3.0-only"},
                {"agplv3+", "AGPL-3.0-or-later"}, {"gplv2+", "GPL-2.0-or-later"}, {"gplv3+", "GPL-3.0-or-later"},
                {"lgplv2+", "LGPL-2.0-or-later"}, {"lgplv3+", "LGPL-3.0-or-later"}, {"lgplv2", "LGPL-2.0-only"},
                {"gnu general public license v2 or later", "GPL-2.0-or-later"}, {"gnu general public license v3 or later", "GPL-3.0-or-later"},
                {"gnu general public license", "GPL-2.0-or-later"}, {"gnu gpl v3", "GPL-3.0-only"}, {"gnu gpl v2", "GPL-2.0-only"},
                {"gnu lesser general public license v2 or later", "LGPL-2.0-or-later"}, {"gnu lesser general public license v3 or later", "LGPL-3.0-or-later"},
                {"gnu lesser general public license v3", "LGPL-3.0-only"}, {"gnu lesser general public license v2", "LGPL-2.0-only"},
                {"gnu library or lesser general public license", "LGPL-2.0-or-later"},
                {"mozilla public license 2", "MPL-2.0"}, {"mozilla public license 1 1", "MPL-1.1"},
                {"isc", "ISC"}, {"iscl", "ISC"}, {"unlicense", "Unlicense"}, {"zlib", "Zlib"}, {"zlib libpng license", "Zlib"},
                {"mit no attribution license", "MIT-0"}, {"mit 0", "MIT-0"}, {"apache", "Apache-2.0"},
                {"apache license", "Apache-2.0"}, {"apache license v2 0", "Apache-2.0"}, {"apache v2", "Apache-2.0"},
                {"apache license 2", "Apache-2.0"}, {"apache2", "Apache-2.0"}, {"apache 2 0 license", "Apache-2.0"},
                {"bsd 3", "BSD-3-Clause"}, {"bsd 2", "BSD-2-Clause"}, {"3 clause bsd", "BSD-3-Clause"}, {"2 clause bsd", "BSD-2-Clause"},
                {"boost software license", "BSL-1.0"}, {"boost", "BSL-1.0"}, {"eclipse public license 2", "EPL-2.0"},
                {"european union public licence 1 2", "EUPL-1.2"}, {"eupl 1 2", "EUPL-1.2"},
                {"universal permissive license", "UPL-1.0"}, {"academic free license", "AFL-3.0"},
                {"cc0 1 0 universal", "CC0-1.0"}, {"cc0 1 0 universal cc0 1 0 public domain dedication", "CC0-1.0"},
                {"wtfpl", "WTFPL"}, {"artistic license 2 0", "Artistic-2.0"}, {"ruby", "Ruby"},
                {"unlicensed", "LicenseRef-UNLICENSED"}, {"proprietary", "LicenseRef-Proprietary"},
                {"other proprietary license", "LicenseRef-Proprietary"}, {"all rights reserved", "LicenseRef-Proprietary"},
        };
        for (String[] n : names) {
            NAMES.put(n[0], n[1]);
        }
        String[][] urls = {
                {"apache.org/licenses/license-2.0", "Apache-2.0"}, {"opensource.org/licenses/mit", "MIT"},
                {"opensource.org/license/mit", "MIT"}, {"opensource.org/licenses/bsd-3-clause", "BSD-3-Clause"},
                {"opensource.org/licenses/bsd-2-clause", "BSD-2-Clause"}, {"opensource.org/licenses/bsd-license", "BSD-2-Clause"},
                {"eclipse.org/legal/epl-2.0", "EPL-2.0"}, {"eclipse.org/legal/epl-v20", "EPL-2.0"},
                {"eclipse.org/legal/epl-v10", "EPL-1.0"}, {"eclipse.org/org/documents/edl-v10", "BSD-3-Clause"},
                {"gnu.org/licenses/lgpl-3.0", "LGPL-3.0-only"}, {"gnu.org/licenses/lgpl-2.1", "LGPL-2.1-only"},
                {"gnu.org/licenses/old-licenses/lgpl-2.1", "LGPL-2.1-only"}, {"gnu.org/licenses/agpl-3.0", "AGPL-3.0-only"},
                {"gnu.org/licenses/gpl-3.0", "GPL-3.0-only"}, {"gnu.org/licenses/old-licenses/gpl-2.0", "GPL-2.0-only"},
                {"gnu.org/licenses/gpl-2.0", "GPL-2.0-only"}, {"mozilla.org/mpl/2.0", "MPL-2.0"},
                {"creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"}, {"unlicense.org", "Unlicense"},
                {"boost.org/license_1_0", "BSL-1.0"}, {"oss.oracle.com/licenses/upl", "UPL-1.0"},
        };
        for (String[] u : urls) {
            URLS.put(u[0], u[1]);
        }
    }

    private static final Pattern SHORTHAND_OR = Pattern.compile("(?i)\\s*/\\s*|\\s+or\\s+|\\s*\\|\\s*");
    private static final Pattern SHORTHAND_AND = Pattern.compile("(?i)\\s+and\\s+|\\s*&\\s*");
    private static final Pattern PAREN = Pattern.compile("\\(([^()]+)\\)\\s*$");
    private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s\"'<>()]+");
    /** Longest licence file read as a reference notice, characters (full licence texts are longer). */
    static final int MAX_REFERENCE_CHARS = 2000;

    private LicenseNames() {
    }

    /** The expression a declared value names, or null (see class comment). */
    public static SpdxExpression expression(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1).trim();
        }
        if (v.isEmpty() || v.length() > 300) {
            return null;
        }
        SpdxExpression e = single(v);
        if (e != null) {
            return e;
        }
        String inner = v.startsWith("(") && v.endsWith(")") ? v.substring(1, v.length() - 1) : v;
        e = split(inner, SHORTHAND_OR, false);
        return e != null ? e : split(inner, SHORTHAND_AND, true);
    }

    private static SpdxExpression split(String v, Pattern sep, boolean and) {
        String[] parts = sep.split(v);
        if (parts.length < 2) {
            return null;
        }
        List<SpdxExpression> es = new ArrayList<>();
        for (String p : parts) {
            SpdxExpression e = single(p.trim());
            if (e == null) {
                return null;
            }
            es.add(e);
        }
        return and ? SpdxExpression.and(es) : SpdxExpression.or(es);
    }

    /** A value that is one SPDX expression of known ids, one table name or one licence URL. */
    private static SpdxExpression single(String v) {
        if (v.isEmpty()) {
            return null;
        }
        SpdxExpression e = SpdxExpression.parse(v);
        if (e != null && e.allKnown()) {
            return e;
        }
        String id = name(v);
        if (id == null) {
            // "GNU General Public License v3 (GPLv3)", "Eclipse Public License 2.0 (EPL-2.0)": the abbreviation
            Matcher m = PAREN.matcher(v);
            if (m.find()) {
                id = name(v.substring(0, m.start()));
                if (id == null) {
                    SpdxExpression inner = SpdxExpression.parse(m.group(1));
                    if (inner != null && inner.allKnown() && inner.licenses().size() == 1) {
                        return inner;
                    }
                    id = name(m.group(1));
                }
            }
        }
        if (id == null && v.matches("(?i)https?://\\S+")) {
            id = fromUrl(v);
        }
        return id == null ? null : SpdxExpression.parse(id);
    }

    /** The SPDX id (or {@code ID WITH EXC}) a free-text name maps to, or null. */
    static String name(String v) {
        String key = v.toLowerCase(Locale.ROOT).replace("+", " plus ").replaceAll("[^a-z0-9]+", " ").trim()
                .replace(" plus", "+").replaceAll("\\s+\\+", "+");
        key = key.replaceFirst("^(the )?(?=.)", "").replaceFirst(" licen[cs]e$", " license");
        String id = NAMES.get(key);
        if (id == null && !key.startsWith("the ")) {
            id = NAMES.get("the " + key);
        }
        if (id == null && key.endsWith(" license")) {
            id = NAMES.get(key.substring(0, key.length() - " license".length()));
        }
        return id;
    }

    /**
     * The expression of Python trove classifiers ({@code License :: OSI Approved :: MIT License});
     * several licence classifiers are alternatives (OR); null when none maps.
     */
    public static SpdxExpression classifiers(List<String> classifiers) {
        List<SpdxExpression> es = new ArrayList<>();
        for (String c : classifiers) {
            String t = c.trim();
            if (!t.startsWith("License ::")) {
                continue;
            }
            String[] segs = t.split("\\s*::\\s*");
            String last = segs[segs.length - 1];
            if (segs.length == 2 && last.equals("OSI Approved")) {
                continue;
            }
            SpdxExpression e = last.equals("Other/Proprietary License") ? SpdxExpression.ofId("LicenseRef-Proprietary")
                    : expression(last);
            if (e != null) {
                es.add(e);
            }
        }
        return SpdxExpression.or(es);
    }

    /**
     * The licence a short reference notice points to: "This copy of Stax2 API is licensed under the
     * Simplified BSD License … You may obtain a copy of the License at:
     * http://www.opensource.org/licenses/bsd-license.php" (the META-INF/LICENSE of FasterXML jars).
     * The text must be at most {@value #MAX_REFERENCE_CHARS} chars, say "licensed under" or
     * "license", and hold licence URLs ({@link #URLS}) that all map to one SPDX id; else null.
     */
    public static String referencedLicense(String text) {
        if (text == null || text.length() > MAX_REFERENCE_CHARS) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.contains("licensed under") && !lower.contains("license") && !lower.contains("licence")) {
            return null;
        }
        String id = null;
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String found = fromUrl(m.group());
            if (found == null) {
                continue;
            }
            if (id != null && !id.equals(found)) {
                return null;
            }
            id = found;
        }
        return id;
    }

    /** The SPDX id a licence URL names ({@link #URLS}), or null. */
    static String fromUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT).replaceFirst("^https?://(www\\.)?", "");
        for (Map.Entry<String, String> e : URLS.entrySet()) {
            if (u.startsWith(e.getKey()) || u.contains("/" + e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}
