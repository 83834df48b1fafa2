package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 4, point 5: a failure the sender must fix (a blocked IP, bad reputation, SPF, DKIM or DMARC failure, a
 * rate limit) is never the recipient's fault and never counts toward the address's quarantine.
 */
class SenderSideFaultTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            4.7.32  | 421-4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. | authfailure
            5.7.26  | 550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.                             | authfailure
            5.7.515 | 550 5.7.515 Access denied, sending domain example.com doesn't meet the required authentication level.                                                                 | authfailure
            5.7.1   | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org                                                                                   | blocked
            5.7.606 | 550 5.7.606 Access denied, banned sending IP [192.0.2.1].                                                                                                               | blocked
            4.7.650 | 451 4.7.650 The mail server [192.0.2.25] has been temporarily rate limited due to IP reputation.                                                                       | badreputation
            5.7.1   | 550 5.7.1 SPF check failed: 192.0.2.1 is not allowed to send mail from example.com                                                                                      | authfailure
            5.7.1   | 550 5.7.1 DKIM signature verification failed                                                                                                                            | authfailure
            5.7.1   | 554 5.7.1 Your message was rejected due to example.org's DMARC policy.                                                                                                 | authfailure
            4.7.0   | 450 4.7.0 Too many messages from this sender in the last hour, rate limited                                                                                            | speeding
            5.7.25  | 550-5.7.25 The IP address sending this message does not have a PTR record setup                                                                                        | requireptr
            """)
    void senderSideFailureIsTheSendersFaultAndDoesNotQuarantine(String status, String diagnostic, String reason) {
        var recipient = ShippedRules.failed(status, diagnostic);
        Classification c = ShippedRules.classifier().classify(ShippedRules.dsn(recipient), recipient);
        assertEquals(reason, c.reason().label(), "reason, by rule " + c.ruleId());
        assertEquals(Fault.SENDER, c.fault());
        assertFalse(c.countsTowardQuarantine());
    }
}
