package org.rebound.dsn.format;

/**
 * Bounces from a mail system whose format no reporting-MTA parser claims: read with the shared notice rules. This
 * is what lets Rebound read bounces of MTAs it has never seen, as long as they name the recipient plainly.
 */
public final class GenericBounceParser extends NoticeParser {

    @Override
    public String name() {
        return "generic";
    }

    /** Looks like a bounce: from a mail system, or a subject that says delivery failed. */
    public static boolean recognises(ReturnedMail mail) {
        if (mail.fromMailSystem()) {
            return true;
        }
        String s = mail.subjectLower();
        return s.contains("undeliver") || s.contains("returned mail") || s.contains("delivery fail")
                || s.contains("failure notice") || s.contains("delivery status notification")
                || s.contains("delivery failure") || s.contains("mail delivery") || s.contains("non remis")
                || s.contains("could not be delivered") || s.contains("unzustellbar") || s.contains("not delivered")
                || s.contains("delivery problem") || s.contains("mail failure") || s.contains("returned to sender")
                || s.contains("nondeliverable") || s.contains("rejected");
    }
}
