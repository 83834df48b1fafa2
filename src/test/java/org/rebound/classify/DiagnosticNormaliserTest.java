package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Diagnostics that differ only in addresses, IPs, ids and numbers share one pattern; codes are kept. */
class DiagnosticNormaliserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            550 5.1.1 <kijitora@example.jp>... User Unknown                      | 550 5.1.1 <addr>... user unknown
            451 4.7.650 The mail server [192.0.2.25] has been rate limited       | 451 4.7.650 the mail server <ip> has been rate limited
            421 Ip frequency limited [V2VkIEFwciAgMyAxNjozNjo1OSBKU1Qg Blocked]  | 421 ip frequency limited [<id> blocked]
            Delivery failed 20 attempts: kijitora@example.com                    | delivery failed <n> attempts: <addr>
            connect to 2001:db8::1:25: Connection   refused                      | connect to <ip>: connection refused
            queue id 4F3A9C21B0 deferred                                         | queue id <id> deferred
            """)
    void particularsBecomePlaceholders(String diagnostic, String pattern) {
        assertEquals(pattern, DiagnosticNormaliser.normalise(diagnostic));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            550 5.1.1 <a@example.org>: mailbox unavailable (id 1234) | 550 5.1.1 <b@example.net>: mailbox unavailable (id 98)
            """)
    void diagnosticsDifferingOnlyInParticularsShareAPattern(String one, String other) {
        assertEquals(DiagnosticNormaliser.normalise(one), DiagnosticNormaliser.normalise(other));
    }
}
