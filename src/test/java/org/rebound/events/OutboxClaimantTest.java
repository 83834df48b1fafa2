package org.rebound.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class OutboxClaimantTest {

    @Test
    void aClaimantIsReadBackFromItsName() {
        OutboxClaimant claimant = new OutboxClaimant("mx1.example.com", 4242);

        assertEquals(Optional.of(claimant), OutboxClaimant.parse(claimant.name()));
    }

    @Test
    void aHostNamedByItsIPv6AddressIsReadBackWhole() {
        assertEquals(Optional.of(new OutboxClaimant("fe80::1%eth0", 7)), OutboxClaimant.parse("fe80::1%eth0:7"));
    }

    @Test
    void aNameWithoutAProcessIdNamesNoClaimant() {
        assertEquals(Optional.empty(), OutboxClaimant.parse("test-instance"));
    }

    @Test
    void thisProcessNameFitsTheClaimColumn() {
        assertTrue(OutboxClaimant.thisProcess().name().length() <= 64);
    }
}
