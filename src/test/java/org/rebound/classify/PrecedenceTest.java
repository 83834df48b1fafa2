package org.rebound.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rebound.dsn.RecipientStatus;

/**
 * Issue 13, point 5: specific text beats a generic status class, as in Sisimai lib/Sisimai/Reason.pm (the words
 * first, the X.7 class's securityerror only when no words say more); `explain` shows which rules competed and why
 * the first won.
 */
class PrecedenceTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            5.7.1 | 554 5.7.1 Mail appears to be unsolicited                      | spamdetected
            5.7.1 | 550 5.7.1 Rejected - bulk email                               | spamdetected
            5.7.1 | 554 5.7.1 This message has been identified as spam            | spamdetected
            5.7.1 | 554 5.7.1 This system is not configured to relay mail         | norelaying
            5.7.1 | 550 5.7.1 Message rejected due to local policy                | policyviolation
            """)
    void wordsThatNameAReasonBeatTheStatusClass(String status, String diagnostic, String reason) {
        RecipientStatus r = ShippedRules.failed(status, diagnostic);
        Classification c = ShippedRules.classifier().classify(ShippedRules.dsn(r), r);
        assertEquals(reason, c.reason().label(), "decided by " + c.ruleId());
    }

    @Test
    void theStatusClassDecidesWhenNoWordsSayMore() {
        RecipientStatus r = ShippedRules.failed("5.7.1", "550 5.7.1 Delivery not authorized");
        assertEquals("securityerror", ShippedRules.classifier().classify(ShippedRules.dsn(r), r).reason().label());
    }

    @Test
    void competitionListsEveryMatchingRuleTheDeciderFirst() {
        RecipientStatus r = ShippedRules.failed("5.7.1", "554 5.7.1 Mail appears to be unsolicited");
        Competition c = ShippedRules.classifier().compete(ShippedRules.dsn(r), r);
        List<String> ids = c.matches().stream().map(m -> m.rule().id()).toList();
        assertEquals(ShippedRules.classifier().classify(ShippedRules.dsn(r), r).ruleId(), ids.get(0));
        assertTrue(ids.contains("status-security-policy"), ids.toString());
    }

    @Test
    void aTextRuleIsSaidToBeatAStatusRuleBecauseItIsSpecific() {
        RecipientStatus r = ShippedRules.failed("5.7.1", "554 5.7.1 Mail appears to be unsolicited");
        Competition c = ShippedRules.classifier().compete(ShippedRules.dsn(r), r);
        Rule status = ShippedRules.book().rule("status-security-policy").orElseThrow();
        assertTrue(Competition.whyBeats(c.winner().orElseThrow().rule(), status)
                .startsWith("specific text beats a generic code"));
    }
}
