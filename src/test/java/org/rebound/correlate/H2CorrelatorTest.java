package org.rebound.correlate;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The correlation contract on H2, the embedded default database. */
class H2CorrelatorTest extends CorrelatorContract {

    private static final DataSource H2 = h2();

    @Override
    DataSource database() {
        return H2;
    }

    private static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:correlate_test;DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
