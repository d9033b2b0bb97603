package dev.codemill.stages.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenPatternsTest {
    @Test
    void everyPrefixIsSeenAtTheStartMiddleAndEndOfAText() {
        for (int i = 0; i < TokenPatterns.SPECS.size(); i++) {
            for (String p : TokenPatterns.SPECS.get(i).prefixes()) {
                for (String text : new String[] {p, "x " + p + " y", "é\u4e2d" + p}) {
                    assertThat(TokenPatterns.present(text)[i]).as("%s in %s", p, text).isTrue();
                }
            }
        }
    }

    @Test
    void aPrefixCutShortOrWithALookAlikeSecondCharIsNotSeen() {
        int openai = -1;
        for (int i = 0; i < TokenPatterns.SPECS.size(); i++) {
            if (TokenPatterns.SPECS.get(i).type().equals("openai_key")) {
                openai = i;
            }
        }
        assertThat(TokenPatterns.present("sk")[openai]).isFalse();
        assertThat(TokenPatterns.present("s")[openai]).isFalse();
        // 'm' (0x6D) has the same low 6 bits as '-' (0x2D): passes the table, fails the compare
        assertThat(TokenPatterns.present("skm")[openai]).isFalse();
        assertThat(TokenPatterns.present("ask-")[openai]).isTrue();
        assertThat(TokenPatterns.present("")).doesNotContain(true);
    }
}
