package org.rebound.dsn.mta;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Sendmail's plain-text bounces (after Sisimai's lib/Sisimai/Lhost/V5sendmail.pm and Sendmail.pm): "Returned
 * mail: ..." subject, "----- Transcript of session follows -----" with "550 &lt;user@host&gt;... reason" lines,
 * then "----- Unsent message follows -----". Sendmail 8's multipart/report DSNs are read by the RFC 3464 parser.
 */
final class SendmailParser extends NoticeParser {

    static boolean recognises(ReturnedMail mail) {
        return mail.subjectLower().startsWith("returned mail:") && mail.text().contains("----- Transcript of session follows");
    }

    @Override
    public String name() {
        return "sendmail";
    }
}
