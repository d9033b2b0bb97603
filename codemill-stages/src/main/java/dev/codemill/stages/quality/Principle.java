package dev.codemill.stages.quality;

import java.util.Map;

/**
 * One principle of a {@link Constitution}.
 *
 * @param id         short name, {@code [a-z_]+}; annotation {@code quality_<id>}
 * @param title      one line
 * @param rationale  why the principle matters, with its source
 * @param checker    name of the {@link Checker} that measures it
 * @param weight     weight in the file score's weighted mean, &ge; 0
 * @param thresholds threshold name → default value
 * @param overrides  linguist language name → threshold name → value
 * @param messages   critique kind → template; {@code {name}}, {@code {value}}, {@code {limit}} are filled in
 */
public record Principle(String id, String title, String rationale, String checker, double weight,
                        Map<String, Double> thresholds, Map<String, Map<String, Double>> overrides,
                        Map<String, String> messages) {
    public Principle {
        thresholds = Map.copyOf(thresholds);
        overrides = Map.copyOf(overrides);
        messages = Map.copyOf(messages);
    }

    /** The threshold for {@code language} (its override when there is one). */
    public double threshold(String name, String language) {
        Map<String, Double> o = language == null ? null : overrides.get(language);
        if (o != null && o.containsKey(name)) {
            return o.get(name);
        }
        Double v = thresholds.get(name);
        if (v == null) {
            throw new IllegalStateException("principle " + id + " has no threshold " + name);
        }
        return v;
    }

    /** The message of kind {@code kind} with {@code {key}} placeholders replaced (pairs key, value). */
    public String message(String kind, Object... pairs) {
        String t = messages.get(kind);
        if (t == null) {
            throw new IllegalStateException("principle " + id + " has no message " + kind);
        }
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            t = t.replace("{" + pairs[i] + "}", dev.codemill.stage.Check.format(pairs[i + 1]));
        }
        return t;
    }
}
