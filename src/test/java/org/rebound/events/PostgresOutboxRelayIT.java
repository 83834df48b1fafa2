package org.rebound.events;

import java.sql.SQLException;

import org.rebound.app.TestDatabase;

/** The outbox contract on the machine's PostgreSQL, in a schema of its own made anew for each test. */
class PostgresOutboxRelayIT extends OutboxRelayContract {

    @Override
    TestDatabase database() throws SQLException {
        return TestDatabase.postgres("outbox_relay_it");
    }
}
