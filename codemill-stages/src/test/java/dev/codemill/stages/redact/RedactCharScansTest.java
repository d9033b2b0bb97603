package dev.codemill.stages.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanners' loops over a reused {@code char[]} (issue 20: no {@code charAt}/{@code indexOf} per
 * char under C1) find the same places as the {@code String} searches they replace, on edge texts
 * (surrogates, Latin-1 above 0x7F, CRLF, empty, words at both ends, a longer reused array).
 */
class RedactCharScansTest {
    private static final String[] WORDS = {"uthorization", "UTHORIZATION", "Basic ", "Bearer ", "curl", "wget"};
    private static final String[] PIECES = {"uthorization", "UTHORIZATION", "Authorization: Basic ", "Bearer ", "curl", "wget",
        "\"Basic ", "'Bearer x", "cur", "wge", "Bas", "u", "U", "B", "c", "w", "\r\n", "\u00e9", "\ud83d\ude00", ":", ".", "::1",
        "10.0.0.1", "AKIA", "ghp_", "sk-", "xox", " ", "a", "1"};

    private static String randomText(Random r, int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    /** The chars of {@code t} in an array longer than the text, its tail filled with word chars. */
    private static char[] padded(String t) {
        char[] a = (t + "uthorization curl wget Basic AKIA ::1.2").toCharArray();
        return a;
    }

    @Test
    void credentialPlacesAreEveryIndexOfOfEachWord() {
        Random r = new Random(20);
        for (int k = 0; k < 3000; k++) {
            String t = k == 0 ? "" : randomText(r, r.nextInt(30));
            int[][] at = CredentialScanner.places(padded(t), t.length(), true, true);
            for (int w = 0; w < WORDS.length; w++) {
                List<Integer> want = new ArrayList<>();
                for (int i = t.indexOf(WORDS[w]); i >= 0; i = t.indexOf(WORDS[w], i + 1)) {
                    want.add(i);
                }
                List<Integer> got = new ArrayList<>();
                for (int j = 1; at != null && at[w] != null && j <= at[w][0]; j++) {
                    got.add(at[w][j]);
                }
                assertThat(got).as("%s in %s", WORDS[w], t).isEqualTo(want);
            }
        }
        // only the asked-for words
        int[][] cliOnly = CredentialScanner.places("Basic curl".toCharArray(), 10, false, true);
        assertThat(cliOnly[2]).isNull();
        assertThat(cliOnly[4][0]).isEqualTo(1);
        assertThat(cliOnly[4][1]).isEqualTo(6);
        assertThat(CredentialScanner.places("no words here".toCharArray(), 13, true, true)).isNull();
    }

    @Test
    void charIndexOfIsStringIndexOf() {
        Random r = new Random(21);
        for (int k = 0; k < 2000; k++) {
            String t = randomText(r, r.nextInt(20));
            char[] a = padded(t);
            for (char c : new char[] {'.', ':', '\u00e9', '\ude00'}) {
                for (int from = 0; from <= t.length(); from += 1 + r.nextInt(4)) {
                    assertThat(IpScanner.indexOf(a, t.length(), c, from)).isEqualTo(t.indexOf(c, from));
                }
            }
        }
    }

    @Test
    void tokenPrefixesPresentExactlyWhenSomePrefixIsContained() {
        Random r = new Random(22);
        for (int k = 0; k < 3000; k++) {
            String t = k == 0 ? "" : randomText(r, r.nextInt(12));
            boolean[] got = TokenPatterns.present(padded(t), t.length());
            for (int i = 0; i < TokenPatterns.SPECS.size(); i++) {
                boolean want = TokenPatterns.SPECS.get(i).prefixes().stream().anyMatch(t::contains);
                assertThat(got[i]).as("%s in %s", TokenPatterns.SPECS.get(i).prefixes(), t).isEqualTo(want);
            }
        }
    }

    @Test
    void redactorFindsTheSameWithAReusedLongerArray() {
        // a long text first, so the thread's array is longer than (and holds stale chars past) the next texts
        Redactor redactor = new Redactor(Redactor.Options.defaults());
        Random r = new Random(23);
        String longText = randomText(r, 4000);
        List<Finding> first = redactor.find(longText);
        for (int k = 0; k < 300; k++) {
            String t = randomText(r, r.nextInt(40));
            assertThat(redactor.find(t)).as(t).isEqualTo(new Redactor(Redactor.Options.defaults()).find(new String(t.toCharArray())));
        }
        assertThat(redactor.find(longText)).isEqualTo(first);
    }
}
