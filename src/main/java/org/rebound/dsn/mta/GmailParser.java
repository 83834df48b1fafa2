package org.rebound.dsn.mta;

import java.util.List;
import java.util.Map;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.phrase.PhraseBook;

/**
 * Gmail's plain-text notices (after Sisimai's lib/Sisimai/Lhost/Gmail.pm): from mailer-daemon@googlemail.com,
 * "Delivery to the following recipient failed permanently:" (or "has been delayed:"), the address indented on its
 * own line, "Technical details of ... failure:", the remote server's words, then "----- Original message -----".
 */
final class GmailParser extends NoticeParser {


    static boolean recognises(ReturnedMail mail) {
        return mail.fromAddress().equals("mailer-daemon@googlemail.com")
                && (mail.text().contains("Delivery to the following recipient")
                || mail.text().contains("Technical details of"));
    }

    @Override
    public String name() {
        return "gmail";
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return ownWording(diagnostic, PhraseBook.shipped().wording(name()));
    }
}
