package dev.codemill.stages.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code no_noise}'s one-pass line figures ({@link NoNoiseChecker.Lines}) equal what the former
 * code gave (kept here as the reference: {@code strip()}, the data-line regex, boxed hash maps)
 * on edge cases, random text and this module's own sources.
 */
class NoNoiseLinesTest {
    private static final Pattern DATA_LINE = Pattern.compile("^[\\s\\[\\]{}(),;:'\"0-9a-fA-FxX.+\\-]*[0-9][\\s\\[\\]{}(),;:'\"0-9a-fA-FxX.+\\-]*$");

    /** The former implementation: {nonBlank, data, firstData, kept, dupLines, firstDup, firstOrigin, keptLine...}. */
    private static List<Integer> reference(List<String> lines) {
        int nonBlank = 0;
        int data = 0;
        int firstData = 0;
        int kept = 0;
        int[] ids = new int[lines.size()];
        int[] keptLine = new int[lines.size()];
        Map<String, Integer> lineIds = new HashMap<>();
        Matcher dataLine = DATA_LINE.matcher("");
        for (int ln = 1; ln <= lines.size(); ln++) {
            String s = lines.get(ln - 1).strip();
            if (s.isEmpty()) {
                continue;
            }
            nonBlank++;
            if (s.length() < 2000 && dataLine.reset(s).matches()) {
                if (data++ == 0) {
                    firstData = ln;
                }
            }
            if (s.length() >= 4 && s.chars().anyMatch(Character::isLetterOrDigit)) {
                Integer id = lineIds.putIfAbsent(s, lineIds.size());
                ids[kept] = id == null ? lineIds.size() - 1 : id;
                keptLine[kept++] = ln;
            }
        }
        boolean[] dup = new boolean[kept];
        Map<Long, Integer> pairs = new HashMap<>();
        Map<Long, Integer> seen = new HashMap<>();
        int firstDup = -1;
        int firstOrigin = -1;
        for (int i = 0; i + 3 <= kept; i++) {
            Integer pair = pairs.putIfAbsent(((long) ids[i] << 32) | ids[i + 1], pairs.size());
            int pairId = pair == null ? pairs.size() - 1 : pair;
            Integer prev = seen.putIfAbsent(((long) pairId << 32) | ids[i + 2], i);
            if (prev != null && prev + 3 <= i) {
                for (int k = i; k < i + 3; k++) {
                    dup[k] = true;
                }
                if (firstDup < 0) {
                    firstDup = i;
                    firstOrigin = prev;
                }
            }
        }
        int dupLines = 0;
        for (boolean d : dup) {
            dupLines += d ? 1 : 0;
        }
        List<Integer> out = new ArrayList<>(List.of(nonBlank, data, firstData, kept, dupLines, firstDup, firstOrigin));
        for (int i = 0; i < kept; i++) {
            out.add(keptLine[i]);
        }
        return out;
    }

    private static List<Integer> fast(String text) {
        NoNoiseChecker.Lines l = NoNoiseChecker.Lines.of(text);
        List<Integer> out = new ArrayList<>(List.of(l.nonBlank, l.data, l.firstData, l.kept, l.dupLines, l.firstDup, l.firstOrigin));
        for (int i = 0; i < l.kept; i++) {
            out.add(l.keptLine[i]);
        }
        return out;
    }

    private static List<String> lines(String text) {
        return new FileContext(text, "a.txt", null, null).lines();
    }

    @Test
    void edgeCasesGiveTheFormerFigures() {
        String[] texts = {"", "\n", "   \n\t\n", "0x1F, 0x2E,\n[1, 2, 3]\n  -1.5e+3  \nabc\n", "\u2003 12 \u2003\n\u00a012\u00a0\n",
                "\u001c12\u001f\n", "caf\u00e9 = 1\ncaf\u00e9 = 1\ncaf\u00e9 = 1\ncaf\u00e9 = 1\ncaf\u00e9 = 1\ncaf\u00e9 = 1\n",
                "\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\nx\ud800y1\n\udc00abc\r\n", "abcd\r\nabcd\nabcd\r\nabcd\nabcd\nabcd\n",
                "Aa12\nBB12\nAa12\nBB12\nAa12\nBB12\nAa12\n", "1".repeat(2000) + "\n" + "1".repeat(1999) + "\n",
                "\u0660\u0661\u0662\u0663\n----\n1234\n(((1)))\n'0'\n\"x\"\n", "abcd\r", "1234\n\r", "\r\n\r\n12", "x\n\n\n"};
        for (String t : texts) {
            assertThat(fast(t)).as(t).isEqualTo(reference(lines(t)));
        }
        NoNoiseChecker.Lines l = NoNoiseChecker.Lines.of("[1, 2]\nx = 1\n\n0xFF,\nname\n");
        assertThat(l.nonBlank).isEqualTo(4);
        assertThat(l.data).isEqualTo(2);
        assertThat(l.firstData).isEqualTo(1);
        assertThat(l.kept).isEqualTo(4);
    }

    @Test
    void randomLinesGiveTheFormerFigures() {
        Random rnd = new Random(20);
        char[] alphabet = {'a', 'b', '1', '2', ' ', '\t', ',', '[', ']', 'x', 'F', '.', '-', '\r', '\n', '\u00e9', '\u00a0', '\u2003',
                '\ud83d', '\ude00', '\u0661', '\u001c', '"', '#', '_'};
        for (int round = 0; round < 300; round++) {
            StringBuilder b = new StringBuilder();
            int n = rnd.nextInt(60);
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                StringBuilder line = new StringBuilder();
                int len = rnd.nextInt(9);
                for (int k = 0; k < len; k++) {
                    line.append(alphabet[rnd.nextInt(alphabet.length)]);
                }
                pool.add(line.toString());
            }
            for (int i = 0; i < n; i++) {
                b.append(pool.get(rnd.nextInt(pool.size()))).append('\n');
            }
            String t = b.toString();
            assertThat(fast(t)).as(t).isEqualTo(reference(lines(t)));
        }
    }

    @Test
    void thisModulesSourcesGiveTheFormerFigures() throws IOException {
        Path src = Path.of("src/main/java/dev/codemill/stages");
        assertThat(src).as("run from the codemill-stages module folder").isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        int repeated = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            List<Integer> expected = reference(lines(text));
            assertThat(fast(text)).as(f.toString()).isEqualTo(expected);
            String crlf = text.replace("\n", "\r\n") + "\r";
            assertThat(fast(crlf)).as(f + " with CRLF").isEqualTo(reference(lines(crlf)));
            repeated += expected.get(4) > 0 ? 1 : 0;
        }
        assertThat(repeated).as("files with repeated windows").isPositive();
    }
}
