package dev.codemill.stages.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Licences declared in the package manifests of the major ecosystems, each parsed with a real
 * parser where the format has one (jackson-databind for JSON, jackson-dataformat-toml and
 * jackson-dataformat-xml), and every value normalised by {@link LicenseNames#expression}:
 * <ul>
 *   <li>{@code package.json} (npm): {@code "license"} (SPDX expression, or legacy
 *       {@code {"type": …}}), legacy {@code "licenses": [...]} (alternatives, OR);</li>
 *   <li>{@code composer.json}: {@code "license"} string or array (an array is a choice, OR, as
 *       Composer documents);</li>
 *   <li>{@code Cargo.toml}: {@code [package] license} (SPDX expression; the old {@code MIT/Apache-2.0}
 *       form is OR); {@code license-file} is noted;</li>
 *   <li>{@code pyproject.toml}: {@code [project] license} as a string (PEP 639 expression) or a
 *       table ({@code text}; {@code file} is noted), {@code license-expression}, else the
 *       {@code License ::} classifiers; {@code [tool.poetry] license};</li>
 *   <li>{@code setup.cfg}: {@code [metadata] license}, else its classifiers;
 *       {@code setup.py}: a {@code license=} keyword string, else {@code License ::} classifier strings;</li>
 *   <li>{@code pom.xml}: {@code <licenses><license>} {@code name} (or {@code url}); several are
 *       alternatives (OR), as the Maven POM reference says;</li>
 *   <li>{@code *.gemspec}: {@code .license = '…'} or {@code .licenses = [...]} (OR);</li>
 *   <li>{@code *.nuspec}: {@code <license type="expression">}; {@code type="file"} is noted;
 *       legacy {@code <licenseUrl>} mapped through the URL table;</li>
 *   <li>{@code go.mod}: the format has no licence field; noted as such.</li>
 * </ul>
 */
public final class PackageMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TomlMapper TOML = new TomlMapper();
    private static final XmlMapper XML = new XmlMapper();

    /**
     * What one manifest declares.
     *
     * @param expression the declared licence, null when none
     * @param note       a remark recorded as evidence when there is no expression (e.g.
     *                   {@code no licence field}, {@code license-file LICENSE}); empty otherwise
     */
    public record Declared(SpdxExpression expression, String note) {
        static final Declared NONE = new Declared(null, "no licence field");

        static Declared of(SpdxExpression e, String noteIfNone) {
            return e != null ? new Declared(e, "") : new Declared(null, noteIfNone);
        }
    }

    private static final Pattern CFG_LICENSE = Pattern.compile("(?m)^license\\s*[=:]\\s*(.+?)\\s*$");
    private static final Pattern CFG_CLASSIFIERS = Pattern.compile("(?m)^classifiers\\s*[=:]\\s*\\n((?:[ \\t]+.*\\n?)+)");
    private static final Pattern PY_LICENSE = Pattern.compile("(?<![\\w.])license\\s*=\\s*(?:\"([^\"\\n]*)\"|'([^'\\n]*)')");
    private static final Pattern PY_CLASSIFIER = Pattern.compile("[\"'](License\\s*::[^\"'\\n]*)[\"']");
    private static final Pattern GEM_LICENSE = Pattern.compile(
            "(?m)^\\s*\\w+\\.license\\s*=\\s*(?:\"([^\"\\n]*)\"|'([^'\\n]*)')");
    private static final Pattern GEM_LICENSES = Pattern.compile("(?m)^\\s*\\w+\\.licenses\\s*=\\s*(?:\\[([^\\]]*)\\]|%w\\[([^\\]]*)\\])");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'");

    private PackageMetadata() {
    }

    /** Whether a file name is a manifest this class reads. */
    public static boolean isMetadataFile(String fileName) {
        return switch (fileName) {
            case "package.json", "composer.json", "Cargo.toml", "pyproject.toml", "setup.cfg", "setup.py", "pom.xml",
                    "go.mod" -> true;
            default -> fileName.endsWith(".gemspec") || fileName.endsWith(".nuspec");
        };
    }

    /** The SPDX ids a manifest declares (file kind chosen by {@code fileName}); empty when none. */
    public static List<String> licenses(String fileName, String text) {
        SpdxExpression e = read(fileName, text).expression();
        return e == null ? List.of() : e.licenses();
    }

    /** What a manifest declares; a file that does not parse declares nothing (note {@code unreadable}). */
    public static Declared read(String fileName, String text) {
        try {
            return switch (fileName) {
                case "package.json" -> packageJson(JSON.readTree(text));
                case "composer.json" -> composerJson(JSON.readTree(text));
                case "Cargo.toml" -> cargo(TOML.readTree(text));
                case "pyproject.toml" -> pyproject(TOML.readTree(text));
                case "setup.cfg" -> setupCfg(text);
                case "setup.py" -> setupPy(text);
                case "pom.xml" -> pom(XML.readTree(text));
                case "go.mod" -> new Declared(null, "go.mod has no licence field");
                default -> fileName.endsWith(".gemspec") ? gemspec(text)
                        : fileName.endsWith(".nuspec") ? nuspec(XML.readTree(text)) : Declared.NONE;
            };
        } catch (Exception e) {
            return new Declared(null, "unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Declared packageJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            return Declared.NONE;
        }
        JsonNode l = root.get("license");
        if (l != null && l.isTextual()) {
            String v = l.asText().trim();
            if (v.toUpperCase(Locale.ROOT).startsWith("SEE LICENSE IN")) {
                return new Declared(null, v);
            }
            return Declared.of(LicenseNames.expression(v), "license '" + v + "' not mapped");
        }
        if (l != null && l.isObject()) {
            return Declared.of(LicenseNames.expression(l.path("type").asText("")), "license type not mapped");
        }
        JsonNode ls = root.get("licenses");
        if (ls != null && ls.isArray()) {
            List<SpdxExpression> es = new ArrayList<>();
            for (JsonNode x : ls) {
                es.add(LicenseNames.expression(x.isTextual() ? x.asText() : x.path("type").asText("")));
            }
            return Declared.of(SpdxExpression.or(es), "licenses not mapped");
        }
        return Declared.NONE;
    }

    private static Declared composerJson(JsonNode root) {
        JsonNode l = root == null ? null : root.get("license");
        if (l == null) {
            return Declared.NONE;
        }
        if (l.isArray()) {
            List<SpdxExpression> es = new ArrayList<>();
            l.forEach(x -> es.add(LicenseNames.expression(x.asText(""))));
            return Declared.of(SpdxExpression.or(es), "license not mapped");
        }
        return Declared.of(LicenseNames.expression(l.asText("")), "license '" + l.asText("") + "' not mapped");
    }

    private static Declared cargo(JsonNode root) {
        JsonNode pkg = root.path("package");
        JsonNode l = pkg.get("license");
        if (l != null && l.isTextual()) {
            return Declared.of(LicenseNames.expression(l.asText()), "license '" + l.asText() + "' not mapped");
        }
        if (l != null && l.path("workspace").asBoolean(false)) {
            return new Declared(null, "license.workspace = true (the workspace root's licence)");
        }
        if (pkg.hasNonNull("license-file")) {
            return new Declared(null, "license-file " + pkg.get("license-file").asText());
        }
        JsonNode ws = root.path("workspace").path("package").get("license");
        if (ws != null && ws.isTextual()) {
            return Declared.of(LicenseNames.expression(ws.asText()), "workspace license not mapped");
        }
        return Declared.NONE;
    }

    private static Declared pyproject(JsonNode root) {
        JsonNode project = root.path("project");
        JsonNode expr = project.get("license-expression");
        if (expr != null && expr.isTextual()) {
            return Declared.of(LicenseNames.expression(expr.asText()), "license-expression not mapped");
        }
        JsonNode l = project.get("license");
        String note = "no licence field";
        if (l != null && l.isTextual()) {
            SpdxExpression e = LicenseNames.expression(l.asText());
            if (e != null) {
                return new Declared(e, "");
            }
            note = "license '" + l.asText() + "' not mapped";
        } else if (l != null && l.isObject()) {
            if (l.hasNonNull("text")) {
                SpdxExpression e = LicenseNames.expression(l.get("text").asText());
                if (e != null) {
                    return new Declared(e, "");
                }
                note = "license text not mapped";
            } else if (l.hasNonNull("file")) {
                note = "license file " + l.get("file").asText();
            }
        }
        List<String> cls = new ArrayList<>();
        project.path("classifiers").forEach(c -> cls.add(c.asText("")));
        SpdxExpression fromClassifiers = LicenseNames.classifiers(cls);
        if (fromClassifiers != null) {
            return new Declared(fromClassifiers, "");
        }
        JsonNode poetry = root.path("tool").path("poetry").get("license");
        if (poetry != null && poetry.isTextual()) {
            return Declared.of(LicenseNames.expression(poetry.asText()), "tool.poetry license not mapped");
        }
        return new Declared(null, note);
    }

    private static Declared setupCfg(String text) {
        int meta = text.indexOf("[metadata]");
        if (meta < 0) {
            return Declared.NONE;
        }
        int next = text.indexOf("\n[", meta + 1);
        String section = text.substring(meta, next < 0 ? text.length() : next);
        Matcher m = CFG_LICENSE.matcher(section);
        if (m.find()) {
            SpdxExpression e = LicenseNames.expression(m.group(1));
            if (e != null) {
                return new Declared(e, "");
            }
        }
        Matcher c = CFG_CLASSIFIERS.matcher(section);
        if (c.find()) {
            return Declared.of(LicenseNames.classifiers(List.of(c.group(1).split("\\n"))), "license not mapped");
        }
        return m.find(0) ? new Declared(null, "license '" + m.group(1) + "' not mapped") : Declared.NONE;
    }

    private static Declared setupPy(String text) {
        Matcher m = PY_LICENSE.matcher(text);
        if (m.find()) {
            String v = m.group(1) != null ? m.group(1) : m.group(2);
            SpdxExpression e = LicenseNames.expression(v);
            if (e != null) {
                return new Declared(e, "");
            }
        }
        List<String> cls = new ArrayList<>();
        Matcher c = PY_CLASSIFIER.matcher(text);
        while (c.find()) {
            cls.add(c.group(1));
        }
        return Declared.of(LicenseNames.classifiers(cls), "no licence keyword");
    }

    private static Declared pom(JsonNode root) {
        JsonNode licenses = root.path("licenses").get("license");
        if (licenses == null) {
            return Declared.NONE;
        }
        List<SpdxExpression> es = new ArrayList<>();
        for (JsonNode l : licenses.isArray() ? licenses : List.of(licenses)) {
            SpdxExpression e = LicenseNames.expression(l.path("name").asText(""));
            if (e == null && l.hasNonNull("url")) {
                String id = LicenseNames.fromUrl(l.get("url").asText().trim());
                e = id == null ? null : SpdxExpression.parse(id);
            }
            es.add(e);
        }
        return Declared.of(SpdxExpression.or(es), "licenses not mapped");
    }

    private static Declared gemspec(String text) {
        Matcher one = GEM_LICENSE.matcher(text);
        if (one.find()) {
            String v = one.group(1) != null ? one.group(1) : one.group(2);
            return Declared.of(LicenseNames.expression(v), "license '" + v + "' not mapped");
        }
        Matcher many = GEM_LICENSES.matcher(text);
        if (many.find()) {
            List<SpdxExpression> es = new ArrayList<>();
            if (many.group(1) != null) {
                Matcher q = QUOTED.matcher(many.group(1));
                while (q.find()) {
                    es.add(LicenseNames.expression(q.group(1) != null ? q.group(1) : q.group(2)));
                }
            } else {
                for (String w : many.group(2).trim().split("\\s+")) {
                    es.add(LicenseNames.expression(w));
                }
            }
            return Declared.of(SpdxExpression.or(es), "licenses not mapped");
        }
        return Declared.NONE;
    }

    private static Declared nuspec(JsonNode root) {
        JsonNode meta = root.path("metadata");
        JsonNode l = meta.get("license");
        if (l != null) {
            String type = l.path("type").asText("");
            String value = l.isTextual() ? l.asText() : l.path("").asText("");
            if (type.equals("file")) {
                return new Declared(null, "license file " + value);
            }
            return Declared.of(LicenseNames.expression(value), "license '" + value + "' not mapped");
        }
        JsonNode url = meta.get("licenseUrl");
        if (url != null) {
            String id = LicenseNames.fromUrl(url.asText().trim());
            return Declared.of(id == null ? null : SpdxExpression.parse(id), "licenseUrl not mapped");
        }
        return Declared.NONE;
    }
}
