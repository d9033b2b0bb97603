package dev.codemill.spark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stand-in is known by its file key (device, inode), so it survives the tail's renames; but a
 * stand-in deleted from the view (a branch run's uncommitted attempt, deleted with that run's work
 * folder) frees its inode, and a file the driver writes afterwards (the main output's
 * {@code tokens/megatron-data-args.txt}, a branch folder's marker) may get the same key: ext4 hands
 * a freed inode out again at once. The publish must upload that new file, never rename the deleted
 * stand-in's remote file over it. OUT on {@code file://} (Hadoop's local file system: no cluster).
 */
class RemoteOutStandInTest {
    @TempDir
    Path tmp;

    @Test
    void aFileThatReusesADeletedStandInsInodeIsUploadedNotReplacedByTheStaleRemoteFile() throws Exception {
        Path out = tmp.resolve("out");
        try (RemoteOut r = RemoteOut.claim(out.toUri().toString(), false, new Configuration())) {
            FileSystem fs = HadoopFs.of(r.root(), new Configuration());
            // a duplicate write attempt of a branch: uploaded, never committed
            Path attempt = r.view().resolve(".codemill-work/out/py/.codemill-work/parts/branch/a-7/p-00003");
            Files.createDirectories(attempt);
            try (OutputStream o = fs.create(new org.apache.hadoop.fs.Path(r.target().remoteOf(attempt), "megatron-00000.idx"))) {
                o.write("MMIDIDX\0\0 stale attempt bytes".getBytes(StandardCharsets.ISO_8859_1));
            }
            r.standIns(attempt);
            Path standIn = attempt.resolve("megatron-00000.idx");
            Object inode = Files.readAttributes(standIn, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            Path blend = r.view().resolve("tokens/megatron-data-args.txt");
            Files.createDirectories(blend.getParent());
            // the branch run ends: its work folder goes, with the uncommitted stand-in; then the main tail writes the blend
            Files.delete(standIn);
            Files.writeString(blend, "7 tokens/megatron-00000\n");
            Object now = Files.readAttributes(blend, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            Assumptions.assumeTrue(inode.equals(now), () -> "this file system gave the new file another inode ("
                    + inode + " then " + now + "): the reuse this test needs does not happen here");
            r.publish();
        }
        assertThat(Files.readString(out.resolve("tokens/megatron-data-args.txt"))).isEqualTo("7 tokens/megatron-00000\n");
    }

    @Test
    void aCommittedStandInIsPublishedByRenamingItsRemoteFile() throws Exception {
        Path out = tmp.resolve("out");
        byte[] part = "MMIDIDX\0\0 committed bytes".getBytes(StandardCharsets.ISO_8859_1);
        try (RemoteOut r = RemoteOut.claim(out.toUri().toString(), false, new Configuration())) {
            FileSystem fs = HadoopFs.of(r.root(), new Configuration());
            Path attempt = r.view().resolve(".codemill-work/parts/main/a-1/p-00000");
            Files.createDirectories(attempt);
            try (OutputStream o = fs.create(new org.apache.hadoop.fs.Path(r.target().remoteOf(attempt), "megatron-00000.idx"))) {
                o.write(part);
            }
            r.standIns(attempt);
            assertThat(Files.getLastModifiedTime(attempt.resolve("megatron-00000.idx"))).isEqualTo(RemoteOut.STAND_IN_TIME);
            // the commit's rename, then the swap into the view
            Path committed = r.view().resolve("tokens/megatron-00000.idx");
            Files.createDirectories(committed.getParent());
            Files.move(attempt.resolve("megatron-00000.idx"), committed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            assertThat(Files.size(committed)).isEqualTo(part.length);
            r.publish();
        }
        assertThat(Files.readAllBytes(out.resolve("tokens/megatron-00000.idx"))).isEqualTo(part);
    }
}
