package org.rebound.dsn.mta;

import java.util.List;
import java.util.Map;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.phrase.PhraseBook;

/**
 * qmail's bounces (after Sisimai's lib/Sisimai/Lhost/qmail.pm and qmail-send's source): "Hi. This is the
 * qmail-send program at ...", one "&lt;address&gt;:" paragraph per recipient, then "--- Below this line is a copy
 * of the message." Many forks (netqmail, vpopmail's vdelivermail, Yahoo's old MTA) keep the format.
 */
class QmailParser extends NoticeParser {


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
        return ownWording(diagnostic, PhraseBook.shipped().wording(name()));
    }
}
