package dev.codemill.stages.detect;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Strict decoding: {@link CodingErrorAction#REPORT} for malformed and unmappable input, so a
 * candidate charset either yields the whole text or fails at a byte offset; nothing is ever
 * replaced by U+FFFD.
 */
final class StrictDecoder {
    private StrictDecoder() {
    }

    /** Where and how a strict decode failed. */
    static final class Failure {
        int offset;
        String kind = "";
    }

    /** Strict decode of {@code bytes[from..]}; null (and {@code f} filled) on the first bad sequence. */
    static String decode(Charset cs, byte[] bytes, int from, Failure f) {
        CharsetDecoder dec = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int len = bytes.length - from;
        ByteBuffer in = ByteBuffer.wrap(bytes, from, len);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, (long) Math.ceil(len * (double) dec.maxCharsPerByte()) + 4));
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError() && !r.isOverflow()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            f.offset = in.position();
            f.kind = r.isMalformed() ? "malformed" : "unmappable";
            return null;
        }
        if (r.isOverflow()) {   // cannot happen with maxCharsPerByte sizing; be strict anyway
            f.offset = in.position();
            f.kind = "overflow";
            return null;
        }
        String s = new String(out.array(), 0, out.position());
        int bad = cs.name().startsWith("UTF-") ? -1 : s.indexOf('\uFFFD');
        if (bad >= 0) {         // a legacy charset that maps a byte to U+FFFD itself: never keep it
            f.offset = bad;
            f.kind = "replacement character at char";
            return null;
        }
        return s;
    }

    /** Strict decode, null on failure. */
    static String decode(Charset cs, byte[] bytes, int from) {
        return decode(cs, bytes, from, new Failure());
    }
}
