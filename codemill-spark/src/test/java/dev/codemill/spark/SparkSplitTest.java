package dev.codemill.spark;

import dev.codemill.testkit.NeedsShared;
import dev.codemill.testkit.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.cli.Main;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSONL dump of real files split into byte ranges ({@code split_bytes: 1024}) on
 * {@code --runner spark --master local[2]}: the executors plan that one file again under the same
 * names, and {@code data/} and {@code ledger/} are byte-identical to the local runner reading
 * the dump whole ({@code split_bytes: 0}).
 */
class SparkSplitTest {
    static String recipe(long splitBytes) throws Exception {
        try (InputStream in = SparkSplitTest.class.getClassLoader().getResourceAsStream("codemill/default-recipe.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).containsOnlyOnce("\ningest:\n");
            return text.replace("\ningest:\n", "\ningest:\n  split_bytes: " + splitBytes + "\n");
        }
    }

    static Map<String, String> tree(Path out) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (String sub : List.of("data", "ledger")) {
            Path dir = out.resolve(sub);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    m.put(sub + "/" + dir.relativize(p), HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }

    @Test
    @NeedsShared("cases")
    void splitDumpOnSparkMatchesWholeDumpLocally(@TempDir Path tmp) throws Exception {
        Path cases = SharedData.path("cases");
        List<Path> files;
        try (Stream<Path> s = Files.walk(cases)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        ObjectMapper json = new ObjectMapper();
        StringBuilder dump = new StringBuilder();
        for (Path f : files) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("repo_name", "cases/" + f.getParent().getFileName());
            rec.put("path", f.getFileName().toString());
            rec.put("content", Files.readString(f, StandardCharsets.ISO_8859_1));
            dump.append(json.writeValueAsString(rec)).append('\n');
        }
        Path in = tmp.resolve("dump.jsonl");
        Files.writeString(in, dump.toString(), StandardCharsets.UTF_8);
        assertThat(Files.size(in)).isGreaterThan(10 * 1024);
        Path whole = tmp.resolve("recipe-0.yaml");
        Files.writeString(whole, recipe(0));
        Path split = tmp.resolve("recipe-1024.yaml");
        Files.writeString(split, recipe(1024));
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark");
        assertThat(Main.execute("run", in.toString(), "-o", local.toString(), "--recipe", whole.toString(),
                "--threads", "1", "-q", "--format", "jsonl")).isZero();
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(),
                "-o", spark.toString(), "--recipe", split.toString(), "-q", "--format", "jsonl")).isZero();
        Map<String, String> expected = tree(local);
        assertThat(expected).isNotEmpty();
        assertThat(tree(spark)).isEqualTo(expected);
    }
}
