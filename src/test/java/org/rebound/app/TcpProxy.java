package org.rebound.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ServerSocketFactory;

/**
 * A TCP forwarder on loopback that a test can cut and restore, so that a real server (PostgreSQL, a broker) goes
 * away and comes back for Rebound, as in an outage, while it keeps running for everyone else. It can also take the
 * clients' connections over TLS and forward them in clear: a server in clear then serves TLS from the first byte.
 */
final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int target;
    private final ServerSocketFactory listening;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final StringBuffer clientSent = new StringBuffer();
    private volatile ServerSocket server;

    TcpProxy(int target) throws IOException {
        this(target, ServerSocketFactory.getDefault());
    }

    /** @param listening the sockets clients connect to, such as TLS ones, which the proxy's end decrypts */
    TcpProxy(int target, ServerSocketFactory listening) throws IOException {
        this.target = target;
        this.listening = listening;
        this.port = DemoMailbox.freePort();
        restore();
    }

    int port() {
        return port;
    }

    /** Starts accepting and forwarding connections again. */
    synchronized void restore() throws IOException {
        ServerSocket s = listening.createServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Refuses new connections and breaks every open one. */
    synchronized void cut() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket("127.0.0.1", target);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Everything clients have sent through this proxy, as ISO-8859-1 text (a client's protocol commands). */
    String clientSent() {
        return clientSent.toString();
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (fromClient) {
                        clientSent.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (IOException e) {
                // the other side or cut() closed the connection
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
