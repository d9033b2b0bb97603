package dev.codemill.io.archive;

import dev.codemill.io.IngestRules;
import dev.codemill.stage.Verdict;
import java.util.zip.CRC32;

/**
 * The integrity checks an archive format carries for its entries, applied to every entry before
 * it is kept ({@link IngestRules#CORRUPT_ENTRY} when one fails).
 *
 * <ul>
 *   <li><b>zip</b>: CRC-32 and uncompressed size of each entry's data against its central-directory
 *       record (APPNOTE.TXT 4.4.7, 4.4.9). commons-compress's {@code ZipFile} checks neither, so a
 *       flipped byte in a stored entry came through as garbage.</li>
 *   <li><b>tar</b>: the header checksum (POSIX ustar {@code chksum}, the sum of the 512 header bytes
 *       with the checksum field read as spaces). commons-compress computes it
 *       ({@code TarArchiveEntry.isCheckSumOK}) but reads on when it fails. Tar has no checksum of
 *       entry data; a compressed tar's data is covered by the stream check instead.</li>
 * </ul>
 */
final class EntryCheck {
    private EntryCheck() {
    }

    /**
     * Checks a zip entry's bytes read whole.
     *
     * @param key          id key of the archive ({@code a.zip} or {@code a.zip!inner.zip})
     * @param expectedCrc  CRC-32 from the central directory, -1 when unknown (then not checked)
     * @param expectedSize uncompressed size from the central directory, -1 when unknown
     * @return null when the bytes match, else a {@code corrupt_entry} verdict
     */
    static Verdict zip(String key, String path, byte[] bytes, long expectedCrc, long expectedSize) {
        if (expectedSize >= 0 && bytes.length != expectedSize) {
            return Verdict.of(IngestRules.CORRUPT_ENTRY, key + "!" + path + ": " + bytes.length
                    + " bytes read, the zip directory says " + expectedSize, bytes.length, expectedSize);
        }
        if (expectedCrc < 0) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        long actual = crc.getValue();
        if (actual == expectedCrc) {
            return null;
        }
        return Verdict.of(IngestRules.CORRUPT_ENTRY, key + "!" + path + ": CRC-32 of the data is " + hex(actual)
                + ", the zip directory says " + hex(expectedCrc), hex(actual), hex(expectedCrc));
    }

    /** A zip entry whose compressed data cannot be decompressed. */
    static Verdict unreadableZipData(String key, String path, Exception e) {
        return Verdict.of(IngestRules.CORRUPT_ENTRY, key + "!" + path + ": data cannot be decompressed: "
                + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** A tar entry whose header checksum does not match its header bytes. */
    static Verdict tarHeader(String key, String rawName, int entryNo) {
        return Verdict.of(IngestRules.CORRUPT_ENTRY, key + "!" + rawName + ": tar header checksum does not match"
                + " (header of entry " + entryNo + "); its name, size and data are not trusted");
    }

    static String hex(long crc) {
        return String.format("%08x", crc);
    }
}
