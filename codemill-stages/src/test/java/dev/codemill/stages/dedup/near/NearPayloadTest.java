package dev.codemill.stages.dedup.near;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NearPayloadTest {
    @Test
    void signaturePayloadBytesAreBigEndianAndRoundTrip() {
        byte[] b = new NearPayload("r/a", new int[] {1, -2}, null, new int[] {0x01020304}).encode();
        assertThat(b).containsExactly('S', 0, 0, 0, 3, 'r', '/', 'a', 0, 0, 0, 2,
                0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFE, 0, 0, 0, 1, 1, 2, 3, 4);
        NearPayload p = NearPayload.decode(b);
        assertThat(p.where()).isEqualTo("r/a");
        assertThat(p.signature()).containsExactly(1, -2);
        assertThat(p.bins()).isNull();
        assertThat(p.shingles()).containsExactly(0x01020304);
    }

    @Test
    void binsPayloadWithoutShinglesRoundTrips() {
        byte[] b = new NearPayload("é", null, new long[] {0x0102030405060708L}, null).encode();
        assertThat(b).containsExactly('B', 0, 0, 0, 2, 0xC3, 0xA9, 0, 0, 0, 1,
                1, 2, 3, 4, 5, 6, 7, 8, 0xFF, 0xFF, 0xFF, 0xFF);
        NearPayload p = NearPayload.decode(b);
        assertThat(p.where()).isEqualTo("é");
        assertThat(p.bins()).containsExactly(0x0102030405060708L);
        assertThat(p.signature()).isNull();
        assertThat(p.shingles()).isNull();
    }
}
