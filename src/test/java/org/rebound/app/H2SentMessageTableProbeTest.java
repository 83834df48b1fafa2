package org.rebound.app;

/** The probe of the sending system's table on H2, which keeps unquoted names in upper case. */
class H2SentMessageTableProbeTest extends SentMessageTableProbeContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
