package org.rebound.dsn.mta;

import java.util.List;
import java.util.Map;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Lotus Notes / Domino's non-standard notices (after Sisimai's lib/Sisimai/Lhost/Notes.pm): "------- Failure
 * Reasons --------", the reason (often in the sender's language), then the recipient; Notes keeps no Message-ID
 * of the original. Domino's RFC 3464 DSNs are read by the RFC 3464 parser.
 */
final class NotesParser extends NoticeParser {

    /** Notes' reasons, in English and in the Japanese of Japanese installations. */
    private static final List<Map.Entry<String, String>> WORDING = List.of(
            Map.entry("user not listed in public name & address book", "5.0.911"),
            Map.entry("not listed in the domino directory", "5.0.911"),
            Map.entry("ディレクトリのリストにありません", "5.0.911"),
            Map.entry("no such user", "5.0.911"));

    static boolean recognises(ReturnedMail mail) {
        return mail.text().contains("------- Failure Reasons");
    }

    @Override
    public String name() {
        return "notes";
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return ownWording(diagnostic, WORDING);
    }
}
