package org.rebound.quarantine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * The thresholds of the quarantine policy. The defaults are Adobe Campaign's: the sixth soft error quarantines;
 * soft errors count only when at least a day apart; a counter whose last significant error is more than ten days
 * old restarts; a mailbox-full quarantine lifts after thirty days.
 *
 * @param softErrorsToQuarantine   the soft error that quarantines, counting from one (6)
 * @param minSoftErrorSpacing      how far after the last counted soft error the next one must come to count (1 day)
 * @param counterResetAfter        a counter whose last counted error is older than this restarts (10 days)
 * @param mailboxFullRecoversAfter how long a quarantine for a full mailbox lasts (30 days)
 */
public record QuarantineSettings(int softErrorsToQuarantine, Duration minSoftErrorSpacing, Duration counterResetAfter,
                                 Duration mailboxFullRecoversAfter) {

    public static final String SOFT_ERRORS_TO_QUARANTINE = "rebound.quarantine.soft-errors-to-quarantine";
    public static final String MIN_SOFT_ERROR_SPACING = "rebound.quarantine.min-soft-error-spacing";
    public static final String COUNTER_RESET_AFTER = "rebound.quarantine.counter-reset-after";
    public static final String MAILBOX_FULL_RECOVERS_AFTER = "rebound.quarantine.mailbox-full-recovers-after";

    public static final QuarantineSettings DEFAULTS =
            new QuarantineSettings(6, Duration.ofDays(1), Duration.ofDays(10), Duration.ofDays(30));

    public QuarantineSettings {
        if (softErrorsToQuarantine < 1) {
            throw new IllegalArgumentException(SOFT_ERRORS_TO_QUARANTINE + " must be at least 1: "
                    + softErrorsToQuarantine);
        }
        requireNotNegative(MIN_SOFT_ERROR_SPACING, minSoftErrorSpacing);
        requireNotNegative(COUNTER_RESET_AFTER, counterResetAfter);
        requireNotNegative(MAILBOX_FULL_RECOVERS_AFTER, mailboxFullRecoversAfter);
    }

    /**
     * Reads the settings from configuration properties; a key that is absent keeps its default. Durations are
     * ISO-8601 ({@code P1D}, {@code PT12H}), as {@link Duration#parse} reads them.
     */
    public static QuarantineSettings fromProperties(Map<String, String> properties) {
        return new QuarantineSettings(
                integer(properties, SOFT_ERRORS_TO_QUARANTINE, DEFAULTS.softErrorsToQuarantine()),
                duration(properties, MIN_SOFT_ERROR_SPACING, DEFAULTS.minSoftErrorSpacing()),
                duration(properties, COUNTER_RESET_AFTER, DEFAULTS.counterResetAfter()),
                duration(properties, MAILBOX_FULL_RECOVERS_AFTER, DEFAULTS.mailboxFullRecoversAfter()));
    }

    private static void requireNotNegative(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative: " + value);
        }
    }

    private static int integer(Map<String, String> properties, String key, int fallback) {
        String text = properties.getOrDefault(key, "").trim();
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: '" + text + "'", e);
        }
    }

    private static Duration duration(Map<String, String> properties, String key, Duration fallback) {
        String text = properties.getOrDefault(key, "").trim();
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as P1D: '" + text + "'", e);
        }
    }
}
