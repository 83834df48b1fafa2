package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Dovecot's log read into sessions, with lines as Dovecot 2.3.19 writes them (log_timestamp with microseconds). */
class Pop3SessionsTest {

    private static final List<String> LOG = List.of(
            "2026-12-03 16:23:05.889759 master: Info: Dovecot v2.3.19.1 (9b53102964) starting up for pop3",
            "2026-12-03 16:23:09.347531 pop3-login: Info: Login: user=<bounces>, method=PLAIN, rip=127.0.0.2,"
                    + " lip=127.0.0.1, mpid=22478, session=<1rzULL1h5ZJ/AAAC>",
            "2026-12-03 16:23:09.396132 pop3-login: Info: Login: user=<bounces>, method=PLAIN, rip=127.0.0.3,"
                    + " lip=127.0.0.1, mpid=22480, session=<ptrYLL1hA49/AAAD>",
            "2026-12-03 16:23:09.449527 pop3(bounces)<22478><1rzULL1h5ZJ/AAAC>: Info: Disconnected: Logged out"
                    + " top=0/0, retr=120/96000, del=100/10000, size=800000",
            "2026-12-03 16:23:10.000000 pop3-login: Info: Login: user=<bounces>, method=PLAIN, rip=127.0.0.2,"
                    + " lip=127.0.0.1, mpid=22490, session=<second/AAAC>");

    private static Instant at(String time) {
        return LocalDateTime.parse("2026-12-03T" + time).atZone(ZoneId.systemDefault()).toInstant();
    }

    @Test
    void aLoginAndItsDisconnectionMakeOneSessionOfThatClient() {
        Pop3Sessions.Session first = Pop3Sessions.parse(LOG).all().get(0);

        assertEquals("127.0.0.2", first.client());
        assertEquals(at("16:23:09.347531"), first.start());
        assertEquals(at("16:23:09.449527"), first.end().orElseThrow());
        assertEquals("Logged out", first.how());
        assertEquals(120, first.retrieved());
        assertEquals(100, first.deleted());
    }

    @Test
    void sessionsWithoutADisconnectionAreStillOpen() {
        assertEquals(List.of("127.0.0.3", "127.0.0.2"), Pop3Sessions.parse(LOG).openClients());
    }

    @Test
    void overlapsAreBetweenDifferentClientsOnlyAndOpenOnesLastUntilNow() {
        List<Pop3Sessions.Overlap> overlaps = Pop3Sessions.parse(LOG).overlaps(at("16:23:11"));

        // .2's first session with .3's (until .2 logged out), and .3's open one with .2's second (until now).
        assertEquals(2, overlaps.size());
        assertEquals(Duration.ofNanos(53_395_000), overlaps.get(0).length());
        assertEquals(at("16:23:10"), overlaps.get(1).from());
        assertEquals(Duration.ofSeconds(1), overlaps.get(1).length());
        assertTrue(overlaps.stream().noneMatch(o -> o.first().client().equals(o.second().client())));
    }

    @Test
    void theFirstLoginAfterAMomentIsTheNextPoll() {
        assertEquals("second/AAAC", Pop3Sessions.parse(LOG).firstLogin(at("16:23:09.5")).orElseThrow().id());
    }
}
