package dev.codemill.io.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.codemill.io.Inputs;
import dev.codemill.io.Recorder;
import dev.codemill.model.DocId;
import dev.codemill.model.Keys;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryReaderTest {
    @TempDir
    Path tmp;

    static final IngestOptions SMALL = new IngestOptions(100, 100, 2, "content", "path", "repo_name", "blob_id");

    void write(Path p, String s) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    Path tree() throws Exception {
        Path root = tmp.resolve("corpus");
        write(root.resolve("README.md"), "# root\n");
        write(root.resolve("alpha/a.py"), "a = 1\n");
        write(root.resolve("alpha/sub/b.py"), "b = 2\n");
        write(root.resolve("alpha/big.bin"), "x".repeat(101));
        write(root.resolve("alpha/vendor/lib/.git/config"), "[core]\n");
        write(root.resolve("alpha/vendor/lib/c.py"), "c = 3\n");
        write(root.resolve("beta/.git/HEAD"), "ref: refs/heads/main\n");
        write(root.resolve("beta/x.py"), "x = 4\n");
        write(tmp.resolve("outside.txt"), "secret outside the root\n");
        Files.createSymbolicLink(root.resolve("alpha/link_in"), Path.of("a.py"));
        Files.createSymbolicLink(root.resolve("alpha/link_out"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("alpha/rel_out"), Path.of("../../outside.txt"));
        Files.createSymbolicLink(root.resolve("alpha/dirlink"), Path.of("../beta"));
        Files.createSymbolicLink(root.resolve("alpha/dir_out"), tmp);
        return root;
    }

    @Test
    void repositoriesFilesAndRefusals() throws Exception {
        Path root = tree();
        List<Split> splits = Inputs.splits(List.of(root), SMALL);
        Recorder r = Recorder.readAll(splits);
        assertThat(r.keptPaths()).containsExactly("|README.md", "alpha|a.py", "alpha|sub/b.py",
                "alpha/vendor/lib|c.py", "beta|x.py");
        assertThat(r.kept.get(1).id()).isEqualTo(DocId.of("alpha/a.py"));
        assertThat(r.kept.get(1).bytes()).isEqualTo("a = 1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.kept.get(1).get(Keys.LENGTH_BYTES)).isEqualTo(6L);
        assertThat(r.kept.get(0).id()).isEqualTo(DocId.of("/README.md"));
        assertThat(r.rulesByPath()).containsExactly(
                entry("big.bin", "too_large"),
                entry("dir_out", "symlink_outside_root"),
                entry("dirlink", "symlink"),
                entry("link_in", "symlink"),
                entry("link_out", "symlink_outside_root"),
                entry("rel_out", "symlink_outside_root"));
        Recorder.Refusal big = r.refused.get(0);
        assertThat(big.verdict().value()).isEqualTo("101");
        assertThat(big.verdict().limit()).isEqualTo("100");
        assertThat(big.doc().bytes()).isEmpty();
        assertThat(big.doc().get(Keys.LENGTH_BYTES)).isEqualTo(101L);
        assertThat(big.doc().source().repoName()).isEqualTo("alpha");
        // nothing outside the root and nothing from .git was read
        assertThat(r.kept).noneMatch(d -> new String(d.bytes(), StandardCharsets.UTF_8).contains("secret")
                || new String(d.bytes(), StandardCharsets.UTF_8).contains("[core]"));
        // deterministic plan
        assertThat(Inputs.splits(List.of(root), SMALL).stream().map(Split::name).toList())
                .isEqualTo(splits.stream().map(Split::name).toList());
        assertThat(splits).hasSize(4);
    }

    @Test
    void aRootHoldingGitIsOneRepositoryNamedAfterIt() throws Exception {
        Path root = tmp.resolve("myrepo");
        write(root.resolve(".git/HEAD"), "ref\n");
        write(root.resolve("main.py"), "m\n");
        write(root.resolve("pkg/mod.py"), "p\n");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(root), SMALL));
        assertThat(r.keptPaths()).containsExactly("myrepo|main.py", "myrepo|pkg/mod.py");
    }

    @Test
    void aFileThatVanishesAfterPlanningIsUnreadable() throws Exception {
        Path root = tmp.resolve("c");
        write(root.resolve("r/a.py"), "a\n");
        write(root.resolve("r/gone.py"), "g\n");
        List<Split> splits = Inputs.splits(List.of(root), SMALL);
        Files.delete(root.resolve("r/gone.py"));
        Recorder r = Recorder.readAll(splits);
        assertThat(r.keptPaths()).containsExactly("r|a.py");
        assertThat(r.rulesByPath()).containsExactly(entry("gone.py", "unreadable"));
        assertThat(r.refused.get(0).verdict().detail()).startsWith("NoSuchFileException: ");
    }

    @Test
    void bigRepositoriesAreBatchedByCountAndBytes() throws Exception {
        Path root = tmp.resolve("many");
        for (int i = 0; i < 130; i++) {
            write(root.resolve(String.format("r/f%03d.py", i)), "x\n");
        }
        for (int i = 0; i < 3; i++) {
            Path f = root.resolve("s/big" + i + ".bin");
            Files.createDirectories(f.getParent());
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(7L << 20);
            }
        }
        List<Split> splits = Inputs.splits(List.of(root), IngestOptions.DEFAULTS);
        assertThat(splits.stream().map(Split::sizeBytes).toList())
                .containsExactly(128L, 128L, 4L, 14L << 20, 7L << 20);
        assertThat(splits.stream().map(s -> ((DirectoryReader.FileBatch) s).entries().size()).toList())
                .containsExactly(64, 64, 2, 2, 1);
    }

    @Test
    void missingInputsFailBeforeAnyWorkNamingThePath() throws Exception {
        Path root = tree();
        Path missing = tmp.resolve("nope/dump.jsonl");
        assertThatThrownBy(() -> Inputs.splits(List.of(root, missing), SMALL))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aPlainFileIsOneDocumentWithoutRepository() throws Exception {
        Path f = tmp.resolve("script.sh");
        write(f, "echo hi\n");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(f), SMALL));
        assertThat(r.keptPaths()).containsExactly("|script.sh");
        assertThat(r.kept.get(0).id()).isEqualTo(DocId.of("file:" + f.normalize()));
        write(f, "y".repeat(200));
        Recorder big = Recorder.readAll(Inputs.splits(List.of(f), SMALL));
        assertThat(big.rulesByPath()).containsExactly(entry("script.sh", "too_large"));
    }

    /** Runs a shell command in {@code dir} (for names and file kinds Java cannot create). */
    static void sh(Path dir, String cmd) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", cmd).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoOrDeviceNamedAsAnInputIsQuarantinedNotOpened() throws Exception {
        // Before: a FIFO given as INPUT (or as a .jsonl) blocked the run forever in open();
        // /dev/zero was read up to the size limit and /dev/null became an empty "file".
        sh(tmp, "mkfifo pipe.py && mkfifo dump.jsonl && ln -s /dev/zero zero.py");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(tmp.resolve("pipe.py"), tmp.resolve("dump.jsonl"),
                tmp.resolve("zero.py"), Path.of("/dev/null")), SMALL));
        assertThat(r.kept).isEmpty();
        assertThat(r.rulesByPath()).containsExactly(entry("pipe.py", "special_file"), entry("dump.jsonl", "special_file"),
                entry("zero.py", "special_file"), entry("null", "special_file"));
        assertThat(r.refused.get(0).doc().id()).isEqualTo(DocId.of("file:" + tmp.resolve("pipe.py").normalize()));
    }

    @Test
    void aFileNameThatIsNotValidUtf8IsRefusedNotRenamedWithReplacementCharacters() throws Exception {
        // Before: bad\xff.py and bad\xfe.py were both read as "bad\uFFFD.py": the name lost its
        // bytes silently and both files got the same id.
        Path root = tmp.resolve("corpus");
        Files.createDirectories(root.resolve("r"));
        sh(root.resolve("r"), "printf 'a = 1\\n' > \"$(printf 'bad\\377.py')\"; printf 'a = 2\\n' > \"$(printf 'bad\\376.py')\";"
                + " mkdir \"$(printf 'dir\\377')\" && printf 'b = 1\\n' > \"$(printf 'dir\\377')/in.py\"; printf 'ok\\n' > ok.py");
        Recorder r = Recorder.readAll(Inputs.splits(List.of(root), SMALL));
        assertThat(r.keptPaths()).containsExactly("r|ok.py");
        assertThat(r.refused).hasSize(3).allSatisfy(f -> {
            assertThat(f.verdict().rule()).isEqualTo("bad_name");
            assertThat(f.verdict().detail()).contains("not valid in the file-name encoding");
        });
    }
}
