package org.rebound.events;

import org.rebound.correlate.KeyType;
import org.rebound.correlate.SentMessage;
import org.rebound.message.BounceEvent;

/**
 * The JSON event published on the topic, one per recipient result (schema documented in README.md). Field
 * values are never null: what a bounce does not say is an empty string.
 *
 * @param schemaVersion     bumped on any incompatible change of this shape; added fields are compatible
 * @param eventId           stable across retries: consumers deduplicate on it
 * @param originalRecipient the address the sender gave (RFC 3464 Original-Recipient, or the address Postfix says
 *                          the recipient was expanded from), or empty
 * @param verification      whether the bounce is proven to belong to a message sent to its recipient ("proven"),
 *                          or why not ("other-recipient", "recipient-time-only", "uncorrelated"); only a proven
 *                          bounce changed the address's state
 */
public record BounceEventMessage(int schemaVersion, String eventId, String receivedAt, String recipient,
                                 String originalRecipient, String action, String status, String replyCode,
                                 String diagnostic, String remoteMta, String reportingMta, String kind, String feedbackType,
                                 String reason, String type, String fault, String category, String rule,
                                 String originalMessageId, String correlationKey, String sentMessageId,
                                 String deliveryId, String contentHash, String verification) {

    public static final int SCHEMA_VERSION = 1;

    public static BounceEventMessage of(BounceEvent e) {
        return new BounceEventMessage(SCHEMA_VERSION, e.eventId(), e.receivedAt().toString(),
                e.recipient().finalRecipient(), e.recipient().originalRecipient(), e.recipient().action().keyword(),
                e.recipient().statusText(), e.recipient().replyCode(), e.recipient().diagnostic(),
                e.recipient().remoteMta(),
                e.report().reportingMta(), e.report().kind().name().toLowerCase(java.util.Locale.ROOT),
                e.report().feedbackType(), e.result().reason().label(), e.result().type().label(),
                e.result().fault().label(), e.result().reason().category().label(), e.result().ruleId(),
                e.report().original().messageId(),
                e.correlation().matchedBy().map(KeyType::label).orElse("none"),
                e.correlation().sentMessage().map(SentMessage::messageId).orElse(""),
                e.correlation().sentMessage().map(SentMessage::deliveryId).orElse(""), e.message().contentHash(),
                e.correlation().verification().label());
    }
}
