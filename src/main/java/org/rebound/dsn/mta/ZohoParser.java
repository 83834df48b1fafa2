package org.rebound.dsn.mta;

import java.util.Locale;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Zoho Mail's notices (after Sisimai's lib/Sisimai/Lhost/Zoho.pm): X-ZohoMail, Exim's opening sentence, then one
 * line per recipient, "address Error, ERROR_CODE :421, ERROR_CODE :, Host not reachable." or "[Status: Error,
 * Address: &lt;address&gt;, ResponseCode 421, , Host not reachable.]". The reply code stands after "ERROR_CODE :"
 * or "ResponseCode ", where the shared reader does not look. "Host not reachable" is Zoho giving up after its
 * retries: the delivery expired, temporarily or not as the reply code says.
 */
final class ZohoParser extends NoticeParser {

    static boolean recognises(ReturnedMail mail) {
        return mail.headers().has("x-zohomail");
    }

    @Override
    public String name() {
        return "zoho";
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        if (!lower.contains("host not reachable")) {
            return "";
        }
        char replyClass = replyClass(lower, "error_code :");
        if (replyClass == 0) {
            replyClass = replyClass(lower, "responsecode ");
        }
        return (replyClass == '4' ? "4" : "5") + ".0.947";
    }

    /** The first digit of the three-digit code after the label, or 0. */
    private static char replyClass(String lower, String label) {
        int at = lower.indexOf(label);
        if (at < 0 || at + label.length() + 3 > lower.length()) {
            return 0;
        }
        int i = at + label.length();
        char c = lower.charAt(i);
        boolean threeDigits = (c == '4' || c == '5') && Character.isDigit(lower.charAt(i + 1))
                && Character.isDigit(lower.charAt(i + 2));
        return threeDigits ? c : 0;
    }
}
