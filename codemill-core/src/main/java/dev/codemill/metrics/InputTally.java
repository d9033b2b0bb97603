package dev.codemill.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per input (the path a reader names as a document's origin): how many documents it yielded at
 * ingest, how many of them readers quarantined (by rule), and the dump fields it declared. From
 * these a run tells which inputs were <b>lost whole</b> (at least one document, every one
 * quarantined at ingest: a corrupt shard, an unsupported compression, a JSON array named
 * {@code .json.gz}) and which dump files disagree on their schema (drift). Pure sums and unions,
 * so the result does not depend on threads, splits or the order partial tallies are merged in.
 */
final class InputTally implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, LongAdder> documents = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> quarantined = new ConcurrentHashMap<>();
    private final Map<String, Map<String, TreeSet<String>>> schemas = new ConcurrentHashMap<>();

    /** One document read from {@code input}; {@code quarantineRule} null when the reader kept it. */
    void outcome(String input, String quarantineRule) {
        documents.computeIfAbsent(input, k -> new LongAdder()).increment();
        if (quarantineRule != null) {
            quarantined.computeIfAbsent(input, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(quarantineRule, k -> new LongAdder()).increment();
        }
    }

    /** Fields and types of one dump file (merged with earlier calls: a field's types are united). */
    void schema(String input, Map<String, String> fieldTypes) {
        Map<String, TreeSet<String>> m = schemas.computeIfAbsent(input, k -> new ConcurrentHashMap<>());
        synchronized (m) {
            fieldTypes.forEach((f, t) -> {
                TreeSet<String> types = m.computeIfAbsent(f, k -> new TreeSet<>());
                for (String one : t.split("\\|")) {
                    types.add(one);
                }
            });
        }
    }

    void merge(InputTally other) {
        other.documents.forEach((k, v) -> documents.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
        other.quarantined.forEach((k, rules) -> rules.forEach((r, v) -> quarantined
                .computeIfAbsent(k, x -> new ConcurrentHashMap<>()).computeIfAbsent(r, x -> new LongAdder()).add(v.sum())));
        other.schemas.forEach((k, fields) -> {
            Map<String, String> flat = new TreeMap<>();
            fields.forEach((f, types) -> flat.put(f, String.join("|", types)));
            schema(k, flat);
        });
    }

    /**
     * Inputs lost whole, by input path: {@code {input, documents, rules: {rule: count}}}, rules by
     * name; empty when none.
     */
    List<Map<String, Object>> lost() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String input : new TreeSet<>(documents.keySet())) {
            long n = documents.get(input).sum();
            Map<String, LongAdder> rules = quarantined.get(input);
            long q = rules == null ? 0 : rules.values().stream().mapToLong(LongAdder::sum).sum();
            if (n > 0 && q == n) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("input", input);
                m.put("documents", n);
                Map<String, Long> byRule = new TreeMap<>();
                rules.forEach((r, v) -> byRule.put(r, v.sum()));
                m.put("rules", byRule);
                out.add(m);
            }
        }
        return out;
    }

    /**
     * One sentence per field whose presence or type differs between dump files of one kind (Parquet
     * with Parquet, JSONL with JSONL), naming the files (at most 3, then a count) and the types;
     * {@code null} fits any type (a file where a field is only null agrees with all). Empty when
     * every dump file has one schema. Sorted by kind, then field name.
     */
    List<String> drift() {
        Map<String, Map<String, String>> byFile = new TreeMap<>();
        schemas.forEach((input, fields) -> {
            Map<String, String> flat = new TreeMap<>();
            synchronized (fields) {
                fields.forEach((f, types) -> flat.put(f, String.join("|", types)));
            }
            byFile.put(input, flat);
        });
        List<String> out = new ArrayList<>();
        // Parquet and JSON name types differently: files are compared with files of their own kind.
        Map<Boolean, Map<String, Map<String, String>>> byKind = new TreeMap<>();
        byFile.forEach((file, m) -> byKind.computeIfAbsent(isParquet(file), k -> new TreeMap<>()).put(file, m));
        for (Map<String, Map<String, String>> files : byKind.values()) {
            out.addAll(drift(files));
        }
        return out;
    }

    private static boolean isParquet(String file) {
        String n = file.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".parquet") || n.contains(".parquet#");
    }

    private static List<String> drift(Map<String, Map<String, String>> byFile) {
        List<String> out = new ArrayList<>();
        if (byFile.size() < 2) {
            return out;
        }
        TreeSet<String> allFields = new TreeSet<>();
        byFile.values().forEach(m -> allFields.addAll(m.keySet()));
        for (String field : allFields) {
            Map<String, List<String>> filesByType = new TreeMap<>();
            byFile.forEach((file, m) -> {
                String type = nonNull(m.getOrDefault(field, "(absent)"));
                if (!type.isEmpty()) { // only nulls: fits any type
                    filesByType.computeIfAbsent(type, k -> new ArrayList<>()).add(file);
                }
            });
            if (filesByType.size() < 2) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            filesByType.forEach((type, files) -> parts.add(type + " in " + names(files)));
            out.add("schema drift across dump files: field '" + field + "' is " + String.join("; ", parts));
        }
        return out;
    }

    /** A type union without {@code null} (a nullable field is not drift), "" when it was only null. */
    private static String nonNull(String types) {
        List<String> out = new ArrayList<>();
        for (String t : types.split("\\|")) {
            if (!t.equals("null")) {
                out.add(t);
            }
        }
        return String.join("|", out);
    }

    private static String names(List<String> files) {
        if (files.size() <= 3) {
            return String.join(", ", files);
        }
        return String.join(", ", files.subList(0, 3)) + " and " + (files.size() - 3) + " more";
    }
}
