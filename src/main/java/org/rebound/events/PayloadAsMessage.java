package org.rebound.events;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns one claimed, not yet published item (an outbox event, a reputation alert) into the message a publishing
 * route sends: its JSON as the body, its stable id as a header named for what it is ({@code eventId},
 * {@code alertId}: a JMS property, an HTTP header, a Kafka header, ...) and as Artemis's duplicate-detection id
 * {@code _AMQ_DUPL_ID}, so that an Artemis broker drops an item it has already (Artemis docs, "Duplicate Message
 * Detection"). No other header goes along.
 *
 * <p>A processor rather than three steps of {@code ${body.eventId}} in the route: the simple language reaches a
 * record's accessor by reflection through Camel's bean binding for each evaluation, and with one message per
 * event those steps cost more CPU than the JMS send itself (JFR, 13,091 events of {@code bench --messages 10000}).
 */
public final class PayloadAsMessage implements Processor {

    /** Artemis's duplicate-detection property, _AMQ_DUPL_ID: an address drops a message whose id it has seen. */
    public static final String DUPLICATE_ID =
            org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString();

    /** What a publishing route claims: a JSON payload and the id that stays the same however often it is sent. */
    public interface Publishable {

        String stableId();

        String payload();
    }

    private final String idHeader;

    /** @param idHeader the header that carries the item's stable id for consumers to deduplicate on */
    public PayloadAsMessage(String idHeader) {
        this.idHeader = idHeader;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        Publishable item = message.getMandatoryBody(Publishable.class);
        message.removeHeaders("*");
        message.setHeader(idHeader, item.stableId());
        message.setHeader(DUPLICATE_ID, item.stableId());
        message.setBody(item.payload());
    }
}
