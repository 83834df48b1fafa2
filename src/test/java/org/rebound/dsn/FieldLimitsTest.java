package org.rebound.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FieldLimitsTest {

    @Test
    void textWithinItsLimitIsKeptAsItIs() {
        assertEquals("550 5.1.1 unknown", FieldLimits.cut("550 5.1.1 unknown", FieldLimits.DIAGNOSTIC));
    }

    @Test
    void longTextIsCutToItsLimitWithAMarkerGivingTheWholeLength() {
        String cut = FieldLimits.cut("x".repeat(70_000), FieldLimits.DIAGNOSTIC);
        assertEquals(FieldLimits.DIAGNOSTIC, cut.length());
        assertTrue(cut.endsWith(" … [cut: 70000 characters; the raw message has them all]"), cut.substring(3900));
    }

    @Test
    void aLimitShorterThanTheMarkerCutsWithoutIt() {
        assertEquals("xxxxxxxxxx", FieldLimits.cut("x".repeat(50), 10));
    }

    @Test
    void nulCharactersAreDropped() {
        assertEquals("550 unknown", FieldLimits.cut("550 \u0000unknown", FieldLimits.DIAGNOSTIC));
    }

    @Test
    void anAddressWithAControlCharacterCannotBeAnAddress() {
        assertTrue(FieldLimits.addressProblem("some\u0000one@example.com").isPresent());
    }

    @Test
    void anOrdinaryAddressIsValid() {
        assertEquals(Optional.empty(), FieldLimits.addressProblem("someone@example.com"));
    }

    @Test
    void aLocalPartOver64OctetsCannotBeAnAddress() {
        assertTrue(FieldLimits.addressProblem("x".repeat(65) + "@example.com").orElseThrow()
                .contains("RFC 5321 4.5.3.1.1"));
    }

    @Test
    void anAddressOver254OctetsCannotBeAnAddress() {
        assertTrue(FieldLimits.addressProblem("x@" + "d".repeat(253) + ".example").orElseThrow()
                .contains("RFC 5321 4.5.3.1.3"));
    }

    @Test
    void octetsNotCharactersAreCounted() {
        // 40 two-octet characters: 80 octets, over the 64 of a local part.
        assertTrue(FieldLimits.addressProblem("é".repeat(40) + "@example.com").isPresent());
    }
}
