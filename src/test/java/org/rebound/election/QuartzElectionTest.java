package org.rebound.election;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class QuartzElectionTest {

    @Test
    void instanceIdsTakenWithinOneMillisecondDiffer() {
        // Quartz's AUTO id (the host name and the millisecond) repeats within a millisecond: two instances started
        // together on one host shared an id. FailoverIT exercises the ids between processes.
        Set<String> ids = IntStream.range(0, 200).mapToObj(i -> QuartzElection.instanceId())
                .collect(Collectors.toSet());
        assertEquals(200, ids.size());
    }
}
