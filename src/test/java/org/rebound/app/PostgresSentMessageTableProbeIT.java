package org.rebound.app;

import java.sql.SQLException;

/** The probe of the sending system's table on PostgreSQL, which keeps unquoted names in lower case. */
class PostgresSentMessageTableProbeIT extends SentMessageTableProbeContract {

    @Override
    TestDatabase database() throws SQLException {
        return TestDatabase.postgres("sent_table_probe_it");
    }
}
