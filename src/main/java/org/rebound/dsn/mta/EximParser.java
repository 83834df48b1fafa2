package org.rebound.dsn.mta;

import java.util.List;
import java.util.Map;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Exim's bounces (after Sisimai's lib/Sisimai/Lhost/Exim.pm and Exim's spec, chapter "Bounce and warning
 * messages"): X-Failed-Recipients, "The following address(es) failed:", each address indented on its own line
 * followed by the remote server's words, then "------ This is a copy of the message, including all the headers.
 * ------". cPanel's Exim adds its own sentences.
 */
final class EximParser extends NoticeParser {

    private static final List<Map.Entry<String, String>> WORDING = List.of(
            // cPanel: "The mail server could not deliver mail to ... The account or domain may not exist, ..."
            Map.entry("the account or domain may not exist", "5.0.912"),
            Map.entry("unrouteable address", "5.0.912"),
            Map.entry("all relevant mx records point to non-existent hosts", "5.0.912"),
            Map.entry("retry timeout exceeded", ""),
            Map.entry("mailbox is full", "5.0.922"),
            Map.entry("too many \"received\" headers", "5.0.944"));

    static boolean recognises(ReturnedMail mail) {
        return mail.headers().has("x-failed-recipients")
                || mail.text().contains("This message was created automatically by mail delivery software.");
    }

    @Override
    public String name() {
        return "exim";
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return ownWording(diagnostic, WORDING);
    }
}
