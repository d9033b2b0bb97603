package dev.codemill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spill frames: {@link SpillOutput} writes DataOutputStream's bytes, {@link SpillInput} reads them
 * back and stops at the frame's end; a document's text survives a spill exactly as a
 * {@code getBytes(UTF_8)} round trip, ASCII texts tagged {@code A}.
 */
class SpillFramesTest {
    private static final SourceRef SRC = new SourceRef("in", "org/r", "a.py");

    /** Texts that matter to the codec: empty, ASCII, CRLF, Latin-1 above 0x7F, BMP, pairs, lone surrogates. */
    private static final List<String> EDGE = List.of("", "a", "def f():\r\n    return 1\r\n", "caf\u00e9 \u00ff\u0080",
            "\u20ac \u4e2d\u6587", "emoji \ud83d\ude00 pair", "lone \ud800 high", "lone \udc00 low", "end \ud83d",
            "\u0000nul\u007f", "\t\n\u000b\f\r");

    @Test
    void spillOutputWritesTheBytesOfDataOutputStream() throws IOException {
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(want);
        SpillOutput s = new SpillOutput(2); // grows
        for (java.io.DataOutput out : List.<java.io.DataOutput>of(o, s)) {
            out.writeInt(-2);
            out.writeLong(0x0102030405060708L);
            out.writeDouble(-0.5);
            out.writeFloat(1.25f);
            out.writeShort(0xfedc);
            out.writeChar('\u20ac');
            out.writeBoolean(true);
            out.writeByte(0x80);
            out.write(new byte[] {9, 8, 7}, 1, 2);
            out.writeBytes("ab");
            out.writeChars("\u00e9z");
            out.writeUTF("x\u0000\ud83d");
        }
        assertThat(java.util.Arrays.copyOf(s.array(), s.size())).isEqualTo(want.toByteArray());
        s.putInt(0, 7);
        assertThat(s.array()[3]).isEqualTo((byte) 7);
        s.reset();
        assertThat(s.size()).isZero();
    }

    @Test
    void spillInputReadsThemBackAndEndsAtTheFrame() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(-2);
        o.writeLong(0x0102030405060708L);
        o.writeDouble(-0.5);
        o.writeShort(0xfedc);
        o.writeBoolean(true);
        o.writeByte(0x80);
        o.writeUTF("x\u0000\ud83d");
        byte[] all = b.toByteArray();
        byte[] framed = new byte[all.length + 3];
        System.arraycopy(all, 0, framed, 1, all.length); // a frame inside a larger array
        SpillInput in = new SpillInput(framed, 1, 1 + all.length);
        assertThat(in.readInt()).isEqualTo(-2);
        assertThat(in.readLong()).isEqualTo(0x0102030405060708L);
        assertThat(in.readDouble()).isEqualTo(-0.5);
        assertThat(in.readUnsignedShort()).isEqualTo(0xfedc);
        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readUnsignedByte()).isEqualTo(0x80);
        assertThat(in.readUTF()).isEqualTo("x\u0000\ud83d");
        assertThat(in.remaining()).isZero();
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class); // the 3 bytes after the frame are not its own
        assertThat(in.read()).isEqualTo(-1);
    }

    private static Document spilled(Document d) throws IOException {
        SpillOutput out = new SpillOutput(16);
        DocumentCodec.write(d, out);
        SpillInput in = new SpillInput(out.array(), 0, out.size());
        Document back = DocumentCodec.read(in);
        assertThat(in.remaining()).isZero();
        // the generic streams read the same bytes to the same document
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DocumentCodec.write(d, new DataOutputStream(b));
        assertThat(b.toByteArray()).isEqualTo(java.util.Arrays.copyOf(out.array(), out.size()));
        Document viaStream = DocumentCodec.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
        assertThat(viaStream).isEqualTo(back);
        return back;
    }

    private static void assertSpillsLikeGetBytes(String text) throws IOException {
        Document d = Document.ofText(DocId.of("d"), SRC, text, Annotations.ofRaw(Map.of("note", text)));
        Document back = spilled(d);
        String expected = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(back.text()).isEqualTo(expected);
        assertThat(back.annotations().asMap().get("note")).isEqualTo(expected);
        // read back from all-ASCII bytes (ASCII chars and unpaired surrogates, written as '?'): known ASCII
        assertThat(back.isKnownAscii()).isEqualTo(expected.chars().allMatch(c -> c < 0x80));
        Document again = spilled(back); // a second spill (a known-ASCII text copied as bytes) changes nothing
        assertThat(again).isEqualTo(back);
        assertThat(again.isKnownAscii()).isEqualTo(back.isKnownAscii());
    }

    @Test
    void edgeTextsSpillAsAGetBytesRoundTrip() throws IOException {
        for (String t : EDGE) {
            assertSpillsLikeGetBytes(t);
        }
    }

    @Test
    void randomTextsSpillAsAGetBytesRoundTrip() throws IOException {
        Random r = new Random(20);
        char[] pool = {'a', 'Z', ' ', '\n', '\r', '\t', '~', '\u007f', '\u0080', '\u00e9', '\u00ff', '\u0100', '\u07ff',
                '\u0800', '\u20ac', '\uffff', '\ud83d', '\ude00', '\ud800', '\udfff'};
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            boolean ascii = r.nextBoolean();
            for (int j = 0; j < n; j++) {
                sb.append(ascii ? (char) r.nextInt(0x80) : pool[r.nextInt(pool.length)]);
            }
            assertSpillsLikeGetBytes(sb.toString());
        }
    }

    @Test
    void anAsciiTextIsTaggedAAndOtherTextsT() throws IOException {
        SpillOutput out = new SpillOutput(16);
        DocumentCodec.write(Document.ofText(DocId.of("d"), SRC, "x\r\n", Annotations.EMPTY), out);
        int at = 4 * 4 + DocId.of("d").value().length() + "in".length() + "org/r".length() + "a.py".length();
        assertThat(out.array()[at]).isEqualTo((byte) 'A');
        out.reset();
        DocumentCodec.write(Document.ofText(DocId.of("d"), SRC, "\u00e9", Annotations.EMPTY), out);
        assertThat(out.array()[at]).isEqualTo((byte) 'T');
        out.reset();
        DocumentCodec.write(Document.ofAsciiText(DocId.of("d"), SRC, "x\r\n", Annotations.EMPTY), out);
        assertThat(out.array()[at]).isEqualTo((byte) 'A');
        assertThat(java.util.Arrays.copyOfRange(out.array(), at + 1, at + 8)).containsExactly(0, 0, 0, 3, 'x', '\r', '\n');
    }

    @Test
    void aStoreReadsWhatItWroteAndAFrameItsCodecDoesNotReadWholeIsCorrupt(@TempDir Path dir) throws IOException {
        List<Document> docs = new ArrayList<>();
        StringBuilder big = new StringBuilder();
        while (big.length() < 3 << 20) { // larger than the frame arrays a thread keeps
            big.append("line ").append(big.length()).append(" \u00e9\n");
        }
        docs.add(Document.ofText(DocId.of("big"), SRC, big.toString(), Annotations.EMPTY));
        for (String t : EDGE) {
            docs.add(Document.ofText(DocId.of("e" + docs.size()), SRC, t, Annotations.EMPTY));
        }
        try (SpillStore<Document> s = new SpillStore<>(dir.resolve("docs"), 1, SpillStore.DOCUMENTS)) {
            docs.forEach(d -> s.appendTo(0, d));
            s.close();
            List<Document> back = s.read(0, false);
            assertThat(back).hasSize(docs.size());
            for (int i = 0; i < docs.size(); i++) {
                assertThat(back.get(i).text()).isEqualTo(
                        new String(docs.get(i).text().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
        }
        SpillStore.Codec<Integer> shortReader = new SpillStore.Codec<>() {
            @Override
            public void write(Integer v, java.io.DataOutput out) throws IOException {
                out.writeInt(v);
                out.writeInt(v);
            }

            @Override
            public Integer read(java.io.DataInput in) throws IOException {
                return in.readInt();
            }
        };
        try (SpillStore<Integer> s = new SpillStore<>(dir.resolve("ints"), 1, shortReader)) {
            s.appendTo(0, 5);
            s.close();
            assertThatThrownBy(() -> s.read(0, false)).isInstanceOf(IOException.class)
                    .hasMessageContaining("leaves 4 of its 8 bytes unread");
        }
        Path f = dir.resolve("ints/spill-00000.bin");
        byte[] torn = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(torn, torn.length - 1));
        try (SpillStore<Integer> s = new SpillStore<>(dir.resolve("ints"), 1, shortReader)) {
            assertThatThrownBy(() -> s.read(0, false)).isInstanceOf(IOException.class).hasMessageContaining("truncated spill file");
        }
    }
}
