package org.rebound.dsn.format;

import java.util.Optional;

import org.rebound.dsn.BounceReport;

/** Reads one reporting format (a standard family, or one reporting MTA's own bounces). */
public interface FormatParser {

    /** The name reports carry in {@link BounceReport#parser()}. */
    String name();

    /**
     * Reads the message, or empty when it does not hold this format after all (the chain then tries the next
     * candidate). Never throws for odd content: a format parser reads what it can.
     */
    Optional<BounceReport> parse(ReturnedMail mail);
}
