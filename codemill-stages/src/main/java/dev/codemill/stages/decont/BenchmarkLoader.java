package dev.codemill.stages.decont;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.stage.RecipeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads benchmark items from files or folders. A folder contributes every regular file below it
 * whose name ends in {@code .jsonl}, {@code .json}, {@code .jsonl.gz} or {@code .json.gz}
 * (case-insensitive), in sorted path order; a file named directly is read whatever its name.
 * Gzip is recognised by its magic bytes. A file is a JSON array of objects when its first
 * non-whitespace character is {@code [}, else a sequence of JSON objects (JSONL; CRLF is fine).
 *
 * <p>Accepted layouts (fields of each object; the first field present wins):
 * <ul>
 *   <li>id: {@code task_id} (text or number) — required;</li>
 *   <li>solution: {@code canonical_solution} (HumanEval, HumanEval-X, MBPP+) or {@code code}
 *       (MBPP, sanitized MBPP);</li>
 *   <li>prompt: {@code prompt} (HumanEval, HumanEval-X, sanitized MBPP, MBPP+) or {@code text} (MBPP);</li>
 *   <li>test: {@code test} (text), {@code test_list} (array of text, joined with {@code \n}) or
 *       {@code assertion} (MBPP+).</li>
 * </ul>
 * Items with both {@code prompt} and {@code canonical_solution} (HumanEval, HumanEval-X, MBPP+:
 * the solution completes the prompt) also give a {@code program} part, prompt + solution, used
 * only by the identifier-abstracted pass.
 * {@code NaN} and {@code ±Infinity} literals are accepted (Python's {@code json} writes them).
 * An object without a {@code task_id}, or with neither prompt nor solution, is skipped and
 * counted. A file that yields no item at all is an error, as is a path that does not exist.
 */
public final class BenchmarkLoader {
    /** Python's {@code json} writes {@code NaN}/{@code Infinity}/{@code -Infinity} (MBPP+ {@code plus_input} does). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * One text of one benchmark item, as read.
     *
     * @param benchmark file name, e.g. {@code HumanEval.jsonl.gz}
     * @param itemId    item id, e.g. {@code HumanEval/0}, {@code mbpp/1}
     * @param role      {@code solution}, {@code prompt}, {@code test} or {@code program}
     * @param text      the raw text (nothing normalised yet)
     */
    public record RawPart(String benchmark, String itemId, String role, String text) {
    }

    /** What was read: the parts, the files and the number of skipped objects. */
    public record Loaded(List<RawPart> parts, List<Path> files, int items, int skipped) {
    }

    private BenchmarkLoader() {
    }

    /** Loads every path; throws {@link RecipeException} naming a missing or unusable path. */
    public static Loaded load(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(BenchmarkLoader::looksLikeJson).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new RecipeException("decontaminate: cannot list benchmark folder " + p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new RecipeException("decontaminate: benchmark path " + p + " does not exist");
            }
        }
        List<RawPart> parts = new ArrayList<>();
        int items = 0;
        int skipped = 0;
        for (Path f : files) {
            int[] counts = readFile(f, parts);
            if (counts[0] == 0) {
                throw new RecipeException("decontaminate: no benchmark item (task_id with prompt/text or "
                        + "canonical_solution/code) in " + f);
            }
            items += counts[0];
            skipped += counts[1];
        }
        return new Loaded(List.copyOf(parts), List.copyOf(files), items, skipped);
    }

    static boolean looksLikeJson(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".jsonl.gz") || n.endsWith(".json.gz");
    }

    /** Appends the parts of one file; returns {items, skipped}. */
    private static int[] readFile(Path f, List<RawPart> out) {
        String name = f.getFileName().toString();
        String stem = name.replaceFirst("(?i)\\.gz$", "").replaceFirst("(?i)\\.jsonl?$", "");
        int items = 0;
        int skipped = 0;
        try {
            byte[] raw = Files.readAllBytes(f);
            if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    raw = in.readAllBytes();
                }
            }
            try (JsonParser p = JSON.getFactory().createParser(raw)) {
                JsonToken t = p.nextToken();
                boolean array = t == JsonToken.START_ARRAY;
                if (array) {
                    t = p.nextToken();
                }
                while (t != null && t != JsonToken.END_ARRAY) {
                    if (t == JsonToken.START_OBJECT && addItem(readObject(p), name, stem, out)) {
                        items++;
                    } else {
                        p.skipChildren();
                        skipped++;
                    }
                    t = p.nextToken();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RecipeException re) {
                throw re;
            }
            throw new RecipeException("decontaminate: cannot read benchmark file " + f + ": " + e.getMessage());
        }
        return new int[] {items, skipped};
    }

    private static final java.util.Set<String> FIELDS = java.util.Set.of(
            "task_id", "canonical_solution", "code", "prompt", "text", "test", "test_list", "assertion");

    /**
     * Reads one object (the parser is on its START_OBJECT) into field → text, keeping only the
     * fields of {@link #FIELDS}: scalars as text, arrays of scalars joined by newlines; anything
     * else is skipped unread (MBPP+'s large {@code plus_input} never becomes a tree).
     */
    private static java.util.Map<String, String> readObject(JsonParser p) throws IOException {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (!FIELDS.contains(f) || v == JsonToken.VALUE_NULL) {
                p.skipChildren();
            } else if (v == JsonToken.START_ARRAY) {
                StringBuilder sb = new StringBuilder();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (e.isScalarValue()) {
                        sb.append(p.getText()).append('\n');
                    } else {
                        p.skipChildren();
                    }
                }
                fields.put(f, sb.toString());
            } else if (v.isScalarValue()) {
                fields.put(f, p.getText());
            } else {
                p.skipChildren();
            }
        }
        return fields;
    }

    private static boolean addItem(java.util.Map<String, String> r, String benchmark, String stem, List<RawPart> out) {
        String id = r.get("task_id");
        if (id == null) {
            return false;
        }
        String itemId = id.contains("/") ? id : stem + "/" + id;
        String solution = text(r, "canonical_solution", "code");
        String prompt = text(r, "prompt", "text");
        if (solution == null && prompt == null) {
            return false;
        }
        String test = text(r, "test", "test_list", "assertion");
        if (solution != null) {
            out.add(new RawPart(benchmark, itemId, "solution", solution));
        }
        if (prompt != null) {
            out.add(new RawPart(benchmark, itemId, "prompt", prompt));
        }
        if (test != null) {
            out.add(new RawPart(benchmark, itemId, "test", test));
        }
        String completion = text(r, "canonical_solution");
        String codePrompt = text(r, "prompt");
        if (completion != null && codePrompt != null) {
            out.add(new RawPart(benchmark, itemId, "program", codePrompt + completion));
        }
        return true;
    }

    /** The first of {@code fields} that is present and not blank. */
    private static String text(java.util.Map<String, String> r, String... fields) {
        for (String f : fields) {
            String s = r.get(f);
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }
}
