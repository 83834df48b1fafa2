package org.rebound.bench;

import java.util.OptionalDouble;

import org.rebound.app.DemoMailbox;
import org.rebound.mailbox.MailboxAccount;

/**
 * The POP3 server a benchmark or crash test drains: a mailbox on loopback that the harness fills, counts and stops.
 * It lives in or under the harness's process, so it outlives a killed Rebound.
 */
public interface BenchMailbox extends AutoCloseable {

    int port();

    String user();

    String password();

    /** Puts one message into the mailbox exactly as given. */
    void deliver(byte[] raw);

    /** Messages still in the mailbox: delivered and not yet deleted by a POP3 session. */
    int messageCount();

    /** CPU seconds the server has used so far, where it can be read apart from the harness's own. */
    OptionalDouble cpuSeconds();

    @Override
    void close();

    /** GreenMail POP3 in this JVM: needs nothing installed, and its CPU is the harness's. */
    static BenchMailbox greenMail() {
        return greenMail(MailboxAccount.Protocol.POP3);
    }

    /** GreenMail in this JVM serving pop3 or imap. */
    static BenchMailbox greenMail(MailboxAccount.Protocol protocol) {
        DemoMailbox mailbox = new DemoMailbox(protocol);
        return new BenchMailbox() {
            @Override public int port() { return mailbox.port(); }
            @Override public String user() { return DemoMailbox.USER; }
            @Override public String password() { return DemoMailbox.PASSWORD; }
            @Override public void deliver(byte[] raw) { mailbox.deliver(raw); }
            @Override public int messageCount() { return mailbox.messageCount(); }
            @Override public OptionalDouble cpuSeconds() { return OptionalDouble.empty(); }
            @Override public void close() { mailbox.close(); }
        };
    }
}
