package org.rebound.dsn.mta;

import java.util.Map;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * Exchange Server 2003's notices ("did not reach the following recipient(s):"), after Sisimai's
 * lib/Sisimai/Lhost/Exchange2003.pm: each recipient's line ends with an MSEXCH diagnostic whose eight-digit
 * hexadecimal error code, in parentheses ("MSEXCH:IMS:... 0 (000C05A6) Unknown Recipient"), states the reason. A
 * line without a code is left to the shared rules.
 */
final class Exchange2003Parser extends NoticeParser {

    /** Exchange's error codes and the reasons Sisimai gives them, as Sisimai's pseudo status codes. */
    private static final Map<String, String> ERROR_CODES = Map.ofEntries(
            Map.entry("000B099C", "5.0.901"), // host unknown, message exceeds size limit, ...: onhold
            Map.entry("000B09AA", "5.0.901"), // unable to relay for, message exceeds size limit, ...: onhold
            Map.entry("000B09B6", "5.0.901"), // error messages by the remote MTA: onhold
            Map.entry("000C05A6", "5.0.911"), // unknown recipient
            Map.entry("00010256", "5.0.930"), // too many recipients: system error
            Map.entry("000D06B5", "5.0.930"), // no proxy for recipient: system error
            Map.entry("00120270", "5.0.944"), // too many hops: network error
            Map.entry("00050311", "5.0.960"), // conversion to Internet format failed: content error
            Map.entry("000502CC", "5.0.960"), // conversion to Internet format failed: content error
            Map.entry("000B0981", "5.0.970"), // 502 server does not support AUTH: security error
            Map.entry("000C0595", "5.0.910")); // ambiguous recipient: filtered

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
        for (int open = diagnostic.indexOf('(', Math.max(msexch, 0)); msexch >= 0 && open >= 0;
             open = diagnostic.indexOf('(', open + 1)) {
            if (open + 9 < diagnostic.length() && diagnostic.charAt(open + 9) == ')') {
                String code = diagnostic.substring(open + 1, open + 9);
                if (ERROR_CODES.containsKey(code)) {
                    return ERROR_CODES.get(code);
                }
            }
        }
        return "";
    }
}
