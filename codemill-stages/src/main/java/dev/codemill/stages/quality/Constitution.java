package dev.codemill.stages.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.codemill.stage.RecipeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A written quality constitution: named principles (see {@link Principle}) and tier cut points.
 * The default is the classpath resource {@value #RESOURCE}; a recipe may name a YAML file of the
 * same shape instead.
 *
 * <p>Loading validates every key: unknown keys, a principle without id/title/rationale/checker/
 * weight, an unknown checker, a missing threshold or message the checker needs, a threshold that
 * is not a number, a duplicate id or tiers not in A &ge; B &ge; C order are {@link RecipeException}s
 * naming the key and the principle.
 *
 * @param name       constitution name
 * @param principles in file order
 * @param tiers      cut points: A, B, C (a score &ge; A is tier A …, below C is D)
 * @param caps       principle id → cap: a sub-score below {@link Cap#below()} makes the tier at
 *                   best {@link Cap#tier()}, whatever the score (a file that does not parse is not
 *                   tier A because its other principles are fine)
 */
public record Constitution(String name, List<Principle> principles, Map<String, Double> tiers, Map<String, Cap> caps) {
    /** A tier cap: a sub-score below {@code below} limits the tier to {@code tier} or worse. */
    public record Cap(double below, String tier) {
    }

    /** Classpath resource of the default constitution. */
    public static final String RESOURCE = "codemill/quality/constitution.yaml";

    private static final Set<String> TOP_KEYS = Set.of("name", "tiers", "caps", "principles");
    private static final List<String> TIER_NAMES = List.of("A", "B", "C", "D");
    private static final Set<String> PRINCIPLE_KEYS = Set.of("id", "title", "rationale", "checker", "weight",
            "thresholds", "overrides", "messages");

    public Constitution {
        principles = List.copyOf(principles);
        tiers = Map.copyOf(tiers);
        caps = Map.copyOf(caps);
    }

    private static final class Holder {
        static final Constitution DEFAULT = loadResource();
    }

    /** The default constitution ({@value #RESOURCE}). */
    public static Constitution builtIn() {
        return Holder.DEFAULT;
    }

    private static Constitution loadResource() {
        try (InputStream in = Constitution.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return parse(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** Loads and validates a constitution file. */
    public static Constitution load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new RecipeException("constitution " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses and validates YAML bytes; {@code where} names the source in errors. */
    @SuppressWarnings("unchecked")
    public static Constitution parse(byte[] yaml, String where) {
        Object root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readValue(yaml, Object.class);
        } catch (IOException e) {
            throw new RecipeException("constitution " + where + ": not valid YAML (" + e.getMessage() + ")");
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new RecipeException("constitution " + where + ": expects a mapping at the top");
        }
        for (Object k : top.keySet()) {
            if (!TOP_KEYS.contains(String.valueOf(k))) {
                throw RecipeException.unknownKey("constitution " + where, String.valueOf(k), new TreeSet<>(TOP_KEYS));
            }
        }
        String name = String.valueOf(top.containsKey("name") ? top.get("name") : where);
        Map<String, Double> tiers = numbers(top.get("tiers"), "constitution " + where + ": key 'tiers'");
        for (String t : List.of("A", "B", "C")) {
            if (!tiers.containsKey(t)) {
                throw new RecipeException("constitution " + where + ": key 'tiers' needs A, B and C");
            }
        }
        if (tiers.size() != 3) {
            throw new RecipeException("constitution " + where + ": key 'tiers' takes only A, B and C, got " + tiers.keySet());
        }
        if (!(tiers.get("A") >= tiers.get("B") && tiers.get("B") >= tiers.get("C"))) {
            throw new RecipeException("constitution " + where + ": key 'tiers' must satisfy A >= B >= C, got " + tiers);
        }
        if (!(top.get("principles") instanceof List<?> list) || list.isEmpty()) {
            throw new RecipeException("constitution " + where + ": key 'principles' expects a non-empty list");
        }
        List<Principle> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (Object o : list) {
            index++;
            if (!(o instanceof Map<?, ?> m)) {
                throw new RecipeException("constitution " + where + ": principle #" + index + " expects a mapping");
            }
            Object idRaw = m.get("id");
            String id = idRaw == null ? null : idRaw.toString();
            String at = "constitution " + where + ": principle '" + (id == null ? "#" + index : id) + "'";
            for (Object k : m.keySet()) {
                if (!PRINCIPLE_KEYS.contains(String.valueOf(k))) {
                    throw RecipeException.unknownKey(at, String.valueOf(k), new TreeSet<>(PRINCIPLE_KEYS));
                }
            }
            for (String required : List.of("id", "title", "rationale", "checker", "weight")) {
                if (m.get(required) == null || m.get(required).toString().isBlank()) {
                    throw new RecipeException(at + ": key '" + required + "' is required");
                }
            }
            if (!id.matches("[a-z][a-z0-9_]*")) {
                throw new RecipeException(at + ": key 'id' must match [a-z][a-z0-9_]*");
            }
            if (!ids.add(id)) {
                throw new RecipeException(at + ": key 'id' is used twice");
            }
            String checkerName = m.get("checker").toString();
            Checker checker = Checkers.byName(checkerName);
            if (checker == null) {
                throw new RecipeException(at + ": key 'checker' names an unknown checker '" + checkerName
                        + "'; known: " + Checkers.names());
            }
            if (!(m.get("weight") instanceof Number w) || w.doubleValue() < 0 || Double.isNaN(w.doubleValue())) {
                throw new RecipeException(at + ": key 'weight' expects a number >= 0, got " + m.get("weight"));
            }
            Map<String, Double> thresholds = numbers(m.get("thresholds"), at + ": key 'thresholds'");
            for (String t : checker.thresholds()) {
                if (!thresholds.containsKey(t)) {
                    throw new RecipeException(at + ": key 'thresholds' lacks '" + t + "' (checker " + checkerName
                            + " needs " + new TreeSet<>(checker.thresholds()) + ")");
                }
            }
            for (String t : thresholds.keySet()) {
                if (!checker.thresholds().contains(t)) {
                    throw RecipeException.unknownKey(at + " thresholds", t, new TreeSet<>(checker.thresholds()));
                }
            }
            Map<String, Map<String, Double>> overrides = new LinkedHashMap<>();
            if (m.get("overrides") != null) {
                if (!(m.get("overrides") instanceof Map<?, ?> om)) {
                    throw new RecipeException(at + ": key 'overrides' expects a mapping language -> thresholds");
                }
                for (Map.Entry<?, ?> e : om.entrySet()) {
                    String lang = String.valueOf(e.getKey());
                    Map<String, Double> ov = numbers(e.getValue(), at + ": key 'overrides." + lang + "'");
                    for (String t : ov.keySet()) {
                        if (!checker.thresholds().contains(t)) {
                            throw RecipeException.unknownKey(at + " overrides." + lang, t, new TreeSet<>(checker.thresholds()));
                        }
                    }
                    overrides.put(lang, ov);
                }
            }
            Map<String, String> messages = new LinkedHashMap<>();
            Object msgs = m.get("messages");
            if (msgs != null && !(msgs instanceof Map)) {
                throw new RecipeException(at + ": key 'messages' expects a mapping kind -> template");
            }
            if (msgs != null) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) msgs).entrySet()) {
                    String kind = String.valueOf(e.getKey());
                    if (!checker.messages().contains(kind)) {
                        throw RecipeException.unknownKey(at + " messages", kind, new TreeSet<>(checker.messages()));
                    }
                    if (e.getValue() == null || e.getValue().toString().isBlank()) {
                        throw new RecipeException(at + ": key 'messages." + kind + "' is empty");
                    }
                    messages.put(kind, e.getValue().toString());
                }
            }
            for (String kind : checker.messages()) {
                if (!messages.containsKey(kind)) {
                    throw new RecipeException(at + ": key 'messages' lacks '" + kind + "' (checker " + checkerName
                            + " needs " + new TreeSet<>(checker.messages()) + ")");
                }
            }
            out.add(new Principle(id, m.get("title").toString(), m.get("rationale").toString(), checkerName,
                    ((Number) m.get("weight")).doubleValue(), thresholds, overrides, messages));
        }
        Map<String, Cap> caps = new LinkedHashMap<>();
        if (top.get("caps") != null) {
            if (!(top.get("caps") instanceof Map<?, ?> cm)) {
                throw new RecipeException("constitution " + where + ": key 'caps' expects a mapping principle -> {below, tier}");
            }
            for (Map.Entry<?, ?> e : cm.entrySet()) {
                String id = String.valueOf(e.getKey());
                String at = "constitution " + where + ": key 'caps." + id + "'";
                if (!ids.contains(id)) {
                    throw new RecipeException(at + " names unknown principle '" + id + "'; known: " + ids.stream().sorted().toList());
                }
                if (!(e.getValue() instanceof Map<?, ?> v) || !(v.get("below") instanceof Number b)
                        || !TIER_NAMES.contains(String.valueOf(v.get("tier"))) || v.size() != 2) {
                    throw new RecipeException(at + " expects {below: number, tier: A|B|C|D}, got " + e.getValue());
                }
                caps.put(id, new Cap(b.doubleValue(), String.valueOf(v.get("tier"))));
            }
        }
        return new Constitution(name, out, tiers, caps);
    }

    private static Map<String, Double> numbers(Object raw, String where) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw new RecipeException(where + " expects a mapping name -> number");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof Number n) || Double.isNaN(n.doubleValue())) {
                throw new RecipeException(where + ": '" + e.getKey() + "' expects a number, got " + e.getValue());
            }
            out.put(String.valueOf(e.getKey()), n.doubleValue());
        }
        return out;
    }

    /** The tier of a score: A, B, C or D. */
    public String tier(double score) {
        if (score >= tiers.get("A")) {
            return "A";
        }
        if (score >= tiers.get("B")) {
            return "B";
        }
        return score >= tiers.get("C") ? "C" : "D";
    }

    /** The tier of a score, capped by {@link #caps()} where a principle's sub-score is below its cap. */
    public String tier(double score, Map<String, CheckResult> results) {
        String tier = tier(score);
        for (Map.Entry<String, Cap> c : caps.entrySet()) {
            CheckResult r = results.get(c.getKey());
            if (r != null && r.score() != null && r.score() < c.getValue().below()
                    && TIER_NAMES.indexOf(c.getValue().tier()) > TIER_NAMES.indexOf(tier)) {
                tier = c.getValue().tier();
            }
        }
        return tier;
    }

    /** The principle with this id, or null. */
    public Principle principle(String id) {
        for (Principle p : principles) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }
}
