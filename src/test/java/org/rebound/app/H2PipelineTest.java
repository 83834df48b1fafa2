package org.rebound.app;

import java.util.Map;
import java.util.UUID;

/** The pipeline end to end on the embedded default database, H2. */
class H2PipelineTest extends PipelineContract {

    @Override
    Map<String, String> database() {
        return Map.of("url", "jdbc:h2:mem:e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "user", "sa",
                "password", "");
    }
}
