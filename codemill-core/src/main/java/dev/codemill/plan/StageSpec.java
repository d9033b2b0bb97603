package dev.codemill.plan;

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
}
