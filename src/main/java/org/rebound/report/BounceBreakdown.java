package org.rebound.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The bounces of a campaign or of a day, broken down by reason, type and provider.
 *
 * @param scope    "campaign" or "day"
 * @param subject  the campaign's delivery id, or the day (YYYY-MM-DD, UTC)
 * @param sent     messages the sending system's table holds for the campaign, or sent that day
 * @param bounces  bounce events recorded (every kind: failures, delays, complaints, auto-replies)
 * @param hard     hard bounces among them
 * @param complaints feedback reports (complaints) among them
 * @param rows     the count of each reason, type and provider, largest first
 */
public record BounceBreakdown(String scope, String subject, int sent, int bounces, int hard, int complaints,
                              List<Row> rows) {

    /** How many bounces had this reason, type and receiving provider. */
    public record Row(String reason, String type, String provider, int count) {
    }

    public BounceBreakdown {
        rows = List.copyOf(rows);
    }

    /** Hard bounces per message sent (Amazon SES's bounce rate counts hard bounces); 0 when nothing was sent. */
    @JsonProperty
    public double hardBounceRate() {
        return sent == 0 ? 0 : (double) hard / sent;
    }

    /** Complaints per message sent; 0 when nothing was sent. */
    @JsonProperty
    public double complaintRate() {
        return sent == 0 ? 0 : (double) complaints / sent;
    }
}
