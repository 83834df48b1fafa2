package org.rebound.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.rebound.mailbox.WindowLimits;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;
import org.rebound.text.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side of the work queue (rebound.workers.enabled): takes a window of queued messages in a transacted
 * JMS session, and commits that session only after the window's route has committed the database (and written its
 * dead letters), or rolls it back, so that the broker delivers the messages again. A message delivered again after
 * the database committed it (the worker died between the two commits) is recognised as seen before by the window's
 * intake and not recorded twice. The route (routes/work-queue.camel.yaml) calls {@link #take}, then the pipeline,
 * then {@link #committed} or {@link #failed}, all on its one thread.
 *
 * <p>While the database does not answer, nothing is taken: a delivery that could only fail would count towards the
 * queue's max-delivery-attempts, after which the broker moves a message to its dead-letter address.
 */
public final class QueuedWindows implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedWindows.class);
    /** How long a take waits for a first message before it returns an empty window. */
    private static final long FIRST_MESSAGE_WAIT_MILLIS = 1_000;

    private final QueueSession<MessageConsumer> work;
    private final WindowLimits limits;
    private final BooleanSupplier databaseAnswers;
    private int failedWindows;

    public QueuedWindows(ConnectionFactory broker, String queue, WindowLimits limits, BooleanSupplier databaseAnswers) {
        this.work = new QueueSession<>(broker, queue, Session::createConsumer);
        this.limits = limits;
        this.databaseAnswers = databaseAnswers;
    }

    /**
     * Up to a window of queued messages (rebound.mailbox.window messages, rebound.mailbox.window-bytes bytes), in the
     * open transaction; an empty window when none waits or the database does not answer.
     */
    public synchronized Window take() throws JMSException {
        if (!databaseAnswers.getAsBoolean()) {
            return empty();
        }
        try {
            MessageConsumer consumer = work.endpoint();
            Message first = consumer.receive(FIRST_MESSAGE_WAIT_MILLIS);
            if (first == null) {
                return empty();
            }
            String account = QueuedMessage.account(first);
            List<ReturnedMessage> messages = new ArrayList<>();
            ReturnedMessage m = QueuedMessage.fromJms(first);
            messages.add(m);
            long bytes = m.raw().length;
            while (messages.size() < limits.messages() && bytes < limits.bytes()) {
                Message next = consumer.receiveNoWait();
                if (next == null) {
                    break;
                }
                m = QueuedMessage.fromJms(next);
                messages.add(m);
                bytes += m.raw().length;
            }
            return Window.of(new Window.Source(account, 0, false), messages);
        } catch (JMSException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The window's database transaction committed: so does the JMS one, and the messages leave the queue. */
    public synchronized void committed() throws JMSException {
        try {
            work.session().commit();
        } catch (JMSException | RuntimeException e) {
            close();
            throw e;
        }
        if (failedWindows > 0) {
            LOG.info("the work queue's windows are recorded again, after {} failed", failedWindows);
            failedWindows = 0;
        }
    }

    /**
     * The window failed (the database went away during it; poison isolation has dead-lettered any message that fails
     * on its own): rolled back, so the broker delivers its messages again. Logged once per streak of failures.
     */
    public synchronized void failed(Throwable cause) {
        if (failedWindows++ == 0) {
            LOG.warn("a window from the work queue was not recorded and goes back to the queue: {}",
                    CauseChain.of(cause));
        }
        if (work.isOpen()) {
            try {
                work.session().rollback();
            } catch (JMSException | RuntimeException e) {
                // closing the connection rolls the transaction back too (Jakarta Messaging 3.1, section 6.2.4)
                close();
            }
        }
    }

    private static Window empty() {
        return Window.of(Window.Source.outsideAMailbox(QueuedMessage.UNKNOWN_ACCOUNT), List.of());
    }

    @Override
    public synchronized void close() {
        work.close();
    }
}
