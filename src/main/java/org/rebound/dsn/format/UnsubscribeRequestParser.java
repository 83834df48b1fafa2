package org.rebound.dsn.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.Kind;

/**
 * Unsubscribe requests that a mail program sends on the reader's behalf to a list's mailto: List-Unsubscribe
 * address (RFC 2369 section 3.2): Apple Mail marks its request with "X-Apple-Unsubscribe: true". Such a request is
 * an opt-out, a complaint in effect: Kind FEEDBACK_REPORT with feedback type "opt-out" (the ARF type of the IANA
 * feedback-type registry, RFC 5965 section 7.3), about the address that sent it. It comes before the auto-reply
 * test, since the request also carries Auto-Submitted: auto-replied. Sisimai reads the same mail as "feedback".
 */
public final class UnsubscribeRequestParser implements FormatParser {

    @Override
    public String name() {
        return "unsubscribe";
    }

    public static boolean recognises(ReturnedMail mail) {
        return mail.headers().first("x-apple-unsubscribe").trim().toLowerCase(Locale.ROOT).equals("true");
    }

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        String from = mail.fromAddress();
        if (from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BounceReport(Kind.FEEDBACK_REPORT, name(), "", "", mail.returnPath(), "opt-out",
                mail.original(), List.of(ArfParser.complaint(from))));
    }
}
