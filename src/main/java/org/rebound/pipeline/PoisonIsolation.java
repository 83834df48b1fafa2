package org.rebound.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.rebound.deadletter.DeadLetterFolder;
import org.rebound.message.Disposition;
import org.rebound.message.Disposition.Outcome;
import org.rebound.message.MessageResult;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;
import org.rebound.store.ReceivedMessages;
import org.rebound.text.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a downloaded window through the window's routes ({@code direct:process-window}) so that one message that
 * cannot be recorded never holds back the others. A window that fails while the database answers is tried again in
 * halves, down to single messages: every part that commits is done with, and a message that fails on its own is the
 * culprit. It goes to the dead-letter folder with the cause, and its outcome is remembered, so it may leave the
 * mailbox. If even that fails, it stays in the mailbox, held back by {@link StuckMessages}. The window it returns is
 * its committed parts merged: what each decided, released and kept.
 *
 * <p>A failure while the database does not answer is the environment's, not a message's: the window fails whole
 * (the fetch route's failure path ends the session, backs off and reports it), and nothing is dead-lettered, so an
 * outage never empties the mailbox into the dead-letter folder. The failed exchange's body is then the window as far
 * as its parts committed, so that what did commit still leaves the mailbox.
 */
public final class PoisonIsolation {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonIsolation.class);
    private static final String WINDOW_ROUTE = "direct:process-window";

    private final BooleanSupplier databaseAnswers;
    private final DeadLetterFolder deadLetters;
    private final ReceivedMessages received;
    private final StuckMessages stuck;
    private volatile Optional<ProducerTemplate> template = Optional.empty();

    public PoisonIsolation(BooleanSupplier databaseAnswers, DeadLetterFolder deadLetters, ReceivedMessages received,
                           StuckMessages stuck) {
        this.databaseAnswers = databaseAnswers;
        this.deadLetters = deadLetters;
        this.received = received;
        this.stuck = stuck;
    }

    /**
     * Records the exchange's window and returns it as its parts committed. Throws the failure when the window failed
     * for a reason no message is to blame for, the exchange's body then being what committed before it.
     */
    public Window record(Exchange exchange) throws Exception {
        Window window = exchange.getIn().getBody(Window.class);
        ProducerTemplate producer = template.orElseGet(() -> {
            ProducerTemplate created = exchange.getContext().createProducerTemplate();
            template = Optional.of(created);
            return created;
        });
        List<Window> committed = new ArrayList<>();
        try {
            recordPart(producer, window, committed);
        } catch (Exception e) {
            exchange.getIn().setBody(merged(window, committed));
            throw e;
        }
        return merged(window, committed);
    }

    private static Window merged(Window window, List<Window> parts) {
        return parts.stream().reduce(Window::and).orElseGet(() -> window.part(0, 0));
    }

    /** Records one part, adding to {@code committed} every part of it that committed, in order. */
    private void recordPart(ProducerTemplate producer, Window part, List<Window> committed) throws Exception {
        Exchange done = producer.send(WINDOW_ROUTE, ex -> ex.getIn().setBody(part));
        Exception failure = done.getException();
        if (failure == null) {
            // A held message the intake skipped is still held; one whose retry time had come went through.
            part.messages().stream().filter(m -> !stuck.skip(m)).forEach(m -> stuck.released(m.contentHash()));
            committed.add(done.getMessage().getBody(Window.class));
            return;
        }
        if (!databaseAnswers.getAsBoolean()) {
            throw failure;
        }
        int size = part.messages().size();
        if (size == 1) {
            isolated(part, failure).ifPresent(committed::add);
            return;
        }
        LOG.info("a window of {} messages was not recorded ({}); trying it in halves to find the message to blame",
                size, CauseChain.of(failure));
        recordPart(producer, part.part(0, size / 2), committed);
        recordPart(producer, part.part(size / 2, size), committed);
    }

    /**
     * The message fails on its own while the database answers: dead-lettered with the cause (the part committed
     * with that fate), or held back (nothing committed).
     */
    private Optional<Window> isolated(Window part, Exception failure) {
        ReturnedMessage message = part.messages().get(0);
        // Not unreadable, but kept as an unreadable one is: the raw message and the cause, with no events.
        Disposition unrecordable = new Disposition(MessageResult.unreadable(message, failure), List.of(),
                Optional.of("unrecordable"), Outcome.DEAD_LETTERED);
        try {
            deadLetters.write(List.of(unrecordable));
            received.rememberNow(message, Outcome.DEAD_LETTERED);
            stuck.released(message.contentHash());
            LOG.warn("message {} could not be recorded and went to the dead-letter folder: {}", message.shortId(),
                    CauseChain.of(failure));
            return Optional.of(part.decided(List.of(unrecordable)).committed());
        } catch (Exception | Error deadLetterFailure) {
            failure.addSuppressed(deadLetterFailure);
            stuck.hold(message, new IllegalStateException("not recorded (" + CauseChain.of(failure)
                    + "), and not dead-lettered either (" + CauseChain.of(deadLetterFailure) + ")"));
            LOG.error("message {} could neither be recorded nor dead-lettered; it stays in the mailbox and is "
                    + "tried again later: {} / {}", message.shortId(), CauseChain.of(failure),
                    CauseChain.of(deadLetterFailure));
            return Optional.empty();
        }
    }
}
