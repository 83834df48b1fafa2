package org.rebound.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import org.rebound.app.DemoMailbox;

/**
 * Dovecot (https://www.dovecot.org), the POP3 server that most mail hosts run, started for one run with a
 * configuration of its own: one user, a Maildir under the run's folder, plaintext login on a loopback port, no TLS.
 * Benchmarks drain it rather than GreenMail because they share two cores with the server: GreenMail, in the
 * harness's JVM, used about as much CPU as Rebound itself, where a mail host's server runs on other machines.
 *
 * <p>Messages are written straight into the Maildir's {@code cur/} folder, named with their size and their size
 * with CRLF line ends ({@code ,S=} and {@code ,W=}, Dovecot's Maildir extensions), so that Dovecot lists the
 * mailbox without reading every file. Run as root, Dovecot refuses uid 0 for mail access: the Maildir then
 * belongs to the system user {@code mail}.
 */
public final class DovecotMailbox implements BenchMailbox {

    public static final Path BINARY = Path.of("/usr/sbin/dovecot");
    private static final String USER = "bounces";
    private static final String PASSWORD = "bench";
    private static final String ROOT_MAIL_USER = "mail";

    private final Path dir;
    private final Path cur;
    private final Optional<Owner> mailOwner;
    private final int port;
    private final int imapPort;
    /** The implicit-TLS ports (pop3s, imaps, RFC 8314), when TLS is offered; 0 otherwise. */
    private final int pop3sPort;
    private final int imapsPort;
    private final Process process;
    private final List<Path> held = new ArrayList<>();
    private boolean holding;
    private long delivered;

    /**
     * What the server offers besides plain POP3 (tests): IMAP on a port of its own (Debian package dovecot-imapd), and
     * TLS by STARTTLS (RFC 2595) with this certificate, required before any login.
     *
     * @param certificate PEM file of the server's certificate; with {@code key}, empty paths for no TLS
     * @param idle        whether IMAP announces IDLE (RFC 2177), as Dovecot does unless told otherwise
     */
    public record Offer(boolean imap, Optional<Path> certificate, Optional<Path> key, boolean idle) {
        public static Offer plainPop3() {
            return new Offer(false, Optional.empty(), Optional.empty(), true);
        }

        /**
         * POP3 and IMAP, both requiring STARTTLS (Dovecot's ssl = required) with this certificate and key, and also
         * served over TLS from the first byte (pop3s, imaps).
         */
        public static Offer startTls(Path certificate, Path key) {
            return new Offer(true, Optional.of(certificate), Optional.of(key), true);
        }

        /** POP3 and IMAP in clear, IMAP announcing no IDLE: a server that must be polled. */
        public static Offer imapWithoutIdle() {
            return new Offer(true, Optional.empty(), Optional.empty(), false);
        }
    }

    private DovecotMailbox(Path dir, Path cur, Optional<Owner> mailOwner, int port, int imapPort, int pop3sPort,
            int imapsPort, Process process) {
        this.dir = dir;
        this.cur = cur;
        this.mailOwner = mailOwner;
        this.port = port;
        this.imapPort = imapPort;
        this.pop3sPort = pop3sPort;
        this.imapsPort = imapsPort;
        this.process = process;
    }

    /** Whether the IMAP server of the Debian package dovecot-imapd is installed too. */
    public static boolean imapInstalled() {
        return Files.isExecutable(Path.of("/usr/lib/dovecot/imap"));
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts Dovecot with its configuration, logs and mailbox under {@code dir}, and waits until it answers. */
    public static DovecotMailbox start(Path dir) throws IOException {
        return start(dir, Offer.plainPop3());
    }

    /** Starts Dovecot offering this, and waits until it answers. */
    public static DovecotMailbox start(Path dir, Offer offer) throws IOException {
        if (!installed()) {
            throw new IllegalStateException("Dovecot is not installed (" + BINARY + "): install the Debian package "
                    + "dovecot-pop3d, or run the benchmark with --pop3-server greenmail");
        }
        Path base = Files.createDirectories(dir.toAbsolutePath());
        String runAs = System.getProperty("user.name");
        boolean root = runAs.equals("root");
        Optional<Owner> mailOwner = root ? Optional.of(Owner.of(base, ROOT_MAIL_USER)) : Optional.empty();
        Path home = base.resolve("home");
        Path maildir = home.resolve(USER).resolve("Maildir");
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(maildir.resolve(sub));
        }
        if (mailOwner.isPresent()) {
            // The mail user must reach its Maildir through the run's folder (a test's temporary folder is private).
            Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Path p : new Path[] {home, home.resolve(USER), maildir, maildir.resolve("cur"),
                    maildir.resolve("new"), maildir.resolve("tmp")}) {
                mailOwner.get().give(p);
            }
        }
        int port = DemoMailbox.freePort();
        int imapPort = offer.imap() ? DemoMailbox.freePort() : 0;
        boolean tls = offer.certificate().isPresent() && offer.key().isPresent();
        int pop3sPort = tls ? DemoMailbox.freePort() : 0;
        int imapsPort = tls && offer.imap() ? DemoMailbox.freePort() : 0;
        Path config = base.resolve("dovecot.conf");
        Files.writeString(config, configuration(base, home, port, root ? ROOT_MAIL_USER : runAs, root)
                + extras(offer, imapPort, pop3sPort, imapsPort));
        Path log = base.resolve("dovecot.out");
        Process process = ChildProcesses.killedOnExit(new ProcessBuilder(BINARY.toString(), "-F", "-c",
                config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        DovecotMailbox mailbox = new DovecotMailbox(base, maildir.resolve("cur"), mailOwner, port, imapPort,
                pop3sPort, imapsPort, process);
        mailbox.awaitListening(log);
        return mailbox;
    }

    /**
     * The whole configuration: nothing from /etc/dovecot, so the run neither depends on nor disturbs a system
     * Dovecot. Services that need root (chroot) are told not to when not run as root.
     */
    private static String configuration(Path base, Path home, int port, String mailUser, boolean root) {
        String unprivileged = root ? "" : """
                default_internal_user = %1$s
                default_login_user = %1$s
                """.formatted(mailUser);
        return """
                # Written by the Rebound benchmark for one run.
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                # Microseconds: the failover drill times takeovers and overlapping sessions from this log.
                log_timestamp = "%%Y-%%m-%%d %%H:%%M:%%S.%%{usecs} "
                instance_name = rebound-bench-%3$d
                protocols = pop3
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain
                first_valid_uid = 1
                mail_location = maildir:%2$s/%%u/Maildir
                %6$s
                passdb {
                  driver = static
                  args = password=%5$s
                }
                userdb {
                  driver = static
                  args = uid=%4$s gid=%4$s home=%2$s/%%u
                }
                service pop3-login {
                  chroot =
                  inet_listener pop3 {
                    address = 127.0.0.1
                    port = %3$d
                  }
                }
                service anvil {
                  chroot =
                }
                service stats {
                  unix_listener stats-writer {
                    mode = 0666
                  }
                }
                """.formatted(base, home, port, mailUser, PASSWORD, unprivileged);
    }

    /** IMAP and TLS, when offered: appended last, so these settings win over the plain ones above. */
    private static String extras(Offer offer, int imapPort, int pop3sPort, int imapsPort) {
        StringBuilder more = new StringBuilder();
        if (offer.imap()) {
            more.append("""
                    protocols = pop3 imap
                    service imap-login {
                      chroot =
                      inet_listener imap {
                        address = 127.0.0.1
                        port = %d
                      }
                      inet_listener imaps {
                        address = 127.0.0.1
                        port = %d
                        ssl = yes
                      }
                    }
                    """.formatted(imapPort, imapsPort));
            if (!offer.idle()) {
                // The capabilities announced after login, which a client acts on: Dovecot's own, less IDLE.
                more.append("imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE NAMESPACE UNSELECT UIDPLUS MOVE\n");
            }
        }
        if (offer.certificate().isPresent() && offer.key().isPresent()) {
            // ssl = required: no login before STARTTLS (RFC 2595 section 2.2), so a client that cannot upgrade fails.
            more.append("""
                    ssl = required
                    disable_plaintext_auth = yes
                    ssl_cert = <%s
                    ssl_key = <%s
                    service pop3-login {
                      inet_listener pop3s {
                        address = 127.0.0.1
                        port = %d
                        ssl = yes
                      }
                    }
                    """.formatted(offer.certificate().get().toAbsolutePath(), offer.key().get().toAbsolutePath(),
                    pop3sPort));
        }
        return more.toString();
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Dovecot stopped at start-up: " + Files.readString(log)
                        + readIfExists(dir.resolve("dovecot.log")));
            }
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        close();
        throw new IOException("Dovecot did not listen on port " + port + " within 10 s; see " + log);
    }

    @Override
    public int port() {
        return port;
    }

    /** Dovecot's own log: each login with the client's address (rip) and session id, and each disconnection. */
    public Path log() {
        return dir.resolve("dovecot.log");
    }

    /** The port of POP3 over TLS from the first byte (pop3s), when TLS is offered. */
    public int pop3sPort() {
        if (pop3sPort == 0) {
            throw new IllegalStateException("this Dovecot offers no TLS");
        }
        return pop3sPort;
    }

    /** The port of IMAP over TLS from the first byte (imaps), when TLS and IMAP are offered. */
    public int imapsPort() {
        if (imapsPort == 0) {
            throw new IllegalStateException("this Dovecot offers no IMAP over TLS");
        }
        return imapsPort;
    }

    /** The IMAP port, when IMAP is offered. */
    public int imapPort() {
        if (imapPort == 0) {
            throw new IllegalStateException("this Dovecot serves POP3 only");
        }
        return imapPort;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public synchronized void deliver(byte[] raw) {
        long crlfSize = raw.length + bareLineFeeds(raw);
        // Maildir names (https://cr.yp.to/proto/maildir.html): unique per delivery, ":2," starts the flags.
        String name = "%d.rebound-bench,S=%d,W=%d:2,".formatted(++delivered, raw.length, crlfSize);
        try {
            Path tmp = cur.resolveSibling("tmp").resolve(name);
            Files.write(tmp, raw);
            if (mailOwner.isPresent()) {
                mailOwner.get().give(tmp);
            }
            if (holding) {
                held.add(tmp);
            } else {
                Files.move(tmp, cur.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the Dovecot mailbox " + cur, e);
        }
    }

    /**
     * From now until {@link #release()}, delivered messages wait in the Maildir's {@code tmp/}, which no reader
     * lists (the Maildir convention), so that a run can start its clients before the mail arrives.
     */
    public synchronized void hold() {
        holding = true;
    }

    /** Moves every held message into the mailbox, in delivery order, and delivers straight in again. */
    public synchronized void release() {
        try {
            for (Path tmp : held) {
                Files.move(tmp, cur.resolve(tmp.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move held messages into the Dovecot mailbox " + cur, e);
        }
        held.clear();
        holding = false;
    }

    @Override
    public int messageCount() {
        return countFiles(cur) + countFiles(cur.resolveSibling("new"));
    }

    private static int countFiles(Path folder) {
        try (var files = Files.list(folder)) {
            return (int) files.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Dovecot mailbox folder " + folder, e);
        }
    }

    /** The master process's CPU, with its finished workers' (it reaps them) and the live workers'. */
    @Override
    public OptionalDouble cpuSeconds() {
        Optional<Double> master = ReboundProcess.cpuSecondsOf(process.pid(), true);
        if (master.isEmpty()) {
            return OptionalDouble.empty();
        }
        double seconds = master.get();
        for (ProcessHandle worker : process.descendants().toList()) {
            // A worker that ended after the listing is left out: the master has its time once it reaps it.
            seconds += ReboundProcess.cpuSecondsOf(worker.pid(), false).orElse(0.0);
        }
        return OptionalDouble.of(seconds);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static long bareLineFeeds(byte[] raw) {
        long count = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                count++;
            }
        }
        return count;
    }

    /** The system user and group that own the Maildir when Dovecot is run as root. */
    private record Owner(UserPrincipal user, GroupPrincipal group) {
        static Owner of(Path onFileSystem, String name) throws IOException {
            UserPrincipalLookupService users = onFileSystem.getFileSystem().getUserPrincipalLookupService();
            return new Owner(users.lookupPrincipalByName(name), users.lookupPrincipalByGroupName(name));
        }

        void give(Path path) throws IOException {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
        }
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
