package org.rebound.workers;

import java.util.List;
import java.util.Optional;

import jakarta.jms.Message;

import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.rebound.deadletter.DeadLetterFolder;
import org.rebound.message.Disposition;
import org.rebound.message.Disposition.Outcome;
import org.rebound.message.MessageResult;
import org.rebound.message.ReturnedMessage;
import org.rebound.store.ReceivedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work queue's messages that no worker recorded in the broker's max-delivery-attempts (each worker that took it
 * died, or its window failed whole, before the commit), which the broker moved to rebound.workers.dead-letter-queue:
 * each goes to the dead-letter folder as "undeliverable", with the reason, and its outcome is remembered, as poison
 * isolation does with a message that fails on its own. Nothing is dropped, and nothing is delivered for ever.
 */
public final class UndeliverableMessages {

    private static final Logger LOG = LoggerFactory.getLogger(UndeliverableMessages.class);
    static final String REASON = "undeliverable";

    private final DeadLetterFolder deadLetters;
    private final ReceivedMessages received;

    public UndeliverableMessages(DeadLetterFolder deadLetters, ReceivedMessages received) {
        this.deadLetters = deadLetters;
        this.received = received;
    }

    /** The route's message from the dead-letter queue (camel-jms), written to the folder before it is acknowledged. */
    public void deadLetter(Exchange exchange) throws Exception {
        Message jms = exchange.getIn(JmsMessage.class).getJmsMessage();
        ReturnedMessage message = QueuedMessage.fromJms(jms);
        IllegalStateException why = new IllegalStateException("the work queue delivered it as many times as the "
                + "broker's max-delivery-attempts allow and no worker recorded it: each worker that took it died or "
                + "failed before its commit");
        deadLetters.write(List.of(new Disposition(MessageResult.unreadable(message, why), List.of(),
                Optional.of(REASON), Outcome.DEAD_LETTERED)));
        received.rememberNow(message, Outcome.DEAD_LETTERED);
        LOG.warn("message {} went to the dead-letter folder: {}", message.shortId(), why.getMessage());
    }
}
