package org.rebound.dsn.mta;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Google Groups' refusals of a post (after Sisimai's lib/Sisimai/Lhost/GoogleGroups.pm): sent by Gmail's
 * mailer-daemon, naming the group in X-Failed-Recipients, explaining in prose (in the sender's language) that the
 * group does not exist or does not accept the post. No server code is given: the group rejected the message,
 * which Sisimai writes as 5.0.918 ("rejected").
 */
final class GoogleGroupsParser extends NoticeParser {

    static boolean recognises(ReturnedMail mail) {
        return mail.fromLower().contains("mailer-daemon@googlemail.com") && mail.headers().has("x-failed-recipients")
                && mail.text().contains("groups.google.com");
    }

    @Override
    public String name() {
        return "googlegroups";
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return "5.0.918";
    }
}
