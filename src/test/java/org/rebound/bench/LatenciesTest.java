package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    private static Latencies oneToHundredMillis() {
        Latencies l = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            l.add(Duration.ofMillis(ms).toNanos());
        }
        return l;
    }

    @Test
    void medianIsTheNearestRankFiftiethValue() {
        assertEquals(Duration.ofMillis(50), oneToHundredMillis().percentile(50));
    }

    @Test
    void ninetyNinthPercentileIsTheNinetyNinthOfAHundredValues() {
        assertEquals(Duration.ofMillis(99), oneToHundredMillis().percentile(99));
    }

    @Test
    void noValuesGiveZero() {
        assertEquals(Duration.ZERO, new Latencies().percentile(99));
    }
}
