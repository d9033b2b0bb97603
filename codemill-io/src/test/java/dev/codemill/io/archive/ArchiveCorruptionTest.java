package dev.codemill.io.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.codemill.io.Recorder;
import dev.codemill.plan.IngestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries whose bytes fail the archive's own checks (zip CRC-32 and sizes, tar header checksums). */
class ArchiveCorruptionTest {
    @TempDir
    Path tmp;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    /** A zip of entries {name, content, stored?}. */
    static byte[] zip(Object... nameContentStored) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bos)) {
            for (int i = 0; i < nameContentStored.length; i += 3) {
                byte[] data = (byte[]) nameContentStored[i + 1];
                ZipArchiveEntry ze = new ZipArchiveEntry((String) nameContentStored[i]);
                if ((Boolean) nameContentStored[i + 2]) {
                    ze.setMethod(ZipArchiveEntry.STORED);
                    ze.setSize(data.length);
                    ze.setCrc(crc(data));
                }
                z.putArchiveEntry(ze);
                z.write(data);
                z.closeArchiveEntry();
            }
        }
        return bos.toByteArray();
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    Recorder read(String name, byte[] data) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, data);
        Recorder r = new Recorder();
        ArchiveReader.split(f, IngestOptions.DEFAULTS).read(r);
        return r;
    }

    @Test
    void aFlippedByteInAStoredZipEntryIsQuarantinedByItsCrc() throws Exception {
        // Before: b.py was kept as "b = 3\n", bytes that were never archived.
        byte[] good = b("b = 2\n");
        byte[] z = zip("a.py", b("a = 1\n"), true, "b.py", good, true, "c.py", b("c = 3\n"), true);
        int at = indexOf(z, good, 0);
        z[at + 4] = '3';
        Recorder r = read("flip.zip", z);
        assertThat(r.keptPaths()).containsExactly("flip|a.py", "flip|c.py");
        assertThat(r.rulesByPath()).containsExactly(entry("b.py", "corrupt_entry"));
        String actual = String.format("%08x", crc(b("b = 3\n")));
        String expected = String.format("%08x", crc(good));
        assertThat(r.refused.get(0).verdict().detail()).isEqualTo(
                "flip.zip!b.py: CRC-32 of the data is " + actual + ", the zip directory says " + expected);
        assertThat(r.refused.get(0).verdict().value()).isEqualTo(actual);
        assertThat(r.refused.get(0).verdict().limit()).isEqualTo(expected);
        assertThat(r.refused.get(0).doc().id().value()).isEqualTo(dev.codemill.model.DocId.of("flip.zip!b.py").value());
    }

    @Test
    void aZipEntryWhoseDeflatedDataBreaksIsQuarantinedAndLaterEntriesAreRead() throws Exception {
        // Before: the inflater's error ended the whole archive as bad_archive, losing c.py.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("x").append(i).append(" = ").append(i * 31 % 97).append('\n');
        }
        byte[] z = zip("a.py", b("a = 1\n"), true, "big.py", b(text.toString()), false, "c.py", b("c = 3\n"), true);
        int name = indexOf(z, b("big.py"), 0);
        for (int i = name + 40; i < name + 60; i++) {
            z[i] ^= (byte) 0x5a; // 20 bytes inside the deflate stream
        }
        Recorder r = read("bad.zip", z);
        assertThat(r.keptPaths()).containsExactly("bad|a.py", "bad|c.py");
        assertThat(r.rulesByPath()).containsExactly(entry("big.py", "corrupt_entry"));
        assertThat(r.refused.get(0).verdict().detail()).startsWith("bad.zip!big.py: ");
    }

    @Test
    void aNestedZipEntryIsCheckedToo() throws Exception {
        byte[] good = b("inner = 1\n");
        byte[] inner = zip("i.py", good, true);
        inner[indexOf(inner, good, 0) + 8] = '2';
        byte[] outer = zip("o.py", b("o = 1\n"), true, "lib/inner.zip", inner, true);
        Recorder r = read("outer.zip", outer);
        assertThat(r.keptPaths()).containsExactly("outer|o.py");
        assertThat(r.rulesByPath()).containsExactly(entry("lib/inner.zip!/i.py", "corrupt_entry"));
        assertThat(r.refused.get(0).verdict().detail()).startsWith("outer.zip!lib/inner.zip!i.py: CRC-32 of the data is ");
    }

    @Test
    void aTarHeaderWithABadChecksumIsQuarantinedNotKeptUnderAnotherName() throws Exception {
        // Before: flipping 'b' to 'c' in the second header's name kept b.py's bytes as a second c.py.
        byte[] tar = ArchiveGuardsTest.tar(ArchiveGuardsTest.m("a.py", b("a = 1\n"), "b.py", b("b = 2\n"),
                "c.py", b("c = 3\n")));
        tar[1024] ^= 0x01; // first byte of entry 2's name: b -> c
        Recorder r = read("t.tar", tar);
        assertThat(r.keptPaths()).containsExactly("t|a.py", "t|c.py");
        assertThat(r.rulesByPath()).containsExactly(entry("c.py", "corrupt_entry"));
        assertThat(r.refused.get(0).verdict().detail()).isEqualTo(
                "t.tar!c.py: tar header checksum does not match (header of entry 2); its name, size and data are not trusted");
        assertThat(r.kept.get(1).bytes()).isEqualTo(b("c = 3\n"));
    }

    @Test
    void aTarHeaderWhoseSizeFieldBreaksIsQuarantinedAndTheArchiveEndsWithBadArchive() throws Exception {
        // The size field of entry 2 flipped: its header fails the checksum, and the stream cannot be
        // followed past it (before: a.py kept, then bad_archive, b.py never named).
        byte[] tar = ArchiveGuardsTest.tar(ArchiveGuardsTest.m("a.py", b("a = 1\n"), "b.py", b("b = 2\n"),
                "c.py", b("c = 3\n")));
        tar[1024 + 124 + 5] ^= 0x01;
        Recorder r = read("s.tar", tar);
        assertThat(r.keptPaths()).containsExactly("s|a.py");
        assertThat(r.rulesByPath()).containsExactly(entry("b.py", "corrupt_entry"), entry("s.tar", "bad_archive"));
        assertThat(r.refused.get(1).verdict().detail()).isEqualTo(
                "cannot read archive s.tar after 2 entries: IOException: Truncated TAR archive");
    }

    @Test
    void aTgzWhoseCrcTrailerIsFlippedKeepsNoEntry() throws Exception {
        // Before: a.py and b.py were kept, then bad_archive for the trailer.
        byte[] tgz = ArchiveGuardsTest.gzip(ArchiveGuardsTest.tar(ArchiveGuardsTest.m("a.py", b("a = 1\n"),
                "b.py", b("b = 2\n"))));
        tgz[tgz.length - 8] ^= 0x01;
        Recorder r = read("crc.tgz", tgz);
        assertThat(r.kept).isEmpty();
        assertThat(r.rulesByPath()).containsExactly(entry("a.py", "corrupt_input"), entry("b.py", "corrupt_input"),
                entry("crc.tgz", "bad_archive"));
        assertThat(r.refused.get(0).verdict().detail()).isEqualTo("crc.tgz (gzip): stream fails its check: "
                + "ZipException: Corrupt GZIP trailer at decompressed byte 3072; no record of it is kept");
        assertThat(r.refused.get(2).verdict().detail()).isEqualTo(
                "cannot read archive crc.tgz after 2 entries: ZipException: Corrupt GZIP trailer");
    }

    @Test
    void aCorruptTgzNestedInAZipLosesOnlyItsOwnEntries() throws Exception {
        byte[] tgz = ArchiveGuardsTest.gzip(ArchiveGuardsTest.tar(ArchiveGuardsTest.m("i.py", b("i = 1\n"))));
        tgz[tgz.length - 8] ^= 0x01;
        byte[] outer = zip("o.py", b("o = 1\n"), true, "lib/in.tgz", tgz, true);
        Recorder r = read("outer.zip", outer);
        assertThat(r.keptPaths()).containsExactly("outer|o.py");
        assertThat(r.rulesByPath()).containsExactly(entry("lib/in.tgz!/i.py", "corrupt_input"),
                entry("lib/in.tgz", "bad_archive"));
        assertThat(r.refused.get(0).verdict().detail()).startsWith("outer.zip!lib/in.tgz (gzip): stream fails its check: ");
    }
}
