package org.rebound.mailbox;

import java.util.concurrent.locks.Lock;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.rebound.election.Leadership;

/**
 * camel-mail's endpoint with Rebound's consumer: camel-mail builds the Jakarta Mail session from the endpoint's
 * configuration ({@link MailEndpoint#createConsumer(Processor)}), and hands it here instead of to its own
 * per-message consumer.
 */
public final class MailboxWindowEndpoint extends MailEndpoint {

    private final MailboxAccount account;
    private final WindowReading reading;
    private final Lock windowTurn;
    private final Leadership leadership;

    MailboxWindowEndpoint(String uri, MailboxWindowComponent component, MailConfiguration configuration,
            MailboxAccount account, WindowReading reading, Lock windowTurn, Leadership leadership) {
        super(uri, component, configuration);
        this.account = account;
        this.reading = reading;
        this.windowTurn = windowTurn;
        this.leadership = leadership;
    }

    /** The name of the mailbox account this endpoint reads ("default" for rebound.mailbox.*). */
    public String accountName() {
        return account.name();
    }

    @Override
    public Consumer createConsumer(Processor processor, JavaMailSender sender) throws Exception {
        MailConfiguration c = getConfiguration();
        MailboxConnection connection = new MailboxConnection(sender.getSession(), c.getProtocol(), c.getHost(),
                c.getPort(), account);
        MailboxWindowConsumer consumer = new MailboxWindowConsumer(this, processor, reading.reader(connection),
                windowTurn, account.name(), account.idleBetweenPolls().map(most -> new ImapIdle(connection, most)),
                leadership);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("a mailbox: endpoint only reads; send mail with camel-mail's smtp:");
    }
}
