package org.rebound.workers;

import java.util.List;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller's side of the work queue (rebound.workers.mode=queue): puts a window's raw messages on the durable
 * queue in one JMS transaction, each with its content hash as Artemis's duplicate-detection id, and says the window
 * may leave the mailbox only once the broker has committed it. A window polled again after a crash between that
 * commit and the mailbox's delete is dropped by the broker (the same hashes), and if the broker has forgotten them
 * (its id cache holds the last rebound.workers.queue's id-cache-size ids, 20,000 by default), the workers recognise
 * the messages as seen before, as the inline pipeline does.
 */
public final class WindowHandOver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WindowHandOver.class);

    private final QueueSession<MessageProducer> work;

    public WindowHandOver(ConnectionFactory broker, String queue) {
        this.work = new QueueSession<>(broker, queue, Session::createProducer);
    }

    /**
     * Puts the window's messages on the queue and returns the window as handed over: every message may leave the
     * mailbox. Throws, the window then staying in the mailbox, when the broker did not commit them.
     */
    public synchronized Window handOver(Window window) throws JMSException {
        if (window.messages().isEmpty()) {
            return window.queued();
        }
        String account = window.source().account();
        try {
            send(account, window.messages());
            try {
                work.session().commit();
            } catch (JMSException e) {
                if (!isDuplicate(e)) {
                    throw e;
                }
                // Artemis refuses a whole transaction holding a message it has already (a window polled again after a
                // crash between the broker's commit and the mailbox's delete): each message again on its own, so
                // that it drops only what it has (Artemis docs, "Duplicate Message Detection").
                for (ReturnedMessage m : window.messages()) {
                    send(account, List.of(m));
                    try {
                        work.session().commit();
                    } catch (JMSException again) {
                        if (!isDuplicate(again)) {
                            throw again;
                        }
                        LOG.debug("the work queue has message {} already", m.shortId());
                    }
                }
            }
        } catch (JMSException | RuntimeException e) {
            close();
            throw e;
        }
        return window.queued();
    }

    private void send(String account, List<ReturnedMessage> messages) throws JMSException {
        MessageProducer producer = work.endpoint();
        for (ReturnedMessage m : messages) {
            producer.send(QueuedMessage.toJms(work.session(), account, m));
        }
    }

    static boolean isDuplicate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() != null ? t.getCause()
                : t instanceof JMSException jms ? jms.getLinkedException() : null) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    /** Drops the connection; the next window opens a new one. */
    @Override
    public synchronized void close() {
        work.close();
    }
}
