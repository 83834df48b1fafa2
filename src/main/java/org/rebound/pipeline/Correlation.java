package org.rebound.pipeline;

import java.util.Objects;

/**
 * The sent message a bounce was tied to, and the key that tied it.
 *
 * @param key           which correlation key matched ("message-id", ...), or "none"
 * @param sentMessageId the sent message's Message-ID
 * @param deliveryId    the campaign or delivery the sent message belongs to
 */
public record Correlation(String key, String sentMessageId, String deliveryId) {

    public static final Correlation NONE = new Correlation("none", "", "");

    public Correlation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sentMessageId, "sentMessageId");
        Objects.requireNonNull(deliveryId, "deliveryId");
    }

    public boolean matched() {
        return !key.equals(NONE.key);
    }
}
