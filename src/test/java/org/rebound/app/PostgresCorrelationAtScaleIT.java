package org.rebound.app;

import java.sql.SQLException;

/** Correlation of a full mailbox on PostgreSQL. */
class PostgresCorrelationAtScaleIT extends CorrelationAtScaleContract {

    @Override
    TestDatabase database() throws SQLException {
        return TestDatabase.postgres("rebound_scale");
    }
}
