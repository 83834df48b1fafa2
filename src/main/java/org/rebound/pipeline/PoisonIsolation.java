package org.rebound.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.rebound.deadletter.DeadLetterFolder;
import org.rebound.store.ReceivedMessages;
import org.rebound.message.Disposition.Outcome;
import org.rebound.text.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rebound.message.ReturnedMessage;

/**
 * Sends a downloaded window through the window's routes ({@code direct:process-window}) so that one message that
 * cannot be recorded never holds back the others. A window that fails while the database answers is tried again in
 * halves, down to single messages: every part that commits is done with, and a message that fails on its own is the
 * culprit. It goes to the dead-letter folder with the cause, and its outcome is remembered, so it may leave the
 * mailbox. If even that fails, it stays in the mailbox, held back by {@link StuckMessages}.
 *
 * <p>A failure while the database does not answer is the environment's, not a message's: the window fails whole
 * (the fetch route's failure path ends the session, backs off and reports it), and nothing is dead-lettered, so an
 * outage never empties the mailbox into the dead-letter folder.
 */
public final class PoisonIsolation {

    /** The exchange property in which the window's routes tell how many of its messages were new. */
    public static final String NEW_MESSAGES = "ReboundNewMessages";

    private static final Logger LOG = LoggerFactory.getLogger(PoisonIsolation.class);
    private static final String WINDOW_ROUTE = "direct:process-window";

    private final BooleanSupplier databaseAnswers;
    private final DeadLetterFolder deadLetters;
    private final ReceivedMessages received;
    private final DeleteAfterCommit deletes;
    private final StuckMessages stuck;
    private volatile Optional<ProducerTemplate> template = Optional.empty();

    public PoisonIsolation(BooleanSupplier databaseAnswers, DeadLetterFolder deadLetters, ReceivedMessages received,
                           DeleteAfterCommit deletes, StuckMessages stuck) {
        this.databaseAnswers = databaseAnswers;
        this.deadLetters = deadLetters;
        this.received = received;
        this.deletes = deletes;
        this.stuck = stuck;
    }

    /**
     * Records the exchange's window (a list of returned messages) and returns how many of its messages were new
     * (not handled before): zero means the poll found nothing to do. Throws the failure when the window failed for
     * a reason no message is to blame for.
     */
    public int record(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        List<ReturnedMessage> window = exchange.getIn().getBody(List.class);
        ProducerTemplate producer = template.orElseGet(() -> {
            ProducerTemplate created = exchange.getContext().createProducerTemplate();
            template = Optional.of(created);
            return created;
        });
        return recordPart(producer, window);
    }

    private int recordPart(ProducerTemplate producer, List<ReturnedMessage> part) throws Exception {
        Exchange done = producer.send(WINDOW_ROUTE, ex -> ex.getIn().setBody(part));
        Exception failure = done.getException();
        if (failure == null) {
            // A held message the intake skipped is still held; one whose retry time had come went through.
            part.stream().filter(m -> !stuck.skip(m)).forEach(m -> stuck.released(m.contentHash()));
            return done.getProperty(NEW_MESSAGES, 0, Integer.class);
        }
        if (!databaseAnswers.getAsBoolean()) {
            throw failure;
        }
        if (part.size() == 1) {
            isolated(part.get(0), failure);
            return 1;
        }
        LOG.info("a window of {} messages was not recorded ({}); trying it in halves to find the message to blame",
                part.size(), CauseChain.of(failure));
        int half = part.size() / 2;
        return recordPart(producer, part.subList(0, half)) + recordPart(producer, part.subList(half, part.size()));
    }

    /** The message fails on its own while the database answers: dead-lettered with the cause, or held back. */
    private void isolated(ReturnedMessage message, Exception failure) {
        try {
            deadLetters.write(message, "unrecordable", Optional.of(failure), List.of());
            received.rememberNow(message, Outcome.DEAD_LETTERED);
            deletes.alreadyHandled(message);
            stuck.released(message.contentHash());
            LOG.warn("message {} could not be recorded and went to the dead-letter folder: {}", message.shortId(),
                    CauseChain.of(failure));
        } catch (Exception | Error deadLetterFailure) {
            failure.addSuppressed(deadLetterFailure);
            stuck.hold(message, new IllegalStateException("not recorded (" + CauseChain.of(failure)
                    + "), and not dead-lettered either (" + CauseChain.of(deadLetterFailure) + ")"));
            LOG.error("message {} could neither be recorded nor dead-lettered; it stays in the mailbox and is "
                    + "tried again later: {} / {}", message.shortId(), CauseChain.of(failure),
                    CauseChain.of(deadLetterFailure));
        }
    }
}
