package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code codemill run} with the default recipe plus {@code --fim --repo-samples --cross-file-tasks}
 * on two small repositories (Python and Java, each under the MIT licence): inputs are read once and
 * OUT/data, OUT/fim, OUT/repo_samples and OUT/cross_file are written with their annotations, each
 * derived record with a {@code derive} ledger row naming its sources.
 */
class BranchOutputsTest {
    @TempDir
    static Path tmp;
    static Path out;
    static int exit;

    static final String MIT = dev.codemill.testkit.LicenseTexts.mit("Acme");

    @BeforeAll
    static void run() throws Exception {
        Path in = tmp.resolve("in");
        write(in.resolve("shop/LICENSE"), MIT);
        write(in.resolve("shop/shop/money.py"), """
                \"\"\"Amounts of money in cents.\"\"\"


                class Money:
                    def __init__(self, cents):
                        self.cents = cents


                def add(a, b):
                    return Money(a.cents + b.cents)
                """);
        write(in.resolve("shop/shop/cart.py"), """
                \"\"\"A shopping cart that sums prices.\"\"\"
                from shop.money import Money, add


                class Cart:
                    def __init__(self):
                        self.total = Money(0)

                    def put(self, price):
                        self.total = add(self.total, price)
                        return self.total
                """);
        write(in.resolve("shop/shop/app.py"), """
                \"\"\"Entry point: fill a cart.\"\"\"
                from shop.cart import Cart
                from shop.money import Money


                def main():
                    cart = Cart()
                    cart.put(Money(250))
                    cart.put(Money(100))
                    return cart.total
                """);
        write(in.resolve("bank/LICENSE"), MIT.replace("Acme", "Bank"));
        write(in.resolve("bank/src/main/java/bank/Account.java"), """
                package bank;

                /** A bank account holding a balance in cents. */
                public class Account {
                    private long balance;

                    public void deposit(long amount) {
                        balance += amount;
                    }
                }
                """);
        write(in.resolve("bank/src/main/java/bank/util/Fees.java"), """
                package bank.util;

                /** Fees charged on deposits: one percent. */
                public final class Fees {
                    public static long fee(long amount) {
                        return amount / 100;
                    }
                }
                """);
        write(in.resolve("bank/src/main/java/bank/Teller.java"), """
                package bank;

                import bank.util.Fees;

                /** Opens accounts with a first deposit, less the fee. */
                public class Teller {
                    public Account open(long amount) {
                        Account a = new Account();
                        a.deposit(amount - Fees.fee(amount));
                        return a;
                    }
                }
                """);
        out = tmp.resolve("out");
        exit = Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--threads", "2", "--format", "jsonl",
                "--fim", "--repo-samples", "--cross-file-tasks");
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static List<JsonNode> derives(String branch) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : EndToEndTest.rows(BranchOutputsTest.out.resolve(branch).resolve("ledger"))) {
            if (r.get("action").asText().equals("derive")) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void oneRunWritesTheMainOutputAndThreeBranches() throws Exception {
        assertThat(exit).isZero();
        List<JsonNode> data = EndToEndTest.rows(out.resolve("data"));
        // bank/LICENSE and shop/LICENSE differ in one word: near_dedup drops one of them
        assertThat(data).hasSize(7);
        JsonNode stats = EndToEndTest.JSON.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.get("documents").toString())
                .isEqualTo("{\"in\":8,\"kept\":7,\"dropped\":1,\"quarantined\":0,\"consumed\":0}");
        assertThat(stats.get("conservation_holds").asBoolean()).isTrue();
        assertThat(stats.at("/branches/fim/documents/in").asLong()).isEqualTo(7);
        assertThat(stats.at("/branches/repo_samples/documents").toString())
                .isEqualTo("{\"in\":7,\"kept\":0,\"dropped\":0,\"quarantined\":0,\"consumed\":7}");
        assertThat(stats.at("/branches/repo_samples/derived/kept").asLong()).isEqualTo(2);
        assertThat(stats.at("/branches/cross_file/documents").toString())
                .isEqualTo("{\"in\":7,\"kept\":0,\"dropped\":0,\"quarantined\":0,\"consumed\":7}");
        assertThat(stats.at("/branches/cross_file/derived/kept").asLong()).isEqualTo(6);
        // the manifest records the recipe with its three branches
        JsonNode manifest = EndToEndTest.JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.at("/recipe/branches").toString()).isEqualTo("[{\"from\":\"end\",\"name\":\"repo_samples\","
                + "\"stages\":[{\"type\":\"repo_samples\"}]},{\"from\":\"end\",\"name\":\"fim\",\"stages\":[{\"type\":\"fim\"}]},"
                + "{\"from\":\"end\",\"name\":\"cross_file\",\"stages\":[{\"type\":\"cross_file_tasks\"}]}]");
        for (String b : List.of("fim", "repo_samples", "cross_file")) {
            assertThat(out.resolve(b).resolve("stats.json")).isRegularFile();
            assertThat(out.resolve(b).resolve("manifest.json")).isRegularFile();
            assertThat(EndToEndTest.JSON.readTree(out.resolve(b).resolve("manifest.json").toFile())
                    .get("recipe_sha256").asText()).isEqualTo(manifest.get("recipe_sha256").asText());
        }
        assertThat(Files.readString(out.resolve("README.md"))).contains("config_name: fim", "config_name: repo_samples",
                "config_name: cross_file");
    }

    @Test
    void branchRecordsKeepTheAnnotationsOfTheMainChain() throws Exception {
        for (JsonNode r : EndToEndTest.rows(out.resolve("data"))) {
            assertThat(r.get("license_type").asText()).as(r.get("path").asText()).isEqualTo("permissive");
        }
        List<JsonNode> fim = EndToEndTest.rows(out.resolve("fim/data"));
        assertThat(fim).hasSize(7);
        for (JsonNode r : fim) {
            assertThat(r.get("language").isNull()).isFalse();
            assertThat(r.get("license_type").asText()).isEqualTo("permissive");
            assertThat(r.get("num_tokens").isNull()).isFalse();
            assertThat(EndToEndTest.annotations(r).fieldNames()).toIterable().anyMatch(k -> k.startsWith("quality"));
        }
        List<JsonNode> samples = EndToEndTest.rows(out.resolve("repo_samples/data"));
        assertThat(samples).extracting(r -> r.get("repo_name").asText() + " " + r.get("language").asText() + " "
                + r.get("license_type").asText()).containsExactlyInAnyOrder("bank Java permissive", "shop Python permissive"); // the main programming language, not the LICENSE
        List<JsonNode> tasks = EndToEndTest.rows(out.resolve("cross_file/data"));
        assertThat(tasks).hasSize(6).allSatisfy(r -> assertThat(r.get("license_type").asText()).isEqualTo("permissive"));
        TreeSet<String> where = new TreeSet<>();
        for (JsonNode t : tasks) {
            JsonNode a = EndToEndTest.annotations(t);
            where.add(t.get("path").asText() + ":" + a.get("target_line").asLong() + " " + a.get("target_symbol").asText()
                    + " " + t.get("language").asText());
        }
        // every drawn task is written: shop 4 tasks for 3 files (the one-outcome-per-file rule cut one before
        // emit), bank 2 (Teller.java uses Account from Account.java); lines drawn by Seeds.rngFor(seed, CROSS_FILE, file id)
        assertThat(where).containsExactly("shop/app.py:7 Cart Python", "shop/app.py:9 Money Python",
                "shop/cart.py:10 add Python", "shop/cart.py:7 Money Python", "src/main/java/bank/Teller.java:8 Account Java",
                "src/main/java/bank/Teller.java:9 deposit Java");
    }

    @Test
    void everyDerivedRecordHasADeriveRowNamingItsSources() throws Exception {
        Set<String> mainIds = new TreeSet<>();
        for (JsonNode r : EndToEndTest.rows(out.resolve("data"))) {
            mainIds.add(r.get("id").asText());
        }
        for (String b : List.of("repo_samples", "cross_file")) {
            List<JsonNode> records = EndToEndTest.rows(out.resolve(b).resolve("data"));
            List<JsonNode> derives = derives(b);
            assertThat(derives).extracting(r -> r.get("id").asText())
                    .containsExactlyInAnyOrderElementsOf(records.stream().map(r -> r.get("id").asText()).toList());
            for (JsonNode d : derives) {
                assertThat(d.get("sources").isArray()).isTrue();
                assertThat(d.get("sources")).isNotEmpty();
                d.get("sources").forEach(s -> assertThat(mainIds).contains(s.asText()));
            }
            // no file is recorded as dropped or modified for being packed into a sample or read for a task
            assertThat(EndToEndTest.rows(out.resolve(b).resolve("ledger")))
                    .noneMatch(r -> r.get("action").asText().equals("drop") || r.get("action").asText().equals("modify"));
        }
        // bank's sample is derived from its 4 files, shop's from its 3 Python files (its LICENSE was a near duplicate)
        assertThat(derives("repo_samples")).extracting(r -> r.get("repo_name").asText() + " " + r.get("sources").size())
                .containsExactlyInAnyOrder("bank 4", "shop 3");
    }
}
