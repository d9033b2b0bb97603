package dev.codemill.stages.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SPDX licence list (version 3.28.0, 727 ids) as shipped, offline, inside the
 * {@code org.spdx:java-spdx-library:2.0.4} jar under {@code resources/stdlicenses/}: the table of
 * contents {@code licenses.json} and one {@code <id>.json} per licence with its {@code licenseText}.
 * Only the JSON data is read (with Jackson); none of the library's classes are used.
 *
 * <p>Loaded once per JVM on first use ({@link #get()}); loading all texts takes about a second.
 */
public final class SpdxLicenseList {
    private static final String ROOT = "resources/stdlicenses/";
    private static volatile SpdxLicenseList instance;

    /**
     * One listed licence. {@code text} is the plain licence text (may contain placeholders such as
     * {@code <year>}); {@code required} is the same text without the parts the SPDX template marks
     * optional ({@code <<beginOptional>>…<<endOptional>>}: titles, Apache-2.0's "END OF TERMS AND
     * CONDITIONS" and its APPENDIX, …; variables replaced by their original text), or {@code text}
     * when the licence has no template.
     */
    public record Entry(String id, String name, boolean deprecated, String text, String required) {
        public Entry(String id, String name, boolean deprecated, String text) {
            this(id, name, deprecated, text, text);
        }
    }

    private static final java.util.regex.Pattern VAR = java.util.regex.Pattern.compile(
            "<<var;(?:[^>]*?;)?original=\"((?:[^\"\\\\]|\\\\.)*)\"[^>]*>>");

    /** A template without its optional blocks (nested ones included), variables replaced by their original text. */
    static String requiredText(String template) {
        StringBuilder out = new StringBuilder(template.length());
        int depth = 0;
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("<<beginOptional", i)) {
                depth++;
                i = Math.max(i + 2, template.indexOf(">>", i) + 2);
            } else if (template.startsWith("<<endOptional>>", i)) {
                depth = Math.max(0, depth - 1);
                i += "<<endOptional>>".length();
            } else if (template.startsWith("<<var;", i)) {
                int end = template.indexOf(">>", i);
                end = end < 0 ? template.length() : end + 2;
                java.util.regex.Matcher m = VAR.matcher(template.substring(i, end));
                if (depth == 0 && m.matches()) {
                    out.append(' ').append(m.group(1)).append(' ');
                }
                i = end;
            } else {
                if (depth == 0) {
                    out.append(template.charAt(i));
                }
                i++;
            }
        }
        return out.toString();
    }

    private final String version;
    private final Map<String, Entry> byLowerId;
    private final List<Entry> current;

    private SpdxLicenseList(String version, Map<String, Entry> byLowerId, List<Entry> current) {
        this.version = version;
        this.byLowerId = byLowerId;
        this.current = current;
    }

    /** The shared instance; throws {@link UncheckedIOException} when the jar's data is missing. */
    public static SpdxLicenseList get() {
        SpdxLicenseList l = instance;
        if (l == null) {
            synchronized (SpdxLicenseList.class) {
                l = instance;
                if (l == null) {
                    l = load();
                    instance = l;
                }
            }
        }
        return l;
    }

    private static SpdxLicenseList load() {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode toc = read(json, ROOT + "licenses.json");
            Map<String, Entry> byId = new HashMap<>();
            List<Entry> current = new ArrayList<>();
            for (JsonNode l : toc.get("licenses")) {
                String id = l.get("licenseId").asText();
                boolean deprecated = l.path("isDeprecatedLicenseId").asBoolean(false);
                JsonNode details = read(json, ROOT + id + ".json");
                String text = details == null ? "" : details.path("licenseText").asText("");
                String template = details == null ? "" : details.path("standardLicenseTemplate").asText("");
                Entry e = new Entry(id, l.path("name").asText(id), deprecated, text,
                        template.isBlank() ? text : requiredText(template));
                byId.put(id.toLowerCase(Locale.ROOT), e);
                if (!deprecated && !text.isBlank()) {
                    current.add(e);
                }
            }
            current.sort((a, b) -> a.id().compareTo(b.id()));
            return new SpdxLicenseList(toc.path("licenseListVersion").asText(""), byId, Collections.unmodifiableList(current));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SPDX licence list from java-spdx-library", e);
        }
    }

    private static JsonNode read(ObjectMapper json, String resource) throws IOException {
        try (InputStream in = SpdxLicenseList.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                if (resource.endsWith("licenses.json")) {
                    throw new IOException("missing resource " + resource);
                }
                return null;
            }
            return json.readTree(in);
        }
    }

    /** Licence list version, e.g. {@code 3.28.0}. */
    public String version() {
        return version;
    }

    /** The entry for an id in any case (deprecated ids included), or null. */
    public Entry byId(String id) {
        return id == null ? null : byLowerId.get(id.toLowerCase(Locale.ROOT));
    }

    /** Non-deprecated licences that have a text, sorted by id. */
    public List<Entry> current() {
        return current;
    }
}
