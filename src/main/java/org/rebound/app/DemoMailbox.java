package org.rebound.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.imap.ImapServer;
import com.icegreen.greenmail.pop3.Pop3Server;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.rebound.mailbox.MailboxAccount;

/**
 * A real mail server (GreenMail) on loopback holding one bounce mailbox, served over POP3 or IMAP, for the demo and
 * the tests.
 */
public final class DemoMailbox implements AutoCloseable {

    public static final String USER = "bounces";
    public static final String PASSWORD = "demo";
    /** The longest IMAP IDLE wait on this mailbox ({@link #configure(Settings, String)} says why). */
    public static final Duration IDLE_MAX = Duration.ofSeconds(5);

    private static final Session SESSION = Session.getInstance(new Properties());

    private final GreenMail server;
    private final GreenMailUser user;
    private final int port;
    private final MailboxAccount.Protocol protocol;

    /** A POP3 mailbox. */
    public DemoMailbox() {
        this(MailboxAccount.Protocol.POP3);
    }

    /** A mailbox served with this protocol: pop3 or imap (in clear on loopback). */
    public DemoMailbox(MailboxAccount.Protocol protocol) {
        if (protocol.implicitTls()) {
            throw new IllegalArgumentException("the demo mailbox serves pop3 or imap, in clear on loopback");
        }
        this.protocol = protocol;
        port = freePort();
        server = new NoDelayGreenMail(new ServerSetup(port, "127.0.0.1", protocol.storeName()));
        server.start();
        user = server.setUser("bounces@bounces.rebound.invalid", USER, PASSWORD);
    }

    public int port() {
        return port;
    }

    public MailboxAccount.Protocol protocol() {
        return protocol;
    }

    /** The GreenMail user that owns the mailbox, for tests that change its password (an OAuth2 token). */
    public GreenMailUser user() {
        return user;
    }

    /** Puts one message into the mailbox exactly as given. */
    public void deliver(byte[] raw) {
        try {
            user.deliver(new VerbatimMessage(raw));
        } catch (MessagingException | RuntimeException e) {
            // GreenMail parses what it stores, and some damaged mail breaks its parser before it is stored.
            throw new IllegalArgumentException("GreenMail cannot hold this message: " + e, e);
        }
    }

    public int messageCount() {
        try {
            return server.getManagers().getImapHostManager().getInbox(user).getMessageCount();
        } catch (FolderException e) {
            throw new IllegalStateException("the demo mailbox has no inbox", e);
        }
    }

    /** How many messages an IMAP folder of the mailbox holds (0 when it does not exist), such as the processed one. */
    public int messageCount(String folder) {
        try {
            com.icegreen.greenmail.store.MailFolder f = server.getManagers().getImapHostManager()
                    .getFolder(user, folder);
            return f == null ? 0 : f.getMessageCount();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The settings that point Rebound at this mailbox. */
    public Settings configure(Settings settings) {
        return configure(settings, "rebound.mailbox.");
    }

    /**
     * The settings that point one mailbox account (its keys under this prefix) at this mailbox. Over IMAP an IDLE
     * wait lasts at most {@link #IDLE_MAX}: GreenMail (2.1.13, IdleCommand) answers IDLE with "+ idling" before it
     * registers the listener that reports new mail, so a message delivered in that gap is reported only after the
     * IDLE ends (15 and 29 of 2,000 deliveries timed against the start of an IDLE, IdleReportProbe), and would wait out
     * the default 10 minutes.
     */
    public Settings configure(Settings settings, String prefix) {
        Settings pointed = settings.with(prefix + "protocol", protocol.storeName())
                .with(prefix + "host", "127.0.0.1")
                .with(prefix + "port", Integer.toString(port))
                .with(prefix + "user", USER)
                .with(prefix + "password", PASSWORD)
                .with(prefix + "starttls", "false");
        return protocol.imap() ? pointed.with(prefix + "imap.idle-max", IDLE_MAX.toString()) : pointed;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * GreenMail whose POP3 connections send each response at once (TCP_NODELAY). GreenMail writes a response in
     * several small writes; with Nagle's algorithm on, each waits for the client's delayed ACK, about 40 ms a
     * message on Linux loopback, where a real POP3 server takes well under one.
     */
    private static final class NoDelayGreenMail extends GreenMail {
        NoDelayGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(setups, managers);
            for (ServerSetup setup : setups) {
                if (services.get(setup.getProtocol()) instanceof Pop3Server) {
                    services.put(setup.getProtocol(), new NoDelayPop3Server(setup, managers));
                } else if (services.get(setup.getProtocol()) instanceof ImapServer) {
                    services.put(setup.getProtocol(), new NoDelayImapServer(setup, managers));
                }
            }
            return services;
        }
    }

    private static final class NoDelayPop3Server extends Pop3Server {
        NoDelayPop3Server(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket client) {
            return super.createProtocolHandler(noDelay(client));
        }
    }

    /** GreenMail's ImapServer (a final class) with TCP_NODELAY, for the same reason as POP3's. */
    private static final class NoDelayImapServer extends AbstractServer {
        NoDelayImapServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket client) {
            return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), noDelay(client));
        }
    }

    /** The client's connection, set to send each response at once (see NoDelayGreenMail). */
    private static Socket noDelay(Socket client) {
        try {
            client.setTcpNoDelay(true);
            return client;
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot set TCP_NODELAY on a mailbox connection", e);
        }
    }

    /**
     * A message parsed from bytes that keeps its own Message-ID: Jakarta Mail would otherwise give it a new one
     * when GreenMail stores it.
     */
    private static final class VerbatimMessage extends MimeMessage {
        VerbatimMessage(byte[] raw) throws MessagingException {
            super(SESSION, new ByteArrayInputStream(raw));
        }

        @Override
        protected void updateMessageID() {
            // keep the original header
        }
    }
}
