package org.rebound.dsn.mta;

import java.util.List;
import java.util.Map;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * qmail's bounces (after Sisimai's lib/Sisimai/Lhost/qmail.pm and qmail-send's source): "Hi. This is the
 * qmail-send program at ...", one "&lt;address&gt;:" paragraph per recipient, then "--- Below this line is a copy
 * of the message." Many forks (netqmail, vpopmail's vdelivermail, Yahoo's old MTA) keep the format.
 */
class QmailParser extends NoticeParser {

    /** qmail-send's own sentences, which carry no code. */
    private static final List<Map.Entry<String, String>> WORDING = List.of(
            Map.entry("sorry, i couldn't find any host named", "5.1.2"),
            Map.entry("sorry, i couldn't find any host by that name", "5.1.2"),
            Map.entry("sorry, i wasn't able to establish an smtp connection", "4.4.1"),
            Map.entry("sorry, no mailbox here by that name", "5.1.1"),
            Map.entry("this message is looping", "5.4.6"),
            Map.entry("account is locked", "5.0.921"));

    static boolean recognises(ReturnedMail mail) {
        return mail.text().contains("This is the qmail-send program")
                || mail.subjectLower().equals("failure notice") && mail.text().contains("--- Below this line is a copy");
    }

    @Override
    public String name() {
        return "qmail";
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return ownWording(diagnostic, WORDING);
    }
}
