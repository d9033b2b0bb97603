package dev.codemill.io;

import dev.codemill.model.Annotations;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a compressed input's stream whole before any record of it is emitted, so that no record
 * of a stream that later fails its check is kept.
 *
 * <p>Readers emit records while they decompress, and the checks of a stream come after the data
 * they cover: gzip's CRC-32 and ISIZE trailer (RFC 1952 §2.3.1) after the last byte, xz's block
 * checks (CRC-32/CRC-64/SHA-256) and bzip2's block and stream CRCs after each block, zstd's
 * optional XXH64 content checksum after each frame. A dump read in one pass has already sent its
 * records onward when the trailer turns out wrong or missing (a truncated download). So
 * {@link #guard} first decompresses the whole input into nothing (one extra decompression of the
 * input) and, when the stream fails, hands back an emitter that turns every record the reader
 * keeps into a {@link IngestRules#CORRUPT_INPUT} quarantine: the input is lost whole, each record
 * counted once, and the run ends with exit code 3 unless bad inputs are tolerated.
 *
 * <p>What the check cannot see: formats without a checksum (lzma alone, Unix {@code .Z}, LZ4 and
 * zstd frames written without their optional content checksum) fail only where the damage breaks
 * their structure; a flipped byte inside their data can decode to other bytes unnoticed.
 */
public final class StreamCheck {
    private StreamCheck() {
    }

    /** Opens the raw (still compressed) bytes of an input, once per pass. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * Decompresses the input to its end, or until {@code maxBytes} decompressed bytes (an input past
     * that is not checked here: the reader's own expansion guard stops it).
     *
     * @return null when the stream ends cleanly (or passes {@code maxBytes}), else the failure
     *         as {@code ExceptionClass: message at decompressed byte N}
     */
    public static String failure(Compression codec, Opener raw, long maxBytes) {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = codec.open(raw.open())) {
            for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    return null;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage() + " at decompressed byte " + total;
        }
    }

    /**
     * {@code out} itself when {@code codec} is {@link Compression#NONE} or the stream checks out
     * ({@link #failure}); else an emitter that quarantines every document the reader keeps as
     * {@code corrupt_input} (empty content, its {@link Keys#LENGTH_BYTES} kept) with detail
     * {@code NAME (CODEC): stream fails its check: FAILURE; no record of it is kept}, and passes
     * the reader's own refusals through unchanged.
     *
     * @param name the input's name for the detail (a file name, or {@code outer.zip!inner.tar.gz})
     */
    public static Emitter guard(Emitter out, Compression codec, Opener raw, long maxBytes, String name) {
        if (codec == Compression.NONE) {
            return out;
        }
        String failure = failure(codec, raw, maxBytes);
        if (failure == null) {
            return out;
        }
        return new Quarantining(out, Verdict.of(IngestRules.CORRUPT_INPUT, name + " ("
                + codec.name().toLowerCase(Locale.ROOT) + "): stream fails its check: " + failure
                + "; no record of it is kept"));
    }

    /** Sends every kept document to quarantine with one verdict. */
    private static final class Quarantining implements Emitter {
        private final Emitter out;
        private final Verdict why;

        Quarantining(Emitter out, Verdict why) {
            this.out = out;
            this.why = why;
        }

        @Override
        public void keep(Document doc) {
            Long len = doc.get(Keys.LENGTH_BYTES);
            Annotations ann = Annotations.EMPTY.with(Keys.LENGTH_BYTES, len == null ? -1L : len);
            out.quarantine(Document.ofBytes(doc.id(), doc.source(), new byte[0], ann), why);
        }

        @Override
        public void drop(Document doc, Verdict v) {
            out.drop(doc, v);
        }

        @Override
        public void quarantine(Document doc, Verdict v) {
            out.quarantine(doc, v);
        }

        @Override
        public void modified(Document changed, List<Verdict> whys) {
            out.modified(changed, whys);
        }

        @Override
        public void count(String metric, long delta) {
            out.count(metric, delta);
        }

        @Override
        public void inputSchema(String input, Map<String, String> fieldTypes) {
            out.inputSchema(input, fieldTypes);
        }
    }
}
