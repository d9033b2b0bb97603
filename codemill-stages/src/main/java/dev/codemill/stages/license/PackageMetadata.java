package dev.codemill.stages.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Licences declared in package metadata: {@code package.json} ({@code "license"} as a string
 * expression or {@code {"type": …}}, legacy {@code "licenses": [{"type": …}]}), {@code pom.xml}
 * ({@code <licenses><license><name>} or {@code <url>}), {@code setup.cfg} ({@code license =} in
 * {@code [metadata]}) and {@code pyproject.toml} ({@code license = "…"} or
 * {@code license = {text = "…"}}, PEP 621/639). Free-text names and URLs are mapped to SPDX ids
 * by a small table ({@link #NAMES}, {@link #URLS}); values that are neither an SPDX expression nor
 * in the table give nothing.
 */
public final class PackageMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();
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
                {"gnu affero general public license v3 0", "AGPL-3.0-only"},
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

    private static final Pattern POM_LICENSE = Pattern.compile("(?s)<license>(.*?)</license>");
    private static final Pattern POM_LICENSES = Pattern.compile("(?s)<licenses>(.*?)</licenses>");
    private static final Pattern POM_NAME = Pattern.compile("(?s)<name>\\s*(.*?)\\s*</name>");
    private static final Pattern POM_URL = Pattern.compile("(?s)<url>\\s*(.*?)\\s*</url>");
    private static final Pattern CFG_LICENSE = Pattern.compile("(?m)^license\\s*[=:]\\s*(.+?)\\s*$");
    private static final Pattern TOML_LICENSE = Pattern.compile(
            "(?m)^license\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|\\{[^}]*?text\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'))");

    private PackageMetadata() {
    }

    /** Whether a file name is a metadata file this class reads. */
    public static boolean isMetadataFile(String fileName) {
        return switch (fileName) {
            case "package.json", "pom.xml", "setup.cfg", "pyproject.toml" -> true;
            default -> false;
        };
    }

    /** The SPDX ids a metadata file declares (file kind chosen by {@code fileName}); empty when none. */
    public static List<String> licenses(String fileName, String text) {
        List<String> out = new ArrayList<>();
        switch (fileName) {
            case "package.json" -> packageJson(text, out);
            case "pom.xml" -> pom(text, out);
            case "setup.cfg" -> {
                int meta = text.indexOf("[metadata]");
                if (meta >= 0) {
                    int next = text.indexOf("\n[", meta + 1);
                    Matcher m = CFG_LICENSE.matcher(text.substring(meta, next < 0 ? text.length() : next));
                    if (m.find()) {
                        add(m.group(1), out);
                    }
                }
            }
            case "pyproject.toml" -> {
                Matcher m = TOML_LICENSE.matcher(text);
                if (m.find()) {
                    for (int g = 1; g <= 4; g++) {
                        if (m.group(g) != null) {
                            add(m.group(g), out);
                        }
                    }
                }
            }
            default -> {
            }
        }
        return out.stream().distinct().toList();
    }

    private static void packageJson(String text, List<String> out) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        if (root == null || !root.isObject()) {
            return;
        }
        JsonNode l = root.get("license");
        if (l != null && l.isTextual()) {
            add(l.asText(), out);
        } else if (l != null && l.isObject()) {
            add(l.path("type").asText(""), out);
        }
        JsonNode ls = root.get("licenses");
        if (ls != null && ls.isArray()) {
            for (JsonNode x : ls) {
                add(x.isTextual() ? x.asText() : x.path("type").asText(""), out);
            }
        }
    }

    private static void pom(String text, List<String> out) {
        Matcher block = POM_LICENSES.matcher(text);
        if (!block.find()) {
            return;
        }
        Matcher m = POM_LICENSE.matcher(block.group(1));
        while (m.find()) {
            int before = out.size();
            Matcher name = POM_NAME.matcher(m.group(1));
            if (name.find()) {
                add(name.group(1), out);
            }
            Matcher url = POM_URL.matcher(m.group(1));
            if (out.size() == before && url.find()) {
                String id = fromUrl(url.group(1));
                if (id != null) {
                    out.add(id);
                }
            }
        }
    }

    /** Adds the ids of a declared value: an SPDX expression of known ids, else a table name; nothing otherwise. */
    static void add(String value, List<String> out) {
        String v = value.trim();
        if (v.isEmpty()) {
            return;
        }
        SpdxExpression e = SpdxExpression.parse(v);
        if (e != null && e.licenses().stream().allMatch(PackageMetadata::known)) {
            out.addAll(e.licenses());
            return;
        }
        String key = v.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        String id = NAMES.get(key);
        if (id == null) {
            id = fromUrl(v);
        }
        if (id != null) {
            out.add(id);
        }
    }

    private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s\"'<>()]+");
    /** Longest licence file read as a reference notice, characters (full licence texts are longer). */
    static final int MAX_REFERENCE_CHARS = 2000;

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

    private static boolean known(String id) {
        String base = id.contains(" WITH ") ? id.substring(0, id.indexOf(" WITH ")) : id;
        base = base.endsWith("+") ? base.substring(0, base.length() - 1) : base;
        return SpdxLicenseList.get().byId(base) != null || base.startsWith("LicenseRef-");
    }

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
