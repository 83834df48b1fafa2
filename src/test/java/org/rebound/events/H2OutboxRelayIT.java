package org.rebound.events;

import org.rebound.app.TestDatabase;

/** The outbox contract on H2, the embedded default database: a private database per test. */
class H2OutboxRelayIT extends OutboxRelayContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
