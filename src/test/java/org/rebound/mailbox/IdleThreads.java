package org.rebound.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * What the tests see of Rebound's IMAP IDLE waits, from the threads' stacks: whether a thread waits for new mail
 * ({@link ImapIdle#awaitNewMail}), and whether its IDLE has been acknowledged by the server (the thread reads the
 * IDLE's responses in Angus Mail's {@code IMAPProtocol.readIdleResponse}, which follows the server's "+ idling").
 */
public final class IdleThreads {

    private static final String IMAP_PROTOCOL = "org.eclipse.angus.mail.imap.protocol.IMAPProtocol";

    private IdleThreads() {
    }

    /** How many threads are in a wait for new mail (connecting the listening connection included). */
    public static long waiting() {
        return threadsIn(ImapIdle.class.getName(), "awaitNewMail");
    }

    /** How many threads are in an IDLE the server has acknowledged. */
    public static long acknowledged() {
        return threadsIn(IMAP_PROTOCOL, "readIdleResponse");
    }

    /**
     * Waits until a thread is in an IDLE the server has acknowledged, and a second more, so that mail delivered next
     * arrives during the IDLE. GreenMail (2.1.13, IdleCommand) sends "+ idling" before it registers the listener that
     * reports new mail during the IDLE: a message delivered in between is reported only after DONE, and the wait
     * lasts its longest. Timed against the start of an IDLE, 15 and 29 of 2,000 deliveries went unreported that
     * way (IdleReportProbe, two runs). The second outlasts that gap.
     */
    public static void awaitAcknowledged() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (acknowledged() == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no IDLE acknowledged by the server within 30 s");
            }
            Thread.sleep(20);
        }
        Thread.sleep(Duration.ofSeconds(1).toMillis());
    }

    private static long threadsIn(String className, String method) {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(f -> f.getClassName().equals(className)
                        && f.getMethodName().equals(method)))
                .count();
    }
}
