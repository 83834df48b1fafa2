package org.rebound.events;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns one claimed outbox entry into the message the publishing route sends: the event's JSON as the body, its
 * stable id as the header {@code eventId} (a JMS property, an HTTP header, a Kafka header, ...) and as Artemis's
 * duplicate-detection id {@code _AMQ_DUPL_ID}, so that an Artemis broker drops an event it has already (Artemis
 * docs, "Duplicate Message Detection"). No other header goes along.
 *
 * <p>A processor rather than three steps of {@code ${body.eventId}} in the route: the simple language reaches a
 * record's accessor by reflection through Camel's bean binding for each evaluation, and with one message per
 * event those steps cost more CPU than the JMS send itself (JFR, 13,091 events of {@code bench --messages 10000}).
 */
public final class OutboxEntryAsMessage implements Processor {

    /** The header that carries the event's stable id. */
    public static final String EVENT_ID = "eventId";
    /** Artemis's duplicate-detection property (org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID). */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        Outbox.Entry entry = message.getMandatoryBody(Outbox.Entry.class);
        message.removeHeaders("*");
        message.setHeader(EVENT_ID, entry.eventId());
        message.setHeader(DUPLICATE_ID, entry.eventId());
        message.setBody(entry.payload());
    }
}
