package org.rebound.dsn.mta;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.phrase.PhraseBook;

/**
 * Exchange Server 2003's notices ("did not reach the following recipient(s):"), after Sisimai's
 * lib/Sisimai/Lhost/Exchange2003.pm: each recipient's line ends with an MSEXCH diagnostic whose eight-digit
 * hexadecimal error code, in parentheses ("MSEXCH:IMS:... 0 (000C05A6) Unknown Recipient"), states the reason. A
 * line without a code is left to the shared rules.
 */
final class Exchange2003Parser extends NoticeParser {

    /** Exchange's error codes are data: rules/phrases/mta-wording.yaml, under this parser's name. */
    private static final String WORDING = "exchange2003";

    static boolean recognises(ReturnedMail mail) {
        return mail.text().contains("MSEXCH:");
    }

    @Override
    public String name() {
        return "exchange2003";
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        int msexch = diagnostic.indexOf("MSEXCH:");
        return msexch < 0 ? "" : ownWording(diagnostic.substring(msexch), PhraseBook.shipped().wording(WORDING));
    }
}
