package org.rebound.dsn.mta;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * KDDI's au one net / ezweb error notices (after Sisimai's lib/Sisimai/Lhost/KDDI.pm): from no-reply at a
 * dion.ne.jp or ezweb.ne.jp host, Japanese text, then "Could not be delivered to: &lt;address&gt;" and an English
 * reason such as "As their mailbox is full."
 */
final class KddiParser extends NoticeParser {

    static boolean recognises(ReturnedMail mail) {
        String from = mail.fromAddress();
        return (from.endsWith(".dion.ne.jp") || from.endsWith("@ezweb.ne.jp") || from.endsWith(".auone-net.jp"))
                && mail.text().contains("Could not be delivered to:");
    }

    @Override
    public String name() {
        return "kddi";
    }
}
