package org.rebound.workers;

import java.time.Instant;
import java.util.OptionalLong;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.rebound.events.PayloadAsMessage;
import org.rebound.message.ReturnedMessage;

/**
 * A returned message on the work queue: its raw bytes as a JMS bytes message, with the content hash as Artemis's
 * duplicate-detection id, and what the worker needs besides the bytes as properties.
 */
final class QueuedMessage {

    static final String ACCOUNT = "reboundAccount";
    static final String FETCHED_AT = "reboundFetchedAt";
    static final String TOO_LARGE = "reboundTooLarge";
    /** The account of a message that came to the queue without one (not sent by Rebound). */
    static final String UNKNOWN_ACCOUNT = "work-queue";

    private QueuedMessage() {
    }

    static Message toJms(Session session, String account, ReturnedMessage message) throws JMSException {
        BytesMessage jms = session.createBytesMessage();
        jms.writeBytes(message.raw());
        jms.setStringProperty(PayloadAsMessage.DUPLICATE_ID, message.contentHash());
        jms.setStringProperty(ACCOUNT, account);
        jms.setLongProperty(FETCHED_AT, message.fetchedAt().toEpochMilli());
        jms.setLongProperty(TOO_LARGE, message.tooLarge().orElse(0));
        return jms;
    }

    /**
     * The returned message a queued message carries. Whatever is on the queue becomes a message (a text message's
     * text, or no bytes at all), so that one put there by something else than Rebound is understood as unreadable
     * and goes to the dead-letter folder, rather than failing every batch it is in. Its hash is computed again from
     * the bytes: the bytes are what is recorded.
     */
    static ReturnedMessage fromJms(Message jms) throws JMSException {
        byte[] raw;
        if (jms instanceof BytesMessage bytes) {
            // From the start, even if something read it before (camel-jms's body of the dead-letter route).
            bytes.reset();
            raw = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(raw);
        } else if (jms instanceof TextMessage text && text.getText() != null) {
            raw = text.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            raw = new byte[0];
        }
        long fetched = jms.propertyExists(FETCHED_AT) ? jms.getLongProperty(FETCHED_AT) : System.currentTimeMillis();
        long tooLarge = jms.propertyExists(TOO_LARGE) ? jms.getLongProperty(TOO_LARGE) : 0;
        return new ReturnedMessage(raw, ReturnedMessage.sha256(raw), "", Instant.ofEpochMilli(fetched),
                tooLarge > 0 ? OptionalLong.of(tooLarge) : OptionalLong.empty());
    }

    static String account(Message jms) throws JMSException {
        String account = jms.getStringProperty(ACCOUNT);
        return account == null || account.isBlank() ? UNKNOWN_ACCOUNT : account;
    }
}
