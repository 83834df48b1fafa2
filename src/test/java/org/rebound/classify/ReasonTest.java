package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rebound.dsn.StatusCode;

/** The vocabulary: each reason's type (Sisimai's hard bounces), fault and Adobe Campaign category. */
class ReasonTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiterString = "=>", textBlock = """
            userunknown  => 5.1.1 => hard
            hostunknown  => 5.1.2 => hard
            hasmoved     => 5.1.6 => hard
            notaccept    => 5.1.10 => hard
            notaccept    => 4.0.0 => soft
            mailboxfull  => 5.2.2 => soft
            blocked      => 5.7.1 => soft
            suspend      => 5.2.1 => soft
            vacation     => 2.0.0 => none
            feedback     => 2.0.0 => none
            delivered    => 2.1.5 => none
            """)
    void typeFollowsSisimaisHardBounceReasons(String reason, String status, String type) {
        assertEquals(type, Reason.parse(reason).type(Optional.of(StatusCode.parse(status)), "").label());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            userunknown   => recipient => User unknown
            hostunknown   => recipient => Invalid domain
            mailboxfull   => recipient => Mailbox full
            suspend       => recipient => Account disabled
            blocked       => sender    => Refused
            badreputation => sender    => Refused
            authfailure   => sender    => Refused
            spamdetected  => content   => Refused
            networkerror  => network   => Not connected
            expired       => network   => Unreachable
            vacation      => none      => Ignored
            feedback      => none      => Complaint
            """)
    void reasonCarriesItsFaultAndOperatorCategory(String reason, String fault, String category) {
        Reason r = Reason.parse(reason);
        assertEquals(fault, r.fault().label());
        assertEquals(category, r.category().label());
    }
}
