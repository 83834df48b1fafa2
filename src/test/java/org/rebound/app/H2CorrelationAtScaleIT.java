package org.rebound.app;

/** Correlation of a full mailbox on H2. */
class H2CorrelationAtScaleIT extends CorrelationAtScaleContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
