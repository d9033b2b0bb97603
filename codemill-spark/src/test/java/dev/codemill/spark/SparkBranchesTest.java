package dev.codemill.spark;

import static dev.codemill.spark.TestFiles.write;
import static dev.codemill.spark.TestFiles.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe with branches runs on Spark and gives the local runner's files, byte for byte, in OUT
 * and in every branch folder {@code OUT/NAME/}: branches fed from the end ({@code fim}), from a
 * group stage ({@code repo_samples}, a group stage that emits and consumes, fed from
 * {@code exact_dedup}; {@code cross_file} fed from {@code license}) and from a doc stage in the
 * middle of a segment ({@code early}, fed from {@code language}, with a group stage of its own).
 * Timings are normalised as in {@link SparkEquivalenceTest} (stats.json's {@code run} timings in
 * every folder, report.html rebuilt). Small input written here: two repositories, 7 files, one
 * exact duplicate.
 */
class SparkBranchesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String RECIPE = """
            seed: 3
            stages: [{type: decode}, {type: language}, {type: license}, {type: exact_dedup}, {type: tokens}]
            output: {formats: [parquet, jsonl]}
            branches:
              - {name: fim, stages: [{type: fim}]}
              - {name: repo_samples, from: exact_dedup, stages: [{type: repo_samples}]}
              - {name: cross_file, from: license, stages: [{type: cross_file_tasks}]}
              - {name: early, from: language, stages: [{type: exact_dedup}, {type: fim}]}
            """;

    @Test
    void branchesRunOnSparkWithTheLocalRunnersFiles(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        write(in.resolve("shop/shop/money.py"), """
                # SPDX-License-Identifier: MIT
                \"\"\"Amounts of money in cents.\"\"\"


                class Money:
                    def __init__(self, cents):
                        self.cents = cents


                def add(a, b):
                    return Money(a.cents + b.cents)
                """);
        write(in.resolve("shop/shop/cart.py"), """
                # SPDX-License-Identifier: MIT
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
                # SPDX-License-Identifier: MIT
                \"\"\"Entry point: fill a cart.\"\"\"
                from shop.cart import Cart
                from shop.money import Money


                def main():
                    cart = Cart()
                    cart.put(Money(250))
                    cart.put(Money(100))
                    return cart.total
                """);
        write(in.resolve("shop/shop/money_copy.py"), Files.readString(in.resolve("shop/shop/money.py")));
        write(in.resolve("bank/src/main/java/bank/Account.java"), """
                // SPDX-License-Identifier: Apache-2.0
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
                // SPDX-License-Identifier: Apache-2.0
                package bank.util;

                /** Fees charged on deposits: one percent. */
                public final class Fees {
                    public static long fee(long amount) {
                        return amount / 100;
                    }
                }
                """);
        write(in.resolve("bank/src/main/java/bank/Teller.java"), """
                // SPDX-License-Identifier: Apache-2.0
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
        Files.writeString(dir.resolve("r.yaml"), RECIPE);
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        String recipe = dir.resolve("r.yaml").toString();
        assertThat(Main.execute("run", in.toString(), "-o", local.toString(), "-q", "--threads", "2",
                "--recipe", recipe)).isZero();
        assertThat(Main.execute("run", "--runner", "spark", "--master", "local[2]", in.toString(), "-o",
                spark.toString(), "-q", "--recipe", recipe)).isZero();

        // What the branches got on the local runner (exact counts of this input).
        JsonNode branches = JSON.readTree(local.resolve("stats.json").toFile()).path("branches");
        assertThat(branches.fieldNames()).toIterable().as("%s", branches)
                .containsExactly("cross_file", "early", "fim", "repo_samples");
        assertThat(branches.path("fim").path("documents").path("in").asLong()).as("fim: the 6 kept files; %s", branches).isEqualTo(6);
        assertThat(branches.path("early").path("documents").path("in").asLong()).as("early: all 7 files").isEqualTo(7);
        assertThat(branches.path("early").path("documents").path("dropped").asLong()).as("early: 1 duplicate; %s", branches.path("early")).isEqualTo(1);
        assertThat(branches.path("repo_samples").path("derived").path("documents").asLong())
                .as("repo_samples: one sample per repository").isEqualTo(2);
        assertThat(branches.path("cross_file").path("derived").path("documents").asLong()).as("cross_file tasks")
                .isPositive();

        for (Path out : List.of(local, spark)) {
            SparkEquivalenceTest.normaliseTimings(out);
            for (String b : List.of("fim", "repo_samples", "cross_file", "early")) {
                SparkEquivalenceTest.normaliseStats(out.resolve(b).resolve("stats.json"));
            }
        }
        List<Path> files = files(local);
        assertThat(files).contains(Path.of("fim/data/part-00000.parquet"), Path.of("repo_samples/ledger/part-00000.parquet"),
                Path.of("cross_file/manifest.json"), Path.of("early/examples.json"), Path.of("early/README.md"),
                Path.of("examples.json"), Path.of("report.html"));
        assertThat(files(spark)).containsExactlyElementsOf(files);
        for (Path f : files) {
            assertThat(java.util.Arrays.equals(Files.readAllBytes(spark.resolve(f)), Files.readAllBytes(local.resolve(f))))
                    .as("%s has the same bytes", f).isTrue();
        }
    }
}
