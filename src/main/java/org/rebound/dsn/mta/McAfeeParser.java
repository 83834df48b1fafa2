package org.rebound.dsn.mta;

import java.util.Locale;
import java.util.Optional;

import org.rebound.dsn.BounceReport;
import org.rebound.dsn.format.FormatParser;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.format.Rfc3464Parser;

/**
 * McAfee Email Gateway's reports (after Sisimai's lib/Sisimai/Lhost/McAfee.pm): X-NAI-Header "Modified by
 * McAfee", subject "Delivery Status", delivery-status fields without a Status. The appliance relays the remote
 * server's refusal of the recipient in fixed forms ("550 Unknown user a@b", "550 &lt;a@b&gt;... User not exist",
 * "No such user"), which McAfee.pm reads as an unknown user although no SMTP command is named.
 */
final class McAfeeParser implements FormatParser {

    static boolean recognises(ReturnedMail mail) {
        return mail.headers().first("x-nai-header").contains("Modified by McAfee")
                && mail.subjectLower().equals("delivery status");
    }

    @Override
    public String name() {
        return "mcafee";
    }

    @Override
    public Optional<BounceReport> parse(ReturnedMail mail) {
        return Rfc3464Parser.parse(mail, name(), McAfeeParser::statusFor);
    }

    static String statusFor(String diagnostic) {
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        boolean unknown = lower.contains("550 unknown user ") || lower.contains("user not exist")
                || lower.contains("no such user")
                || (lower.contains(" user (") && lower.contains(") unknown."));
        return unknown ? "5.0.911" : "";
    }
}
