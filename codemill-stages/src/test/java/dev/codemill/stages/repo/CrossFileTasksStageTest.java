package dev.codemill.stages.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.stage.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossFileTasksStageTest {
    static final String MONEY = """
            class Money:
                def __init__(self, cents):
                    self.cents = cents


            def add(a, b):
                return Money(a.cents + b.cents)
            """;
    static final String CART = """
            from shop.money import Money, add


            class Cart:
                def __init__(self):
                    self.total = Money(0)

                def put(self, price):
                    self.total = add(self.total, price)
                    return self.total
            """;
    static final String APP = """
            from shop.cart import Cart
            from shop.money import Money


            def main():
                cart = Cart()
                cart.put(Money(250))
                cart.put(Money(100))
                return cart.total
            """;
    static final String ACCOUNT = """
            package bank;

            public class Account {
                private long balance;

                public void deposit(long amount) {
                    balance += amount;
                }

                public long balance() {
                    return balance;
                }
            }
            """;
    static final String FEES = """
            package bank.util;

            public final class Fees {
                public static long fee(long amount) {
                    return amount / 100;
                }
            }
            """;
    static final String TELLER = """
            package bank;

            import bank.util.Fees;

            public class Teller {
                public Account open(long amount) {
                    Account a = new Account();
                    a.deposit(amount - Fees.fee(amount));
                    return a;
                }
            }
            """;

    private static Document doc(String repo, String path, String text) {
        return Document.ofText(DocId.of(repo + "/" + path), new dev.codemill.model.SourceRef("src", repo, path), text,
                Annotations.EMPTY);
    }

    private static RepoSamplesStageTest.Collect run(Map<String, Object> params, long seed, String repo, String... pathText) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < pathText.length; i += 2) {
            docs.add(doc(repo, pathText[i], pathText[i + 1]));
        }
        docs.sort((x, y) -> x.id().compareTo(y.id()));
        CrossFileTasksStage stage = (CrossFileTasksStage) new CrossFileTasksStageFactory()
                .create(new Params("cross_file_tasks", params, seed));
        RepoSamplesStageTest.Collect out = new RepoSamplesStageTest.Collect();
        stage.processGroup(stage.key(docs.get(0)), docs, out);
        return out;
    }

    static String dump(RepoSamplesStageTest.Collect out) {
        StringBuilder sb = new StringBuilder();
        out.ledger.forEach(l -> sb.append(l).append('\n'));
        for (Document d : out.kept) {
            sb.append(d.source().path()).append(" line=").append(d.get(CrossFileKeys.TARGET_LINE))
                    .append(" target=").append(d.get(CrossFileKeys.TARGET))
                    .append(" sym=").append(d.get(CrossFileKeys.TARGET_SYMBOL))
                    .append(" def=").append(d.get(CrossFileKeys.DEFINED_IN))
                    .append(" ctx=").append(d.get(CrossFileKeys.CONTEXT_FILES))
                    .append(" split=").append(d.get(CrossFileKeys.SPLIT))
                    .append(" tokens=").append(d.get(CrossFileKeys.CONTEXT_TOKENS)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void pythonRepositoryExactTasks() {
        RepoSamplesStageTest.Collect out = run(Map.of(), 7, "acme/shop", "shop/money.py", MONEY, "shop/cart.py", CART,
                "shop/app.py", APP, "README.md", "# shop\n");
        // 4 files, 4 tasks, each derived from its target file, the defining file and the context files;
        // every file is consumed (read as material), with the number of tasks it is the target of
        assertThat(dump(out)).isEqualTo("""
                consume README.md cross_file_source 0
                derive shop/app.py cross_file_task shop/app.py:6 <- 3
                derive shop/app.py cross_file_task shop/app.py:7 <- 3
                consume shop/app.py cross_file_source 2
                derive shop/cart.py cross_file_task shop/cart.py:6 <- 2
                derive shop/cart.py cross_file_task shop/cart.py:9 <- 2
                consume shop/cart.py cross_file_source 2
                consume shop/money.py cross_file_source 0
                shop/app.py line=6 target=    cart = Cart() sym=Cart def=shop/cart.py ctx=[shop/cart.py, shop/money.py] split=train tokens=101
                shop/app.py line=7 target=    cart.put(Money(250)) sym=Money def=shop/money.py ctx=[shop/cart.py, shop/money.py] split=train tokens=101
                shop/cart.py line=6 target=        self.total = Money(0) sym=Money def=shop/money.py ctx=[shop/money.py] split=train tokens=45
                shop/cart.py line=9 target=        self.total = add(self.total, price) sym=add def=shop/money.py ctx=[shop/money.py] split=train tokens=45
                """);
        assertThat(out.details).containsExactly("read for cross-file tasks; target of none (no_grammar)",
                "read for cross-file tasks; target of 2", "read for cross-file tasks; target of 2",
                "read for cross-file tasks; target of none (no_imports)");
        // app.py:7 uses Money from money.py with cart.py and money.py as context: sources app, money, cart
        assertThat(out.sources.get(CrossFileTasksStage.taskId("acme/shop", "shop/app.py", 7))).containsExactly(
                DocId.of("acme/shop/shop/app.py"), DocId.of("acme/shop/shop/money.py"), DocId.of("acme/shop/shop/cart.py"));
        Document t = out.kept.get(3);
        String prefix = String.join("\n", CART.split("\n", -1)).substring(0, CART.indexOf("        self.total = add"));
        assertThat(t.get(CrossFileKeys.PREFIX)).isEqualTo(prefix);
        assertThat(t.text()).isEqualTo("<file_sep>shop/money.py\n" + MONEY + "<file_sep>shop/cart.py\n" + prefix);
        assertThat(t.id()).isEqualTo(CrossFileTasksStage.taskId("acme/shop", "shop/cart.py", 9));
        // the prefix plus the target line is the file up to the end of that line
        assertThat(CART).startsWith(t.get(CrossFileKeys.PREFIX) + t.get(CrossFileKeys.TARGET) + "\n");
    }

    @Test
    void javaRepositoryExactTasksAndDrop() {
        RepoSamplesStageTest.Collect out = run(Map.of(), 7, "acme/bank", "src/main/java/bank/Account.java", ACCOUNT,
                "src/main/java/bank/util/Fees.java", FEES, "src/main/java/bank/Teller.java", TELLER);
        assertThat(dump(out)).isEqualTo("""
                consume src/main/java/bank/Account.java cross_file_source 0
                derive src/main/java/bank/Teller.java cross_file_task src/main/java/bank/Teller.java:7 <- 3
                derive src/main/java/bank/Teller.java cross_file_task src/main/java/bank/Teller.java:8 <- 3
                consume src/main/java/bank/Teller.java cross_file_source 2
                consume src/main/java/bank/util/Fees.java cross_file_source 0
                src/main/java/bank/Teller.java line=7 target=        Account a = new Account(); sym=Account def=src/main/java/bank/Account.java ctx=[src/main/java/bank/Account.java, src/main/java/bank/util/Fees.java] split=train tokens=95
                src/main/java/bank/Teller.java line=8 target=        a.deposit(amount - Fees.fee(amount)); sym=deposit def=src/main/java/bank/Account.java ctx=[src/main/java/bank/Account.java, src/main/java/bank/util/Fees.java] split=train tokens=95
                """);
        assertThat(out.details.get(2)).isEqualTo("read for cross-file tasks; target of none (no_imports)");
        assertThat(CrossFileTasks.definitions(new SourceFile("Account.java", "Java", ACCOUNT)))
                .containsExactly("Account", "balance", "deposit");
        assertThat(CrossFileTasks.definitions(new SourceFile("money.py", "Python", MONEY)))
                .containsExactly("Money", "add"); // module level only: __init__ is a method
    }

    @Test
    void oneTaskPerFileAndTheDrawIsSeeded() {
        RepoSamplesStageTest.Collect out = run(Map.of("max_tasks_per_file", 1), 7, "acme/shop", "shop/money.py", MONEY,
                "shop/cart.py", CART, "shop/app.py", APP, "README.md", "# shop\n");
        assertThat(out.ledger).containsExactly(
                "consume README.md cross_file_source 0",
                "derive shop/app.py cross_file_task shop/app.py:6 <- 3",
                "consume shop/app.py cross_file_source 1",
                "derive shop/cart.py cross_file_task shop/cart.py:9 <- 2",
                "consume shop/cart.py cross_file_source 1",
                "consume shop/money.py cross_file_source 0");
        // same seed, same lines; the 3 candidates of app.py (6, 7, 8) are drawn per seed and file id
        assertThat(run(Map.of("max_tasks_per_file", 1), 7, "acme/shop", "shop/money.py", MONEY, "shop/cart.py", CART,
                "shop/app.py", APP, "README.md", "# shop\n").ledger).isEqualTo(out.ledger);
        java.util.Set<String> lines = new java.util.TreeSet<>();
        for (long seed = 0; seed < 20; seed++) {
            lines.add(run(Map.of("max_tasks_per_file", 1), seed, "acme/shop", "shop/cart.py", CART, "shop/app.py", APP,
                    "shop/money.py", MONEY).ledger.get(0));
        }
        assertThat(lines).containsExactly("derive shop/app.py cross_file_task shop/app.py:6 <- 3",
                "derive shop/app.py cross_file_task shop/app.py:7 <- 3", "derive shop/app.py cross_file_task shop/app.py:8 <- 3");
    }

    @Test
    void contextBudgetAndNoTaskCut() {
        // budget 0: no context file fits; the content is the file's own header and prefix
        RepoSamplesStageTest.Collect out = run(Map.of("context_tokens", 0), 7, "acme/shop", "shop/money.py", MONEY,
                "shop/cart.py", CART);
        assertThat(out.kept).hasSize(2);
        assertThat(out.kept.get(0).get(CrossFileKeys.CONTEXT_FILES)).isEmpty();
        assertThat(out.kept.get(0).text()).isEqualTo("<file_sep>shop/cart.py\n" + out.kept.get(0).get(CrossFileKeys.PREFIX));
        // 3 candidates in b.py, 3 allowed, 2 files: all 3 tasks are emitted (before emit, one outcome slot
        // per input file cut b.py:4)
        String a = "def f():\n    return 1\n";
        String b = "from a import f\nx = f()\ny = f()\nz = f()\n";
        RepoSamplesStageTest.Collect all = run(Map.of("max_tasks_per_file", 3), 7, "r", "a.py", a, "b.py", b);
        assertThat(all.ledger).containsExactly("consume a.py cross_file_source 0",
                "derive b.py cross_file_task b.py:2 <- 2", "derive b.py cross_file_task b.py:3 <- 2",
                "derive b.py cross_file_task b.py:4 <- 2", "consume b.py cross_file_source 3");
    }

    @Test
    void evalSplitIsWholeRepositoriesByNameHash() {
        int eval = 0;
        for (int i = 0; i < 10_000; i++) {
            if (CrossFileTasks.split("repo" + i, 0.1).equals("eval")) {
                eval++;
            }
        }
        assertThat(eval).isEqualTo(1006); // 10.06 % of 10,000 names for eval_share 0.1 (Seeds.uniform, purpose eval_split)
        assertThat(CrossFileTasks.split("acme/shop", 0.1)).isEqualTo("train");
        assertThat(CrossFileTasks.split("acme/shop", 1.0)).isEqualTo("eval");
        assertThat(CrossFileTasks.split("acme/shop", 0.0)).isEqualTo("train");
        RepoSamplesStageTest.Collect out = run(Map.of("eval_share", 1.0), 7, "acme/shop", "shop/money.py", MONEY,
                "shop/cart.py", CART);
        assertThat(out.kept).extracting(d -> d.get(CrossFileKeys.SPLIT)).containsExactly("eval", "eval");
    }
}
