package dev.codemill.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A git repository written at test time with JGit: nine commits whose every change the history
 * tests know — a root commit of four files (one binary, one holding a secret), a small bug fix, a
 * rename with an edit, the commit that removes the secret, a docstring added on a side branch, a
 * README, a merge with an evil change, a revert and a WIP commit. Author and committer times are
 * fixed (one minute apart from {@link #T0}), so commit ids are the same on every run.
 */
final class HistoryFixture {
    static final long T0 = 1_700_000_000L;
    /** A GitHub token shape the redactor knows (ghp_ + 36 characters); not a real token. */
    static final String SECRET = "ghp_" + "Zq3Lr8Vt2Nw6Xb1Pk9Hs4Jd7Mf0Gc5Ya2Ue8";

    static final String APP_V1 = """
            import sys


            def parse(line):
                parts = line.split(",")
                return [p.strip() for p in parts]


            def first(items):
                return items[0]


            def main():
                for line in sys.stdin:
                    print(first(parse(line)))
            """;
    static final String APP_V2 = APP_V1.replace("""
            def first(items):
                return items[0]
            """, """
            def first(items):
                if not items:
                    return None
                return items[0]
            """);
    static final String APP_V3 = APP_V2.replace("""
            def parse(line):
                parts""", """
            def parse(line):
                \"\"\"Split a comma-separated line into stripped fields.\"\"\"
                parts""");
    static final String HELPERS = """
            def clamp(value, low, high):
                if value < low:
                    return low
                if value > high:
                    return high
                return value


            def mean(values):
                return sum(values) / len(values)
            """;
    static final String UTILS = HELPERS.replace("return sum(values) / len(values)",
            "return sum(values) / max(len(values), 1)");
    static final String UTILS_MERGED = UTILS + "\n\ndef total(values):\n    return sum(values)\n";
    static final String CONFIG_V1 = "API_URL = \"https://api.example.org/v1\"\nGITHUB_TOKEN = \"" + SECRET + "\"\nTIMEOUT = 30\n";
    static final String CONFIG_V2 = "import os\n\nAPI_URL = \"https://api.example.org/v1\"\nGITHUB_TOKEN = os.environ[\"GITHUB_TOKEN\"]\nTIMEOUT = 30\n";
    static final String README = "# Parser\n\nRead comma-separated lines from standard input and print the first field.\n";
    static final byte[] LOGO = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};

    /** Commit subject → commit id, in the order written. */
    final Map<String, String> commits = new LinkedHashMap<>();
    final Path dir;

    private HistoryFixture(Path dir) {
        this.dir = dir;
    }

    static HistoryFixture write(Path dir) throws Exception {
        HistoryFixture f = new HistoryFixture(dir);
        f.build();
        return f;
    }

    private void build() throws Exception {
        Files.createDirectories(dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            put("app.py", APP_V1);
            put("helpers.py", HELPERS);
            put("config.py", CONFIG_V1);
            Files.write(dir.resolve("logo.png"), LOGO);
            commit(git, "Add the parser and its helpers", 0);
            put("app.py", APP_V2);
            commit(git, "Fix crash when the input line is empty", 1);
            Files.delete(dir.resolve("helpers.py"));
            put("utils.py", UTILS);
            git.rm().addFilepattern("helpers.py").call();
            commit(git, "Rename the helpers module to utils", 2);
            put("config.py", CONFIG_V2);
            commit(git, "Remove the hard-coded token from the config", 3);
            git.branchCreate().setName("docs").call();
            git.checkout().setName("docs").call();
            put("app.py", APP_V3);
            commit(git, "Add a docstring to the parse function", 4);
            git.checkout().setName("main").call();
            put("README.md", README);
            commit(git, "Document how to run the parser", 5);
            git.merge().include(git.getRepository().resolve("docs")).setCommit(false)
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).call();
            put("utils.py", UTILS_MERGED);
            commit(git, "Merge branch 'docs'", 6);
            RevCommit readme = git.getRepository().parseCommit(git.getRepository().resolve(commits.get("Document how to run the parser")));
            git.revert().include(readme).call();
            // the revert's own commit: its time comes from the clock, so amend it with fixed times
            amendTimes(git, 7);
            put("app.py", APP_V3.replace("print(first(parse(line)))", "print(first(parse(line.rstrip())))"));
            commit(git, "WIP parser tweaks", 8);
        }
    }

    private void put(String path, String text) throws IOException {
        Files.writeString(dir.resolve(path), text, StandardCharsets.UTF_8);
    }

    private static PersonIdent who(int minute) {
        return new PersonIdent("Ada Tester", "ada@example.org", Instant.ofEpochSecond(T0 + 60L * minute), ZoneOffset.UTC);
    }

    private void commit(Git git, String subject, int minute) throws Exception {
        git.add().addFilepattern(".").call();
        RevCommit c = git.commit().setMessage(subject).setAuthor(who(minute)).setCommitter(who(minute)).call();
        commits.put(subject, c.getId().name());
    }

    private void amendTimes(Git git, int minute) throws Exception {
        RevCommit head = git.getRepository().parseCommit(git.getRepository().resolve("HEAD"));
        RevCommit c = git.commit().setAmend(true).setMessage(head.getFullMessage()).setAuthor(who(minute))
                .setCommitter(who(minute)).call();
        commits.put(c.getShortMessage(), c.getId().name());
    }

    /** {@code git show REV:PATH} by the git program (outside Codemill), as UTF-8. */
    String gitShow(String rev, String path) throws Exception {
        Process p = new ProcessBuilder("git", "-C", dir.toString(), "show", rev + ":" + path).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new AssertionError("git show " + rev + ":" + path + " failed: " + new String(p.getErrorStream().readAllBytes()));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Whether the git program can run here. */
    static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
