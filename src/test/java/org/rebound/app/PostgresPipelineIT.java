package org.rebound.app;

import java.sql.SQLException;

/** The pipeline end to end on the PostgreSQL server this machine runs. */
class PostgresPipelineIT extends PipelineContract {

    @Override
    TestDatabase database() throws SQLException {
        return TestDatabase.postgres("rebound_e2e");
    }
}
