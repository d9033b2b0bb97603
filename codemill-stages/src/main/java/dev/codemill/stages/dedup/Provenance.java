package dev.codemill.stages.dedup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code duplicate_sources} annotation of a kept copy: one compact JSON object per
 * occurrence, {@code {"id":…,"repo_name":…,"path":…,"license_type":…,"detected_licenses":[…]}}
 * (licence fields left out when the copy was not annotated), sorted by repository, path and id,
 * distinct. BigCode published, beside the deduplicated Stack, a table joining each file to all
 * the repositories, paths and licences it was found under (bigcode-dataset issue #8); this keeps
 * that table on the row itself, so a permissive policy can check every licence a file came under.
 */
public final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Provenance() {
    }

    /** The annotation value for a group of copies. */
    public static List<String> of(List<Document> copies) {
        List<Document> sorted = new ArrayList<>(copies);
        sorted.sort(Comparator.comparing((Document d) -> d.source().repoName()).thenComparing(d -> d.source().path())
                .thenComparing(Document::id));
        List<String> out = new ArrayList<>();
        for (Document d : sorted) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", d.id().value());
            o.put("repo_name", d.source().repoName());
            o.put("path", d.source().path());
            String type = d.get(Keys.LICENSE_TYPE);
            if (type != null) {
                o.put("license_type", type);
            }
            List<String> ids = d.get(Keys.DETECTED_LICENSES);
            if (ids != null) {
                ids.forEach(o.putArray("detected_licenses")::add);
            }
            try {
                String s = JSON.writeValueAsString(o);
                if (!out.contains(s)) {
                    out.add(s);
                }
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
