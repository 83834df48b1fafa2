package org.rebound.classify;

import java.time.Instant;

/**
 * One row of the qualification log: an unknown diagnostic pattern and how often it was seen.
 *
 * @param pattern   the normalised diagnostic (see DiagnosticNormaliser)
 * @param count     how many recipients' diagnostics had this pattern
 * @param firstSeen when it was first seen
 * @param lastSeen  when it was last seen
 * @param status    the operator's decision
 * @param reason    the reason the fallback gave it, the last time
 * @param example   one diagnostic as received
 */
public record QualificationEntry(String pattern, long count, Instant firstSeen, Instant lastSeen,
                                 QualificationStatus status, Reason reason, String example) {
}
