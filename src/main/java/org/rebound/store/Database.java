package org.rebound.store;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;

/** The connection pool to Rebound's database, with its schema brought up to date by Flyway at start. */
public final class Database {

    private Database() {
    }

    /**
     * @param connectTimeout how long a caller waits for a connection before failing: short, so that an outage
     *                       fails a window quickly and the health check answers
     */
    public static HikariDataSource open(String url, String user, String password, int poolSize,
                                        Duration connectTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("rebound-db");
        config.setConnectionTimeout(connectTimeout.toMillis());
        // Fail start-up at once with the driver's own message when the database cannot be reached.
        config.setInitializationFailTimeout(1);
        if (isPostgres(url)) {
            // pgjdbc sends a batch of INSERT ... VALUES as multi-row inserts (up to 128 rows a statement) rather
            // than one statement per row: a window's events, outbox rows and history go in a few statements.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new HikariDataSource(config);
    }

    /** Whether a JDBC URL names a PostgreSQL database (pgjdbc's URL scheme) rather than H2. */
    public static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    /** Applies the migrations under db/migration; the same files run on H2 and PostgreSQL. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
