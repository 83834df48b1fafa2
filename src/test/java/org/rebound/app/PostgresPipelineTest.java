package org.rebound.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The pipeline end to end on the PostgreSQL server this machine runs (127.0.0.1:5432, database test), in a schema
 * of its own that the test empties first. -Drebound.test.postgres.url / .user point it at another server.
 */
class PostgresPipelineTest extends PipelineContract {

    static final String SCHEMA = "rebound_e2e";

    @Override
    Map<String, String> database() throws SQLException {
        String base = System.getProperty("rebound.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("rebound.test.postgres.user", "postgres");
        try (Connection c = DriverManager.getConnection(base, user, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        return Map.of("url", base + "?currentSchema=" + SCHEMA, "user", user, "password", "");
    }
}
