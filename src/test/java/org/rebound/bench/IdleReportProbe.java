package org.rebound.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.rebound.app.DemoMailbox;
import org.rebound.mailbox.MailboxAccount;

/**
 * Whether an IMAP server reports mail delivered just as an IDLE starts (RFC 2177): over raw IMAP, each round sends
 * IDLE while another thread delivers one message 0-0.4 ms later, waits up to 3 s for EXISTS, sends DONE, and counts
 * where the EXISTS came: before the server's "+ idling", during the IDLE, or only after DONE (the IDLE missed it, and
 * a client would wait out its longest IDLE). Rebound's IDLE (ImapIdle) learns of new mail only from those reports.
 *
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.rebound.bench.IdleReportProbe greenmail 2000
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.rebound.bench.IdleReportProbe dovecot 2000
 * </pre>
 *
 * Not a test: run by hand (Dovecot needs dovecot-imapd installed). Measured: GreenMail 2.1.13, 15 and 29 of 2,000 only
 * after DONE (two runs); Dovecot 2.3.19, 2,000 of 2,000 during the IDLE.
 */
public final class IdleReportProbe {

    private static final byte[] MAIL = ("From: mailer-daemon@example.org\r\nTo: bounces@example.com\r\n"
            + "Subject: probe\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);

    private IdleReportProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].matches("greenmail|dovecot")) {
            System.err.println("usage: IdleReportProbe greenmail|dovecot ROUNDS");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[1]);
        if (args[0].equals("greenmail")) {
            try (DemoMailbox mailbox = new DemoMailbox(MailboxAccount.Protocol.IMAP)) {
                report("GreenMail", probe(mailbox.port(), DemoMailbox.USER, DemoMailbox.PASSWORD, mailbox::deliver,
                        rounds));
            }
        } else {
            Path dir = Files.createTempDirectory("idle-report-probe");
            // Dovecot's mail user must reach the Maildir.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (DovecotMailbox mailbox = DovecotMailbox.start(dir.resolve("dovecot"),
                    new DovecotMailbox.Offer(true, Optional.empty(), Optional.empty(), true))) {
                report("Dovecot", probe(mailbox.imapPort(), mailbox.user(), mailbox.password(), mailbox::deliver,
                        rounds));
            }
        }
    }

    /** Where each round's EXISTS came. */
    private record Counts(int beforeContinuation, int duringIdle, int onlyAfterDone, int never) {
    }

    private interface Delivery {
        void deliver(byte[] raw) throws Exception;
    }

    private static Counts probe(int port, String user, String password, Delivery delivery, int rounds)
            throws Exception {
        int before = 0;
        int during = 0;
        int after = 0;
        int never = 0;
        ExecutorService deliverer = Executors.newSingleThreadExecutor();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            in.readLine(); // the greeting
            command(in, out, "a", "LOGIN " + user + " " + password);
            command(in, out, "b", "SELECT INBOX");
            for (int i = 0; i < rounds; i++) {
                long delayNanos = ThreadLocalRandom.current().nextLong(0, 400_000);
                Future<?> delivered = deliverer.submit(() -> {
                    long at = System.nanoTime() + delayNanos;
                    while (System.nanoTime() < at) {
                        Thread.onSpinWait();
                    }
                    delivery.deliver(MAIL);
                    return null;
                });
                String tag = "i" + i;
                send(out, tag + " IDLE");
                boolean reportedBefore = false;
                for (String line = in.readLine(); !line.startsWith("+"); line = in.readLine()) {
                    reportedBefore |= line.contains("EXISTS");
                }
                delivered.get();
                boolean reportedDuring = false;
                if (!reportedBefore) {
                    try {
                        while (!reportedDuring) {
                            reportedDuring = in.readLine().contains("EXISTS");
                        }
                    } catch (SocketTimeoutException quiet) {
                        // no report within 3 s
                    }
                }
                send(out, "DONE");
                boolean reportedAfter = false;
                for (String line = in.readLine(); !line.startsWith(tag + " "); line = in.readLine()) {
                    reportedAfter |= line.contains("EXISTS");
                }
                if (reportedBefore) {
                    before++;
                } else if (reportedDuring) {
                    during++;
                } else if (reportedAfter) {
                    after++;
                } else {
                    never++;
                }
            }
        } finally {
            deliverer.shutdownNow();
        }
        return new Counts(before, during, after, never);
    }

    private static void report(String server, Counts c) {
        System.out.printf("%s: EXISTS before \"+ idling\" %d, during the IDLE %d, only after DONE %d, never %d%n",
                server, c.beforeContinuation(), c.duringIdle(), c.onlyAfterDone(), c.never());
    }

    private static void command(BufferedReader in, Writer out, String tag, String command) throws IOException {
        send(out, tag + " " + command);
        for (String line = in.readLine(); !line.startsWith(tag + " "); line = in.readLine()) {
            // untagged responses
        }
    }

    private static void send(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }
}
