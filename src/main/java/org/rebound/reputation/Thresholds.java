package org.rebound.reputation;

import java.time.Duration;

/**
 * When a rate puts the sender's reputation at risk (rebound.reputation.*). The defaults are the industry's:
 * Amazon SES reviews an account whose bounce rate reaches 5 % and may pause it at 10 %, and reviews one whose
 * complaint rate reaches 0.1 % and may pause it at 0.5 % (SES Developer Guide, "Sending review process FAQs");
 * Gmail asks bulk senders to keep spam complaints under 0.1 % and never to reach 0.3 % (Google, "Email sender
 * guidelines"). So: bounces warn at 5 %, critical at 10 %; complaints warn at 0.1 %, critical at 0.3 %.
 *
 * @param window  how far back the rates look (sliding)
 * @param minSent fewer messages sent than this in the window give no rate: one bounce among three messages is
 *                chance, not a reputation
 */
public record Thresholds(Duration window, int minSent, double bounceWarning, double bounceCritical,
                         double complaintWarning, double complaintCritical) {

    public static final String PREFIX = "rebound.reputation.";

    public Thresholds {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "window must be positive, not " + window);
        }
        check("bounce", bounceWarning, bounceCritical);
        check("complaint", complaintWarning, complaintCritical);
    }

    /** The threshold of a metric at a level. */
    public double of(Metric metric, Level level) {
        return switch (metric) {
            case BOUNCE -> level == Level.WARNING ? bounceWarning : bounceCritical;
            case COMPLAINT -> level == Level.WARNING ? complaintWarning : complaintCritical;
        };
    }

    private static void check(String metric, double warning, double critical) {
        if (!(warning > 0 && warning <= critical && critical <= 1)) {
            throw new IllegalArgumentException(PREFIX + metric + "-warning-percent and -critical-percent must be "
                    + "above 0, the warning at most the critical, and at most 100");
        }
    }
}
