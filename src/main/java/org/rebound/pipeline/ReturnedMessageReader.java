package org.rebound.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.mail.MailConsumer;
import org.apache.camel.component.mail.MailMessage;

/** Takes the exact bytes of a fetched message out of camel-mail's exchange, so parsing sees what the server sent. */
public final class ReturnedMessageReader {

    public ReturnedMessage read(Exchange exchange) throws IOException, MessagingException, InvalidPayloadException {
        if (exchange.getIn() instanceof MailMessage mail) {
            Message message = mail.getOriginalMessage();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
            message.writeTo(bytes);
            String uid = exchange.getProperty(MailConsumer.MAIL_MESSAGE_UID, "", String.class);
            return ReturnedMessage.of(bytes.toByteArray(), uid);
        }
        // Messages sent again from the dead-letter folder, or by tests, arrive as plain bytes.
        return ReturnedMessage.of(exchange.getIn().getMandatoryBody(byte[].class), "");
    }
}
