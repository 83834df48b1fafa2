package org.rebound.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pass-through TCP relay in front of a POP3 server that watches the client's commands (RFC 1939): it notes when
 * each message is fetched (RETR) and when it is deleted (DELE). Rebound flags a message for deletion only after the
 * database transaction that records it has committed, and the client sends DELE when it closes the session, so
 * the time from a message's RETR to its DELE is its time from fetch to commit, the mailbox delete included, seen
 * from outside Rebound without changing it.
 *
 * <p>The relay starts closed: connections wait, unanswered, until {@link #open()}, so that a benchmark can start
 * the client process and its subscribers before the first message is fetched.
 */
public final class Pop3Tap implements AutoCloseable {

    private final ServerSocket listener;
    private final int upstreamPort;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Latencies latencies = new Latencies();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger retrieved = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private final AtomicLong firstFetchNanos = new AtomicLong();
    private final AtomicLong firstConnectionNanos = new AtomicLong();
    private final List<Session> finished = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> commands = new ConcurrentSkipListMap<>();
    private volatile boolean closed;

    public Pop3Tap(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "pop3-tap-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Lets waiting and future connections through to the server. */
    public void open() {
        gate.countDown();
    }

    /** RETR-to-DELE times of the deleted messages, in nanoseconds. */
    public Latencies latencies() {
        return latencies;
    }

    public int sessions() {
        return sessions.get();
    }

    public int retrieved() {
        return retrieved.get();
    }

    public int deleted() {
        return deleted.get();
    }

    /**
     * One POP3 session as the tap saw it.
     *
     * @param retrieved messages fetched (RETR)
     * @param deleted   messages deleted (DELE)
     * @param millis    from connection to close
     */
    public record Session(int retrieved, int deleted, long millis) {
    }

    /** The sessions that have ended, in the order they ended. */
    public List<Session> finishedSessions() {
        return List.copyOf(finished);
    }

    /** How many times the client sent each command (USER, UIDL, TOP, RETR, DELE, ...). */
    public Map<String, Integer> commandCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        commands.forEach((verb, n) -> counts.put(verb, n.get()));
        return counts;
    }

    /** System.nanoTime() of the first RETR, or 0 before it. */
    public long firstFetchNanos() {
        return firstFetchNanos.get();
    }

    /**
     * System.nanoTime() of the first connection, or 0 before it: a client's first poll, seen even while the tap is
     * closed.
     */
    public long firstConnectionNanos() {
        return firstConnectionNanos.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                firstConnectionNanos.compareAndSet(0, System.nanoTime());
                Thread t = new Thread(() -> relay(client), "pop3-tap-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("pop3 tap: accept failed: " + e);
                }
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), awaitOpen())) {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            sessions.incrementAndGet();
            long opened = System.nanoTime();
            Thread down = new Thread(() -> pump(server, client), "pop3-tap-down");
            down.setDaemon(true);
            down.start();
            int[] counts = watchCommands(client.getInputStream(), server.getOutputStream());
            down.join();
            finished.add(new Session(counts[0], counts[1], (System.nanoTime() - opened) / 1_000_000));
        } catch (IOException e) {
            // The client or the server went away (a killed Rebound): the session ends, as it would without the tap.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int awaitOpen() throws InterruptedException {
        gate.await();
        return upstreamPort;
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** Forwards the client's command lines to the server, noting RETR and DELE of each message number. */
    private int[] watchCommands(InputStream in, OutputStream out) throws IOException {
        Map<Integer, Long> fetchedAt = new HashMap<>();
        int[] counts = new int[2];
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                // Counted before it is passed on, so that whoever sees the server's answer also sees the count.
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        command(line.toString(StandardCharsets.US_ASCII).trim(), now, fetchedAt, counts);
                        line.reset();
                    } else if (line.size() < 512) {
                        line.write(buffer[i]);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } finally {
            out.close();
        }
        return counts;
    }

    private void command(String line, long now, Map<Integer, Long> fetchedAt, int[] counts) {
        String[] words = line.split(" ");
        String verb = words[0].toUpperCase(Locale.ROOT);
        if (verb.length() <= 4) {
            // Only POP3 keywords (RFC 1939: three or four characters), not the password that follows PASS.
            commands.computeIfAbsent(verb, v -> new AtomicInteger()).incrementAndGet();
        }
        if (words.length < 2) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            return;
        }
        if (verb.equals("RETR")) {
            retrieved.incrementAndGet();
            counts[0]++;
            firstFetchNanos.compareAndSet(0, now);
            fetchedAt.putIfAbsent(number, now);
        } else if (verb.equals("DELE")) {
            deleted.incrementAndGet();
            counts[1]++;
            Long fetched = fetchedAt.get(number);
            if (fetched != null) {
                latencies.add(now - fetched);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        gate.countDown();
        listener.close();
    }
}
