package dev.codemill.stages.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The split scanners ({@link SecretNameScanner#scan}: scanning loop + candidate check;
 * {@link IpScanner#scanV4}: dot loop + candidate) find exactly what the one-method versions found:
 * 20,000 generated config/code lines (names with and without a secret fragment, every operator,
 * quoted and bare values, placeholders, identifiers, IPv4 candidates in version and host
 * context, CRLF), the findings' digest equal to the one the code before the split gave
 * (main a22f504, computed with the same generator).
 */
class RedactScannerSplitTest {
    private static final String[] NAMES = {"password", "DB_PASSWORD", "api_key", "apiKey", "client_secret", "token", "auth_token",
        "secret", "pwd", "x", "user", "settings.SECRET_KEY", "pass", "my-api-key", "AWS_SECRET_ACCESS_KEY"};
    private static final String[] OPS = {"=", " = ", ":", ": ", ":=", "=>", "==", "(", ", ", "  =  ", "\t=", "="};
    private static final String[] PRE = {"", "", "export ", "# ", "- ", "ENV ", "  ", "const ", "put(", "\"", "'", "set "};
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_.~-!#$%:;,<>{}()[] é€😀";

    private static String value(Random r) {
        int k = r.nextInt(10);
        if (k == 0) return "changeme";
        if (k == 1) return "${SECRET}";
        if (k == 2) return "X509_pubkey_st";
        StringBuilder b = new StringBuilder();
        int len = 2 + r.nextInt(r.nextBoolean() ? 12 : 30);
        for (int i = 0; i < len; i++) {
            b.append(k < 6 ? ALPHA.charAt(r.nextInt(62 + 7)) : ALPHA.charAt(r.nextInt(ALPHA.length())));
        }
        return b.toString();
    }

    private static String ip(Random r) {
        int k = r.nextInt(8);
        String a = r.nextInt(300) + "." + r.nextInt(300) + "." + r.nextInt(256) + "." + r.nextInt(256);
        return switch (k) {
            case 0 -> "version " + a;
            case 1 -> "host: " + a;
            case 2 -> a + "/24";
            case 3 -> ">=" + a;
            case 4 -> a + "." + r.nextInt(10);
            case 5 -> "0" + a;
            case 6 -> "8.8.8.8";
            default -> a;
        };
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int lines = 1 + r.nextInt(12);
        for (int l = 0; l < lines; l++) {
            b.append(PRE[r.nextInt(PRE.length)]);
            if (r.nextInt(5) == 0) {
                b.append(ip(r));
            } else {
                String q = r.nextInt(3) == 0 ? "\"" : r.nextInt(4) == 0 ? "'" : "";
                b.append(q).append(NAMES[r.nextInt(NAMES.length)]).append(q);
                b.append(OPS[r.nextInt(OPS.length)]);
                String vq = r.nextInt(2) == 0 ? "\"" : r.nextInt(5) == 0 ? "`" : "";
                b.append(vq).append(value(r)).append(vq);
                if (r.nextInt(4) == 0) b.append(r.nextBoolean() ? ")" : ", x)");
                if (r.nextInt(6) == 0) b.append(" # ").append(value(r));
            }
            b.append(r.nextInt(8) == 0 ? "\r\n" : "\n");
        }
        return b.toString();
    }

    private static long digest(List<Finding> fs, long h) {
        for (Finding f : fs) {
            h = h * 1_000_003L + (f.start() + ":" + f.end() + ":" + f.type() + ":" + f.replacement()).hashCode();
        }
        return h * 31 + fs.size();
    }

    @Test
    void generatedTextsGiveTheFindingsOfTheUnsplitScanners() {
        SecretNameScanner sn = new SecretNameScanner(3.0, 12);
        SecretNameScanner sn8 = new SecretNameScanner(3.0, 8);
        IpScanner ips = new IpScanner(false, false, 42L);
        IpScanner ipsAll = new IpScanner(true, true, 7L);
        Random r = new Random(20261207L);
        long hs = 0;
        long hi = 0;
        int ns = 0;
        int ni = 0;
        for (int k = 0; k < 20000; k++) {
            String t = text(r);
            List<Finding> o = new ArrayList<>();
            sn.scan(t, true, true, o);
            sn8.scan(t, k % 2 == 0, true, o);
            ns += o.size();
            hs = digest(o, hs);
            List<Finding> p = new ArrayList<>();
            ips.scanV4(t, p);
            ipsAll.scanV4(t, p);
            ni += p.size();
            hi = digest(p, hi);
        }
        assertThat(ns).isEqualTo(31577);
        assertThat(hs).isEqualTo(-8578078883555219321L);
        assertThat(ni).isEqualTo(13178);
        assertThat(hi).isEqualTo(-1551064565010269008L);
    }
}
