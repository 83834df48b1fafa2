package org.rebound.dsn.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Iso2022JpTest {

    @Test
    void decodesJapaneseWrittenWithIso2022JpEscapes() {
        String raw = "\u001b$B%f!<%6!<\u001b(B Neko (user@example.co.jp) \u001b$B$O\u001b(B Domino "
                + "\u001b$B%G%#%l%/%H%j$K$O8+$D$+$j$^$;$s!#\u001b(B";
        assertEquals("ユーザー Neko (user@example.co.jp) は Domino ディレクトリには見つかりません。",
                Iso2022Jp.decode(raw));
    }

    @Test
    void leavesTextWithoutAnIso2022JpSwitchAsItIs() {
        assertEquals("550 5.1.1 User unknown", Iso2022Jp.decode("550 5.1.1 User unknown"));
        assertEquals("an \u001b[1m escape of a terminal", Iso2022Jp.decode("an \u001b[1m escape of a terminal"));
    }

    @Test
    void leavesEightBitTextAsItIsEvenWithAnEscape() {
        String latin = "caf\u00e9 \u001b$B";
        assertEquals(latin, Iso2022Jp.decode(latin));
    }
}
