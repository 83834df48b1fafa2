package org.rebound.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.pop3.Pop3Server;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A real POP3 server (GreenMail) on loopback holding one bounce mailbox, for the demo and the tests. */
public final class DemoMailbox implements AutoCloseable {

    public static final String USER = "bounces";
    public static final String PASSWORD = "demo";

    private static final Session SESSION = Session.getInstance(new Properties());

    private final GreenMail server;
    private final GreenMailUser user;
    private final int port;

    public DemoMailbox() {
        port = freePort();
        server = new NoDelayGreenMail(new ServerSetup(port, "127.0.0.1", "pop3"));
        server.start();
        user = server.setUser("bounces@bounces.rebound.invalid", USER, PASSWORD);
    }

    public int port() {
        return port;
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

    /** The settings that point Rebound at this mailbox. */
    public Settings configure(Settings settings) {
        return settings.with("rebound.mailbox.protocol", "pop3")
                .with("rebound.mailbox.host", "127.0.0.1")
                .with("rebound.mailbox.port", Integer.toString(port))
                .with("rebound.mailbox.user", USER)
                .with("rebound.mailbox.password", PASSWORD);
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
            try {
                client.setTcpNoDelay(true);
            } catch (SocketException e) {
                throw new UncheckedIOException("cannot set TCP_NODELAY on a POP3 connection", e);
            }
            return super.createProtocolHandler(client);
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
