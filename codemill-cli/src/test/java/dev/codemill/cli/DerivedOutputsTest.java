package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codemill run --repo-samples --fim --cross-file-tasks} on a tiny Python and a tiny Java repository. */
class DerivedOutputsTest {
    @TempDir
    Path tmp;

    private Path input() throws Exception {
        Path in = tmp.resolve("in");
        write(in.resolve("shop/shop/money.py"), """
                class Money:
                    def __init__(self, cents):
                        self.cents = cents


                def add(a, b):
                    return Money(a.cents + b.cents)
                """);
        write(in.resolve("shop/shop/cart.py"), """
                from shop.money import Money, add


                class Cart:
                    def __init__(self):
                        self.total = Money(0)

                    def put(self, price):
                        self.total = add(self.total, price)
                        return self.total
                """);
        write(in.resolve("shop/shop/app.py"), """
                from shop.cart import Cart
                from shop.money import Money


                def main():
                    cart = Cart()
                    cart.put(Money(250))
                    cart.put(Money(100))
                    return cart.total
                """);
        write(in.resolve("bank/src/main/java/bank/Account.java"), """
                package bank;

                public class Account {
                    private long balance;

                    public void deposit(long amount) {
                        balance += amount;
                    }
                }
                """);
        write(in.resolve("bank/src/main/java/bank/util/Fees.java"), """
                package bank.util;

                public final class Fees {
                    public static long fee(long amount) {
                        return amount / 100;
                    }
                }
                """);
        write(in.resolve("bank/src/main/java/bank/Teller.java"), """
                package bank;

                import bank.util.Fees;

                public class Teller {
                    public Account open(long amount) {
                        Account a = new Account();
                        a.deposit(amount - Fees.fee(amount));
                        return a;
                    }
                }
                """);
        Files.writeString(tmp.resolve("r.yaml"), """
                seed: 7
                stages: [{type: decode}]
                output: {formats: [jsonl]}
                """);
        return in;
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void threeDerivedFoldersWithExpectedCounts() throws Exception {
        Path in = input();
        Path out = tmp.resolve("out");
        assertThat(Main.execute("run", in.toString(), "-o", out.toString(), "-q", "--threads", "1",
                "--recipe", tmp.resolve("r.yaml").toString(), "--repo-samples", "--context-tokens", "2048", "--fim",
                "--cross-file-tasks")).isZero();
        assertThat(EndToEndTest.rows(out.resolve("data"))).hasSize(6);
        for (String dir : List.of("repo_samples", "fim", "cross_file")) {
            assertThat(out.resolve(dir).resolve("data")).isDirectory();
            assertThat(out.resolve(dir).resolve("ledger")).isDirectory();
            assertThat(out.resolve(dir).resolve("stats.json")).isRegularFile();
            assertThat(out.resolve(dir).resolve("manifest.json")).isRegularFile();
        }
        // one sample per repository, dependency order
        List<JsonNode> samples = EndToEndTest.rows(out.resolve("repo_samples/data"));
        assertThat(samples).extracting(r -> r.get("content").asText().substring(0, r.get("content").asText().indexOf('\n')))
                .containsExactlyInAnyOrder("<repo_name>bank<file_sep>src/main/java/bank/Account.java",
                        "<repo_name>shop<file_sep>shop/money.py");
        // FIM keeps every file (transformed or not)
        assertThat(EndToEndTest.rows(out.resolve("fim/data"))).hasSize(6);
        // cross-file: shop 4 drawn tasks for 3 files (one cut), bank 2 tasks (Fees.java dropped: no imports)
        List<JsonNode> tasks = EndToEndTest.rows(out.resolve("cross_file/data"));
        assertThat(tasks).hasSize(5);
        TreeSet<String> where = new TreeSet<>();
        for (JsonNode t : tasks) {
            JsonNode a = EndToEndTest.annotations(t);
            where.add(t.get("repo_name").asText() + " " + a.get("target_symbol").asText() + "@"
                    + a.get("defined_in").asText() + " " + a.get("split").asText());
            assertThat(t.get("content").asText()).endsWith(a.get("prefix").asText());
        }
        assertThat(where).contains("bank Account@src/main/java/bank/Account.java train",
                "shop Money@shop/money.py train");
        JsonNode m = EndToEndTest.JSON.readTree(out.resolve("cross_file/stats.json").toFile())
                .get("metrics").get("cross_file_tasks");
        assertThat(m.get("repositories").asLong()).isEqualTo(2);
        assertThat(m.get("files").asLong()).isEqualTo(6);
        assertThat(m.get("tasks").asLong()).isEqualTo(5);
        assertThat(m.get("tasks_cut").asLong()).isEqualTo(1);
        assertThat(m.get("files_with_tasks").asLong()).isEqualTo(3);
        assertThat(m.get("eval_tasks").asLong()).isZero();
    }

    @Test
    void contextTokensAloneIsAUsageError() throws Exception {
        Path in = input();
        assertThat(Main.execute("run", in.toString(), "-o", tmp.resolve("o2").toString(), "-q",
                "--recipe", tmp.resolve("r.yaml").toString(), "--context-tokens", "2048")).isEqualTo(2);
    }
}
