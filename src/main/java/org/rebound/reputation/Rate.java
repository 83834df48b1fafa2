package org.rebound.reputation;

/**
 * A bounce or complaint rate over the sliding window.
 *
 * @param subject the campaign's delivery id, or the provider's name
 * @param counted hard bounces, or complaints, recorded in the window
 * @param sent    messages sent in the window (the sending system's table)
 */
public record Rate(Scope scope, String subject, Metric metric, int counted, int sent) {

    /** counted / sent; 0 when nothing was sent. */
    public double value() {
        return sent == 0 ? 0 : (double) counted / sent;
    }
}
