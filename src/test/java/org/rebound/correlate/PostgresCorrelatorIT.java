package org.rebound.correlate;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The correlation contract on the machine's PostgreSQL (127.0.0.1:5432, database test, user postgres, trust
 * authentication), in a schema of its own that each test drops and recreates. Set the system property
 * {@code rebound.test.postgres.url} to use another server.
 */
class PostgresCorrelatorIT extends CorrelatorContract {

    private static final DataSource POSTGRES = postgres();

    @Override
    DataSource database() {
        return POSTGRES;
    }

    private static DataSource postgres() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getProperty("rebound.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        dataSource.setUser(System.getProperty("rebound.test.postgres.user", "postgres"));
        return dataSource;
    }
}
