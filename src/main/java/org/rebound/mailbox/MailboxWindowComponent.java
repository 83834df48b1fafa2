package org.rebound.mailbox;

import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.Endpoint;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.rebound.election.MailboxElection;

/**
 * The {@code mailbox:} endpoints of the routes: camel-mail's endpoint (its URI,
 * {@code pop3|pop3s|imap|imaps://host:port}, its options and its {@code mail.*} session properties, its SSL context
 * and authenticator) read a window at a time by {@link MailboxWindowConsumer}. One route per mailbox:
 *
 * <pre>
 * from:
 *   uri: "mailbox:{{rebound.mailbox.protocol}}://{{rebound.mailbox.host}}:{{rebound.mailbox.port}}"
 *   parameters:
 *     account: default        # rebound.mailbox.* (default), or NAME for rebound.mailboxes.NAME.*
 * </pre>
 *
 * The account gives what settings check at start: the login (password or OAuth2), STARTTLS, the trust store, the
 * IMAP folder and what becomes of processed mail. Windows of every mailbox go through the one pipeline one at a
 * time, in turn: its read-ahead (pipeline.UnderstandingAhead) keeps the results of the last few windows downloaded,
 * and two windows recorded at once would only contend for the database.
 *
 * <p>Where several Rebound instances run, the election ({@link MailboxElection}, rebound.election) decides which of
 * them polls each mailbox: it may fire the consumer's polls itself (its scheduler), and the consumer asks it before
 * every window whether this instance still polls the mailbox.
 */
public final class MailboxWindowComponent extends MailComponent {

    public static final String SCHEME = "mailbox";

    private final Map<String, MailboxAccount> accounts;
    private final WindowReading reading;
    private final MailboxElection election;
    /** One window at a time across the mailboxes, handed out fairly so that none waits behind another's drain. */
    private final ReentrantLock windowTurn = new ReentrantLock(true);

    public MailboxWindowComponent(Map<String, MailboxAccount> accounts, WindowReading reading,
            MailboxElection election) {
        this.accounts = Map.copyOf(accounts);
        this.reading = reading;
        this.election = election;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        election.start(getCamelContext());
    }

    @Override
    protected void doStop() throws Exception {
        try {
            election.stop();
        } finally {
            super.doStop();
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String name = getAndRemoveParameter(parameters, "account", String.class, "default");
        MailboxAccount account = accounts.get(name);
        if (account == null) {
            throw new IllegalArgumentException("the endpoint " + uri + " names the mailbox account '" + name
                    + "', which no settings define (rebound.mailbox.* is 'default', rebound.mailboxes.NAME.* is NAME;"
                    + " defined: " + accounts.keySet() + ")");
        }
        String address = remaining.contains("://") ? remaining : account.protocol().storeName() + "://" + remaining;
        MailConfiguration config = getConfiguration().copy();
        config.configure(new URI(address));
        if (!config.getProtocol().equals(account.protocol().storeName())) {
            throw new IllegalArgumentException("the endpoint " + uri + " reads with " + config.getProtocol()
                    + " but its account '" + name + "' is set up for " + account.protocol().storeName());
        }
        config.getAdditionalJavaMailProperties().putAll(account.javaMailProperties(config.getProtocol()));
        // The route's own mail.* options come last: an operator can still set any Jakarta Mail property there.
        for (Iterator<Map.Entry<String, Object>> i = parameters.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<String, Object> option = i.next();
            if (option.getKey().startsWith("mail.")) {
                config.getAdditionalJavaMailProperties().put(option.getKey(), option.getValue());
                i.remove();
            }
        }
        config.setUsername(account.user());
        config.setAuthenticator(account.login());
        config.setFolderName(account.folder());
        config.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, account.timeout().toMillis()));
        if (account.trustStore().isPresent()) {
            config.setSslContextParameters(trusting(account.trustStore().get()));
        }
        MailboxWindowEndpoint endpoint = new MailboxWindowEndpoint(uri, this, config, account, reading, windowTurn,
                election.leadership(name));
        election.scheduler(name).ifPresent(endpoint::setScheduler);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** TLS that trusts the certificates of this key store (and, unlike the JVM's default, only those). */
    private SSLContextParameters trusting(MailboxAccount.TrustStore store) {
        KeyStoreParameters keys = new KeyStoreParameters();
        keys.setCamelContext(getCamelContext());
        keys.setResource("file:" + store.file().toAbsolutePath());
        if (!store.password().isEmpty()) {
            keys.setPassword(store.password());
        }
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setCamelContext(getCamelContext());
        trust.setKeyStore(keys);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setCamelContext(getCamelContext());
        tls.setTrustManagers(trust);
        return tls;
    }
}
