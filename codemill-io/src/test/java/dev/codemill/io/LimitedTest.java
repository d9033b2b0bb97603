package dev.codemill.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LimitedTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** A stream handing out at most 3 bytes a call, as a pipe or a decompressor may. */
    private static InputStream trickle(byte[] b) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, 3));
            }
        };
    }

    @Test
    void sameBytesWhateverTheExpectedSize() throws IOException {
        for (int size : new int[] {0, 1, 5, 8191, 8192, 8193, 20_000}) {
            byte[] data = bytes(size);
            for (long expected : new long[] {-1, 0, 1, size - 1L, size, size + 1L, 3L * size + 10}) {
                assertThat(Limited.readAtMost(new ByteArrayInputStream(data), 1_000_000, expected))
                        .as(size + " expecting " + expected).isEqualTo(data);
                assertThat(Limited.readAtMost(trickle(data), 1_000_000, expected)).isEqualTo(data);
            }
            assertThat(Limited.readAtMost(new ByteArrayInputStream(data), 1_000_000)).isEqualTo(data);
        }
    }

    @Test
    void stopsOneByteAfterTheCap() throws IOException {
        byte[] data = bytes(10_000);
        for (long expected : new long[] {0, 100, 10_000, 50_000}) {
            byte[] got = Limited.readAtMost(trickle(data), 4_000, expected);
            assertThat(got).hasSize(4_001).isEqualTo(java.util.Arrays.copyOf(data, 4_001));
        }
        assertThat(Limited.readAtMost(new ByteArrayInputStream(data), 10_000, 10_000)).isEqualTo(data);
        assertThat(Limited.readAtMost(new ByteArrayInputStream(data), 9_999, 10_000)).hasSize(10_000);
        assertThat(Limited.readAtMost(new ByteArrayInputStream(data), 0)).hasSize(1);
    }

    @Test
    void anExactSizeStreamIsReadIntoOneArray() throws IOException {
        byte[] data = bytes(300);
        int[] reads = {0};
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                reads[0]++;
                return super.read(buf, off, len);
            }
        };
        assertThat(Limited.readAtMost(counting, 1_000, 300)).isEqualTo(data);
        assertThat(reads[0]).isEqualTo(1); // one bulk read; the end is found by a one-byte read()
    }
}
