package dev.codemill.stages.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.stage.Check;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinaryDetectorTest {
    private static final BinaryDetector DEFAULTS = BinaryDetector.defaults();

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void knownSignatures() {
        assertThat(DEFAULTS.magic(bytes(0x1F, 0x8B, 0x08, 0x00))).isEqualTo("gzip");
        assertThat(DEFAULTS.magic(bytes('P', 'K', 3, 4, 20, 0))).isEqualTo("zip");
        assertThat(DEFAULTS.magic(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1))).isEqualTo("elf");
        assertThat(DEFAULTS.magic("%PDF-1.7\n%text\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("pdf");
        assertThat(DEFAULTS.magic(bytes(0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61))).isEqualTo("java_class");
        assertThat(DEFAULTS.magic(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo("jpeg");
        assertThat(DEFAULTS.magic("GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("gif");
        assertThat(DEFAULTS.magic(bytes(0x95, 0x04, 0x12, 0xDE))).isEqualTo("gettext_mo");
        assertThat(DEFAULTS.magic(bytes(0x28, 0xB5, 0x2F, 0xFD))).isEqualTo("zstd");
        assertThat(DEFAULTS.magic("BZh91AY&SY".getBytes(StandardCharsets.US_ASCII))).isEqualTo("bzip2");
        assertThat(DEFAULTS.magic("BZh is a prefix\n".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(DEFAULTS.magic("GIF is a format\n".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(DEFAULTS.magic(new byte[0])).isNull();
    }

    @Test
    void magicCheckNamesTheSignatureInHex() {
        Check c = DEFAULTS.inspectBytes(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0), 0);
        assertThat(c.passed()).isFalse();
        assertThat(c.rule()).isEqualTo("binary");
        assertThat(c.detail()).isEqualTo("magic:elf");
        assertThat(c.value()).isEqualTo("7f454c46");
    }

    @Test
    void textWhoseLinesStartWithGEvery188BytesIsNotMpegTs() {
        byte[] b = new byte[188 * 3];
        Arrays.fill(b, (byte) 'x');
        for (int p = 0; p < b.length; p += 188) {
            b[p] = 'G';
            b[p + 187] = '\n';
        }
        assertThat(DEFAULTS.magic(b)).isNull();
        assertThat(DEFAULTS.inspectBytes(b, 0).passed()).isTrue();
        b[2] = 0x11;   // a control byte in the first packet header: now it is a transport stream
        assertThat(DEFAULTS.magic(b)).isEqualTo("mpeg_ts");
        b[376] = 'g';  // ... unless a later sync byte is missing
        assertThat(DEFAULTS.magic(b)).isNull();
    }

    @Test
    void nulBytesInsideTheWindowOnly() {
        byte[] b = new byte[40];
        Arrays.fill(b, (byte) 'a');
        b[20] = 0;
        BinaryDetector small = new BinaryDetector(16, 0.3);
        assertThat(small.inspectBytes(b, 0).passed()).isTrue();   // the NUL is past the 16-byte window
        Check c = DEFAULTS.inspectBytes(b, 0);
        assertThat(c.detail()).isEqualTo("nul_bytes");
        assertThat(c.value()).isEqualTo("1");
        assertThat(c.limit()).isEqualTo("<= 0");
    }

    @Test
    void controlShareAboveTheLimitIsBinaryAtTheLimitIsText() {
        byte[] at = bytes(1, 2, 3, 'a', 'b', 'c', 'd', 'e', 'f', 'g');           // 3 of 10
        byte[] above = bytes(1, 2, 3, 0x7F, 'b', 'c', 'd', 'e', 'f', 'g');       // 4 of 10 (DEL counts)
        assertThat(DEFAULTS.inspectBytes(at, 0).passed()).isTrue();
        assertThat(DEFAULTS.inspectBytes(at, 0).value()).isEqualTo("0.3");
        Check c = DEFAULTS.inspectBytes(above, 0);
        assertThat(c.passed()).isFalse();
        assertThat(c.detail()).isEqualTo("control_bytes");
        assertThat(c.value()).isEqualTo("0.4");
        assertThat(c.limit()).isEqualTo("<= 0.3");
        assertThat(c.toVerdict().detail()).isEqualTo("control_bytes");
    }

    @Test
    void tabNewlineCarriageReturnFormFeedAndEscapeAreText() {
        byte[] b = "\u001b[31mred\u001b[0m\f\t\r\n".getBytes(StandardCharsets.US_ASCII);
        Check c = DEFAULTS.inspectBytes(b, 0);
        assertThat(c.passed()).isTrue();
        assertThat(c.value()).isEqualTo("0");
        // vertical tab and backspace are controls
        assertThat(DEFAULTS.inspectBytes(bytes(0x0B, 0x08, 'a'), 0).detail()).isEqualTo("control_bytes");
    }

    @Test
    void windowStartsAfterTheBom() {
        BinaryDetector four = new BinaryDetector(4, 0.3);
        byte[] b = bytes(0xEF, 0xBB, 0xBF, 'a', 'b', 'c', 'd', 0);
        assertThat(four.inspectBytes(b, 3).passed()).isTrue();
        assertThat(four.inspectBytes(b, 4).detail()).isEqualTo("nul_bytes");
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new BinaryDetector(0, 0.3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BinaryDetector(10, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BinaryDetector(10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
