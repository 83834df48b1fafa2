package org.rebound.mailbox;

import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * How to open a session on one mailbox: the Jakarta Mail session that camel-mail's endpoint configuration built
 * (its mail.* properties, the SSL socket factory of its trust store, its authenticator), the store it names and the
 * account's folder and policies. The login is asked for at each connection, so an OAuth2 token is always current.
 */
public final class MailboxConnection {

    private final Session mail;
    private final String storeName;
    private final String host;
    private final int port;
    private final MailboxAccount account;

    public MailboxConnection(Session mail, String storeName, String host, int port, MailboxAccount account) {
        this.mail = mail;
        this.storeName = storeName;
        this.host = host;
        this.port = port;
        this.account = account;
    }

    /** A connection with a session of the account's own properties alone, for tools and tests without Camel. */
    public static MailboxConnection of(MailboxAccount account) {
        String store = account.protocol().storeName();
        return new MailboxConnection(Session.getInstance(account.javaMailProperties(store)), store, account.host(),
                account.port(), account);
    }

    /** @param listIds for POP3, whether to list the unique ids (UIDL); IMAP lists its UIDs in any case */
    MailboxSession open(boolean listIds) throws MessagingException {
        Store store = connect();
        return storeName.startsWith("imap") ? ImapSession.open(store, account.folder(), account.processed())
                : Pop3Session.open(store, toString(), listIds);
    }

    /** A store of this mailbox, connected and logged in. */
    Store connect() throws MessagingException {
        Store store = mail.getStore(storeName);
        PasswordAuthentication login = account.login().getPasswordAuthentication();
        store.connect(host, port, login.getUserName(), login.getPassword());
        return store;
    }

    MailboxAccount account() {
        return account;
    }

    /** The name of the account this connection logs in to ("default", or NAME of rebound.mailboxes.NAME.*). */
    String accountName() {
        return account.name();
    }

    @Override
    public String toString() {
        return account.name() + " (" + storeName + "://" + account.user() + "@" + host + ":" + port + ")";
    }
}
