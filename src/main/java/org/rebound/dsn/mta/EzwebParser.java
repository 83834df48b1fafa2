package org.rebound.dsn.mta;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * au (KDDI) EZweb's "Mail System Error - Returned Mail" notices from Postmaster@ezweb.ne.jp or au.com, after
 * Sisimai's lib/Sisimai/Lhost/EZweb.pm. When au's own spam and domain filter refused the message, the notice
 * carries "X-SPASIGN: NG": the recipient's filter refused it, whatever the notice's sentence says ("filtered").
 */
final class EzwebParser extends NoticeParser {

    static boolean recognises(ReturnedMail mail) {
        String from = mail.fromAddress();
        return (from.equals("postmaster@ezweb.ne.jp") || from.equals("postmaster@au.com"))
                && mail.subjectLower().startsWith("mail system error");
    }

    @Override
    public String name() {
        return "ezweb";
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return mail.headers().first("x-spasign").trim().equalsIgnoreCase("NG") ? "5.0.910" : "";
    }
}
