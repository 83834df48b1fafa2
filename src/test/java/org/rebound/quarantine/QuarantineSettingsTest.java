package org.rebound.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QuarantineSettingsTest {

    @Test
    void emptyPropertiesGiveAdobeCampaignDefaults() {
        assertEquals(new QuarantineSettings(6, Duration.ofDays(1), Duration.ofDays(10), Duration.ofDays(30)),
                QuarantineSettings.fromProperties(Map.of()));
    }

    @Test
    void propertiesOverrideThresholds() {
        QuarantineSettings settings = QuarantineSettings.fromProperties(Map.of(
                QuarantineSettings.SOFT_ERRORS_TO_QUARANTINE, "4",
                QuarantineSettings.MIN_SOFT_ERROR_SPACING, "PT12H"));

        assertEquals(new QuarantineSettings(4, Duration.ofHours(12), Duration.ofDays(10), Duration.ofDays(30)),
                settings);
    }

    @Test
    void badDurationNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                QuarantineSettings.fromProperties(Map.of(QuarantineSettings.COUNTER_RESET_AFTER, "ten days")));

        assertTrue(e.getMessage().startsWith(QuarantineSettings.COUNTER_RESET_AFTER), e.getMessage());
    }

    @Test
    void zeroSoftErrorThresholdIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new QuarantineSettings(0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void stateParsesStoredLabels() {
        assertEquals(State.WITH_ERRORS, State.parse(" with-errors "));
    }
}
