package org.rebound.app;

/** The pipeline end to end on the embedded default database, H2. */
class H2PipelineIT extends PipelineContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
