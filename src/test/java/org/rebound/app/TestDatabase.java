package org.rebound.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** An empty database for one test class: a private H2 in memory, or a fresh schema on the real PostgreSQL. */
public record TestDatabase(String url, String user, String password) {

    public static TestDatabase h2() {
        return new TestDatabase("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /**
     * A schema of its own on the PostgreSQL server this machine runs (127.0.0.1:5432, database test), dropped and
     * created anew; -Drebound.test.postgres.url / .user point it at another server.
     */
    public static TestDatabase postgres(String schema) throws SQLException {
        String base = System.getProperty("rebound.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("rebound.test.postgres.user", "postgres");
        try (Connection c = DriverManager.getConnection(base, user, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return new TestDatabase(base + "?currentSchema=" + schema, user, "");
    }

    /** The same database reached through another port on loopback (a {@link TcpProxy}). */
    TestDatabase throughPort(int port) {
        return new TestDatabase(url.replaceFirst("//127\\.0\\.0\\.1:\\d+/", "//127.0.0.1:" + port + "/"), user,
                password);
    }
}
