package dev.codemill.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a recipe's {@code stages} list, as plain data: what runners ship to workers.
 *
 * @param type   the stage's registered name
 * @param params every other key of the entry, in recipe order
 */
public record StageSpec(String type, Map<String, Object> params) {
    public StageSpec {
        params = Map.copyOf(params);
    }

    /** The entry as a recipe writes it, {@code {type: ..., KEY: VALUE, ...}} (how the manifest records it). */
    @JsonValue
    public Map<String, Object> asRecipeEntry() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(params);
        return m;
    }
}
